// GET /api/threads?project=&type=&status=&page=&pageSize= : the public thread list as JSON.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { rejectThreadListQuery, unknownProject } from "~/lib/api-query.server";
import { getProject } from "~/models/projects.server";
import { PAGE_SIZE } from "~/lib/domain";
import { parseThreadQuery } from "~/lib/thread-query";
import { apiThreadSummary } from "~/presenters/api";
import { listThreadsFor } from "~/models/threads.server";
import { currentTime } from "~/lib/time.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const rejected = rejectThreadListQuery(params);
  if (rejected) return rejected;
  const query = parseThreadQuery(params);
  if (query.project && !(await getProject({ slug: query.project }))) return unknownProject();
  const requested = Number.parseInt(params.get("pageSize") ?? "", 10);
  const pageSize = Number.isFinite(requested) ? Math.min(100, Math.max(1, requested)) : PAGE_SIZE;
  const result = await listThreadsFor(query, pageSize);
  const now = currentTime();
  return json(
    {
      threads: result.items.map((t) => apiThreadSummary(t, now)),
      page: result.page,
      pageSize: result.pageSize,
      pages: result.pages,
      total: result.total,
      filters: { project: query.project ?? null, type: query.type ?? null, status: query.status ?? null },
    },
    { headers: { "Cache-Control": "public, max-age=30", "Access-Control-Allow-Origin": "*" } },
  );
}
