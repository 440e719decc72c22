// Query parameters of the JSON API, checked strictly. The HTML pages forgive a stray value
// (a hand-edited URL just shows the unfiltered list); an integration that misspells
// `status=resolve` must hear about it instead of silently receiving every thread.
import { json } from "@remix-run/node";
import { z } from "zod";
import { COMPLAINT_TYPES, THREAD_SORTS, THREAD_STATUSES } from "./domain";
import { PERIODS } from "./periods";

/** A whole number; the range is forgiven (clamped) by the list, as the README says. */
const wholeNumber = z.string().regex(/^-?\d{1,9}$/, "must be a whole number");
const oneOf = (values: readonly [string, ...string[]]) => z.enum(values, { error: `must be one of: ${values.join(", ")}` });

const threadListParams = z.object({
  project: z.string().optional(),
  type: oneOf(COMPLAINT_TYPES).optional(),
  status: oneOf(THREAD_STATUSES).optional(),
  sort: oneOf(THREAD_SORTS).optional(),
  page: wholeNumber.optional(),
  pageSize: wholeNumber.optional(),
});

const statsParams = z.object({
  period: oneOf(PERIODS).optional(),
  project: z.string().optional(),
});

export type ApiQueryIssue = { param: string; message: string };

function check(schema: z.ZodObject, params: URLSearchParams): ApiQueryIssue[] {
  // Other parameters (a cache-buster, say) are left alone; the first of a repeated one counts;
  // an empty value means "all", as the list's own form sends it.
  const given: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = params.get(key);
    if (value) given[key] = value;
  }
  const parsed = schema.safeParse(given);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ param: String(issue.path[0]), message: issue.message }));
}

function invalid(issues: ApiQueryIssue[]) {
  return json({ error: "invalid_query", issues }, { status: 400, headers: { "Access-Control-Allow-Origin": "*" } });
}

/** A 400 response naming each bad parameter of GET /api/threads, or null when all are good. */
export function rejectThreadListQuery(params: URLSearchParams) {
  const issues = check(threadListParams, params);
  return issues.length ? invalid(issues) : null;
}

/** The 400 for a `project` filter that names no project (a misspelled slug must not read as "no threads"). */
export function unknownProject() {
  return invalid([{ param: "project", message: "no project has this slug" }]);
}

/** A 400 response naming each bad parameter of GET /api/stats, or null when all are good. */
export function rejectStatsQuery(params: URLSearchParams) {
  const issues = check(statsParams, params);
  return issues.length ? invalid(issues) : null;
}
