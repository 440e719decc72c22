// Projects (楼盘): the estates owners complain about.
import { asc, eq, sql } from "drizzle-orm";
import { projects, threads } from "../../db/schema";
import { getDb } from "~/lib/db.server";

export type ProjectSummary = { id: number; slug: string; name: string; city: string; address: string };

export function listProjects(): (ProjectSummary & { threadCount: number })[] {
  const db = getDb();
  const counts = db
    .select({ projectId: threads.projectId, n: sql<number>`count(*)`.as("n") })
    .from(threads)
    .groupBy(threads.projectId)
    .as("counts");
  return db
    .select({
      id: projects.id,
      slug: projects.slug,
      name: projects.name,
      city: projects.city,
      address: projects.address,
      threadCount: sql<number>`coalesce(${counts.n}, 0)`,
    })
    .from(projects)
    .leftJoin(counts, eq(counts.projectId, projects.id))
    .orderBy(asc(projects.city), asc(projects.name))
    .all();
}

/** Id, slug and name of every project, for filter menus and the posting form. */
export function listProjectOptions(): Pick<ProjectSummary, "id" | "slug" | "name" | "city">[] {
  return getDb()
    .select({ id: projects.id, slug: projects.slug, name: projects.name, city: projects.city })
    .from(projects)
    .orderBy(asc(projects.city), asc(projects.name))
    .all();
}

export function getProjectBySlug(slug: string): ProjectSummary | undefined {
  return getDb()
    .select({ id: projects.id, slug: projects.slug, name: projects.name, city: projects.city, address: projects.address })
    .from(projects)
    .where(eq(projects.slug, slug))
    .get();
}

export function getProjectById(id: number): ProjectSummary | undefined {
  return getDb()
    .select({ id: projects.id, slug: projects.slug, name: projects.name, city: projects.city, address: projects.address })
    .from(projects)
    .where(eq(projects.id, id))
    .get();
}
