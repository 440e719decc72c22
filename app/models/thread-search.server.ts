// Resolves URL filters to a page of threads (used by the home page and the API).
import type { ThreadQuery } from "~/lib/thread-query";
import { getProjectBySlug } from "./projects.server";
import { listThreads, type ThreadFilters, type Viewer } from "./threads.server";

export function findThreads(q: ThreadQuery, pageSize?: number, viewer: Viewer = null) {
  const filters: ThreadFilters = { complaintType: q.type, status: q.status };
  if (q.project) {
    const project = getProjectBySlug(q.project);
    // An unknown project matches nothing rather than everything.
    filters.projectId = project ? project.id : -1;
  }
  return listThreads(filters, q.page, pageSize, q.sort, viewer);
}
