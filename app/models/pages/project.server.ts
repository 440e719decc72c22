// The read model of a project's page: its complaints, its scoreboard for the period, how
// many complaints about its surroundings concern disclosed factors, and how the factors of
// linked complaints stood when their authors bought.
import type { Period } from "~/lib/periods";
import { surroundingsCounts } from "../disclosures.server";
import { purchaseDisclosureCounts } from "../identity.server";
import { getProject } from "../projects.server";
import { keptUntilWrite } from "../generation.server";
import { loadScoreboard, SITE_BOARD_TTL_MS } from "../stats.server";
import { listThreads, type Viewer } from "../threads.server";

export async function projectPage(slug: string, opts: { page: number; period: Period }, viewer: Viewer, now: number) {
  const project = await getProject({ slug });
  if (!project) return undefined;
  // The same for every viewer until the next write; the scoreboard also moves with the clock,
  // and is kept as long as the site's is.
  const board = await keptUntilWrite(`project-board ${project.id} ${opts.period}`, () => loadScoreboard(opts.period, project.id, now), {
    maxAgeMs: SITE_BOARD_TTL_MS,
    now,
  });
  const figures = await keptUntilWrite(`project-figures ${project.id}`, async () => ({
    surroundings: await surroundingsCounts(project.id),
    purchases: await purchaseDisclosureCounts(project.id),
  }));
  return {
    project,
    result: await listThreads({ projectId: project.id }, opts.page, undefined, "newest", viewer),
    ...figures,
    board: { period: board.period, overall: board.overall, months: board.months },
    now,
  };
}
