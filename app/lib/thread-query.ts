// The list filters as they appear in URLs (?project=slug&type=&status=&page=), shared by pages and the API.
import { isComplaintType, isThreadStatus, type ComplaintType, type ThreadSort, type ThreadStatus } from "./domain";

export type ThreadQuery = {
  project?: string;
  type?: ComplaintType;
  status?: ThreadStatus;
  sort: ThreadSort;
  page: number;
};

export function parseThreadQuery(params: URLSearchParams): ThreadQuery {
  const project = params.get("project")?.trim() || undefined;
  const type = params.get("type");
  const status = params.get("status");
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    project,
    type: isComplaintType(type) ? type : undefined,
    status: isThreadStatus(status) ? status : undefined,
    sort: params.get("sort") === "metoo" ? "metoo" : "newest",
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function threadQueryString(q: Partial<ThreadQuery>): string {
  const p = new URLSearchParams();
  if (q.project) p.set("project", q.project);
  if (q.type) p.set("type", q.type);
  if (q.status) p.set("status", q.status);
  if (q.sort === "metoo") p.set("sort", "metoo");
  if (q.page && q.page > 1) p.set("page", String(q.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
