// Search over titles and visible posts, Chinese included. Terms of three characters or
// more use a trigram index (SQLite's FTS5 trigram tokenizer, PostgreSQL's pg_trgm);
// shorter ones (a two-character word like 漏水) cannot, so they fall back to a substring
// scan, newest first, that stops at one page. The engines differ here and nowhere else.
// Hidden posts are not in the index, hidden or merged threads are filtered out, and
// internal notes are never indexed at all.
import { and, sql, type SQL } from "drizzle-orm";
import { projects, threads } from "../../db/schema";
import { engine, rawRows } from "~/lib/db.server";
import { MARK_END, MARK_START } from "~/lib/search-marks";
import type { ThreadQuery } from "~/lib/thread-query";
import { getProject } from "./projects.server";

export const SEARCH_PAGE_SIZE = 20;

export type SearchHit = {
  threadId: number;
  postId: number | null;
  threadTitle: string;
  projectName: string;
  complaintType: string;
  status: string;
  createdAt: number;
  snippet: string;
};

export function normalizeQuery(q: string | null | undefined) {
  // Control characters are never part of a search term.
  return (
    (q ?? "")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 100)
  );
}

const chars = (s: string) => [...s].length;

async function filterSql(q: Omit<ThreadQuery, "page" | "sort">): Promise<SQL[]> {
  const parts: SQL[] = [sql`t.hidden_at is null`, sql`t.status != 'merged'`];
  if (q.project) {
    const p = await getProject({ slug: q.project });
    parts.push(sql`t.project_id = ${p ? p.id : -1}`);
  }
  if (q.type) parts.push(sql`t.complaint_type = ${q.type}`);
  if (q.status) parts.push(sql`t.status = ${q.status}`);
  return parts;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A window of text around the first match, with every match marked. */
function snippetAround(text: string, terms: string[], radius = 40) {
  const lower = text.toLowerCase();
  const first = Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0));
  const start = Number.isFinite(first) ? Math.max(0, first - radius) : 0;
  const end = Math.min(text.length, (Number.isFinite(first) ? first : 0) + radius * 2);
  let piece = text.slice(start, end);
  for (const term of terms) {
    piece = piece.replace(new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), (m) => `${MARK_START}${m}${MARK_END}`);
  }
  return `${start > 0 ? "…" : ""}${piece}${end < text.length ? "…" : ""}`;
}

export async function search(query: string, filters: Omit<ThreadQuery, "page" | "sort">, page = 1) {
  const q = normalizeQuery(query);
  const terms = [...new Set(q.split(" ").filter(Boolean))];
  if (terms.length === 0) return { q, hits: [] as SearchHit[], page: 1, hasMore: false, mode: "none" as const };
  const offset = (Math.max(1, page) - 1) * SEARCH_PAGE_SIZE;
  const where = await filterSql(filters);
  const useIndex = terms.every((t) => chars(t) >= 3);
  // Quoted aliases: PostgreSQL would fold them to lower case.
  const select = sql`select s.thread_id as "threadId", s.post_id as "postId", t.title as "threadTitle", p.name as "projectName",
      t.complaint_type as "complaintType", t.status as "status", t.created_at as "createdAt"`;
  const from = sql`from search_index s join ${threads} t on t.id = s.thread_id join ${projects} p on p.id = t.project_id`;
  const newest = engine() === "pg" ? sql`s.id desc` : sql`s.rowid desc`;
  let rows: (Omit<SearchHit, "snippet"> & { snippet: string })[];
  if (useIndex && engine() === "sqlite") {
    // Each term as a phrase, all of them required.
    const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(" AND ");
    rows = await rawRows(sql`${select}, snippet(search_index, 0, ${MARK_START}, ${MARK_END}, '…', 16) as "snippet"
      ${from} where search_index match ${match} and ${and(...where)}
      order by ${newest} limit ${SEARCH_PAGE_SIZE + 1} offset ${offset}`);
  } else {
    // On PostgreSQL a LIKE of three characters or more is served by the trigram index; ILIKE
    // there, as SQLite's LIKE and its search index, ignores case ("pm2.5" finds "PM2.5").
    const like = engine() === "pg" ? sql`ilike` : sql`like`;
    const likes = terms.map((t) => sql`s.body ${like} ${`%${escapeLike(t)}%`} escape '\\'`);
    rows = (
      await rawRows<Omit<SearchHit, "snippet"> & { body: string }>(
        sql`${select}, s.body as "body" ${from} where ${and(...likes, ...where)}
        order by ${newest} limit ${SEARCH_PAGE_SIZE + 1} offset ${offset}`,
      )
    ).map(({ body, ...r }) => ({ ...r, snippet: snippetAround(body, terms) }));
  }
  const hasMore = rows.length > SEARCH_PAGE_SIZE;
  return { q, hits: rows.slice(0, SEARCH_PAGE_SIZE) as SearchHit[], page: Math.max(1, page), hasMore, mode: useIndex ? ("index" as const) : ("scan" as const) };
}
