// The read model of a project's page: its complaints, its scoreboard for the period, how
// many complaints about its surroundings concern disclosed factors, and how the factors of
// linked complaints stood when their authors bought.
import type { Period } from "~/lib/periods";
import { surroundingsCounts } from "../disclosures.server";
import { purchaseDisclosureCounts } from "../identity.server";
import { getProject } from "../projects.server";
import { loadScoreboard } from "../stats.server";
import { listThreads, type Viewer } from "../threads.server";

export async function projectPage(slug: string, opts: { page: number; period: Period }, viewer: Viewer, now: number) {
  const project = await getProject({ slug });
  if (!project) return undefined;
  const board = await loadScoreboard(opts.period, project.id, now);
  return {
    project,
    result: await listThreads({ projectId: project.id }, opts.page, undefined, "newest", viewer),
    surroundings: await surroundingsCounts(project.id),
    purchases: await purchaseDisclosureCounts(project.id),
    board: { period: board.period, overall: board.overall, months: board.months },
    now,
  };
}
