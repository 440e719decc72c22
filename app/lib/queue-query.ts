// The staff queue's filters as they appear in its URL.
import { isComplaintType, OPEN_STATUSES, SEVERITIES, type ComplaintType, type Severity } from "./domain";

export type QueueQuery = {
  /** A regional company's slug, or "all"; absent means the viewer's own company (headquarters: all). */
  company?: string;
  project?: string;
  type?: ComplaintType;
  severity?: Severity | "none";
  status?: (typeof OPEN_STATUSES)[number];
  assignee?: string;
  overdue: boolean;
  unclassified: boolean;
  page: number;
};

export function parseQueueQuery(p: URLSearchParams): QueueQuery {
  const severity = p.get("severity");
  const status = p.get("status");
  const page = Number.parseInt(p.get("page") ?? "1", 10);
  return {
    company: p.get("company") || undefined,
    project: p.get("project") || undefined,
    type: isComplaintType(p.get("type")) ? (p.get("type") as ComplaintType) : undefined,
    severity: severity === "none" ? "none" : (SEVERITIES as readonly number[]).includes(Number(severity)) ? (Number(severity) as Severity) : undefined,
    status: (OPEN_STATUSES as readonly string[]).includes(status ?? "") ? (status as QueueQuery["status"]) : undefined,
    assignee: p.get("assignee") || undefined,
    overdue: p.get("overdue") === "1",
    unclassified: p.get("unclassified") === "1",
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function queueHref(q: Partial<QueueQuery>): string {
  const p = new URLSearchParams();
  if (q.company) p.set("company", q.company);
  if (q.project) p.set("project", q.project);
  if (q.type) p.set("type", q.type);
  if (q.severity) p.set("severity", String(q.severity));
  if (q.status) p.set("status", q.status);
  if (q.assignee) p.set("assignee", q.assignee);
  if (q.overdue) p.set("overdue", "1");
  if (q.unclassified) p.set("unclassified", "1");
  if (q.page && q.page > 1) p.set("page", String(q.page));
  const s = p.toString();
  return `/staff${s ? `?${s}` : ""}`;
}
