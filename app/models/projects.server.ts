// Projects (楼盘): the estates owners complain about.
import { asc, eq } from "drizzle-orm";
import { projects } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { keptUntilWrite } from "./generation.server";

export type ProjectSummary = { id: number; slug: string; name: string; city: string; address: string };

export async function listProjects(): Promise<(ProjectSummary & { threadCount: number })[]> {
  return getDb()
    .select({
      id: projects.id,
      slug: projects.slug,
      name: projects.name,
      city: projects.city,
      address: projects.address,
      threadCount: projects.threadCount,
    })
    .from(projects)
    .orderBy(asc(projects.city), asc(projects.name))
    .all();
}

/** Id, slug, name and regional company of every project, for filter menus and the posting form. */
export async function listProjectOptions(): Promise<(Pick<ProjectSummary, "id" | "slug" | "name" | "city"> & { unitId: number | null })[]> {
  // On every list page's filter menu: kept until the next write.
  return keptUntilWrite("project-options", async () =>
    getDb()
      .select({ id: projects.id, slug: projects.slug, name: projects.name, city: projects.city, unitId: projects.unitId })
      .from(projects)
      .orderBy(asc(projects.city), asc(projects.name))
      .all(),
  );
}

/** One project, by its slug (from a URL) or its id. */
export async function getProject(key: { slug: string } | { id: number }): Promise<ProjectSummary | undefined> {
  return getDb()
    .select({ id: projects.id, slug: projects.slug, name: projects.name, city: projects.city, address: projects.address })
    .from(projects)
    .where("slug" in key ? eq(projects.slug, key.slug) : eq(projects.id, key.id))
    .get();
}
