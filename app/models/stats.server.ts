// The public accountability scoreboard: how well the company keeps its promises, over the
// complaints posted in a period. A merged duplicate is not a complaint of its own, so it is
// left out of the counts, but its clocks are not: a deadline missed before the merge stays
// missed in every on-time figure. Five grouped queries (counts, answers, promises,
// satisfaction, reply times) cover the whole scoreboard, whatever its breakdowns (project,
// regional company, type); two more the monthly series.
import { and, eq, gte, lt, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { projects, threadClocks, threadRatings, threads } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { countWhere } from "./sql.server";
import { COMPLAINT_TYPES } from "~/lib/domain";
import { getEnv } from "~/lib/env.server";
import { lastTwelveMonths, percentile, periodRange, RANK_MIN_THREADS, type Period, type Range } from "~/lib/periods";
import { listUnits } from "./org.server";

type Counts = {
  threads: number;
  replied: number;
  ackDecided: number;
  ackOnTime: number;
  answerDecided: number;
  answerOnTime: number;
  promiseDecided: number;
  promiseOnTime: number;
  /** Complaints closed (结案): by a satisfied call-back or the author's confirmation. */
  resolved: number;
  classified: number;
  valid: number;
  ratingScores: number;
  satisfiedScores: number;
};

export type Metrics = Counts & {
  replyRate: number | null;
  ackOnTimeRate: number | null;
  answerOnTimeRate: number | null;
  promiseKeptRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  validRate: number | null;
  medianFirstReplyMs: number | null;
  p90FirstReplyMs: number | null;
};

const ZERO: Counts = {
  threads: 0,
  replied: 0,
  ackDecided: 0,
  ackOnTime: 0,
  answerDecided: 0,
  answerOnTime: 0,
  promiseDecided: 0,
  promiseOnTime: 0,
  resolved: 0,
  classified: 0,
  valid: 0,
  ratingScores: 0,
  satisfiedScores: 0,
};
const rate = (n: number, d: number) => (d === 0 ? null : n / d);

function metrics(c: Counts, replyTimes: number[]): Metrics {
  const sorted = [...replyTimes].sort((a, b) => a - b);
  return {
    ...c,
    replyRate: rate(c.replied, c.threads),
    // Of the clocks already decided (met, or past their deadline), the share met in time.
    ackOnTimeRate: rate(c.ackOnTime, c.ackDecided),
    answerOnTimeRate: rate(c.answerOnTime, c.answerDecided),
    // Of the promises already decided (kept, or past their date), the share kept by the date.
    promiseKeptRate: rate(c.promiseOnTime, c.promiseDecided),
    resolutionRate: rate(c.resolved, c.threads),
    // 满意度 as the company defines it: of the authors' overall scores, one per complaint, the share of 4s and 5s.
    satisfactionRate: rate(c.satisfiedScores, c.ratingScores),
    validRate: rate(c.valid, c.classified),
    medianFirstReplyMs: percentile(sorted, 0.5),
    p90FirstReplyMs: percentile(sorted, 0.9),
  };
}

function add(a: Counts, b: Partial<Counts>): Counts {
  const out = { ...a };
  for (const k of Object.keys(ZERO) as (keyof Counts)[]) out[k] += Number(b[k] ?? 0);
  return out;
}

const answerClock = alias(threadClocks, "answer");
const ack = alias(threadClocks, "ack");
const promise = alias(threadClocks, "promise");

/** Threads posted in the range, merged duplicates included unless `withMerged` is false. */
function scope(range: Range, projectId?: number, withMerged = true): SQL {
  const parts = [gte(threads.createdAt, range.from), lt(threads.createdAt, range.to)];
  if (!withMerged) parts.push(ne(threads.status, "merged"));
  if (projectId !== undefined) parts.push(eq(threads.projectId, projectId));
  return and(...parts)!;
}

type ClockAlias = typeof ack | typeof answerClock | typeof promise;
/**
 * A clock is decided once it was met, or once its deadline passed while it ran (or before
 * it was closed by a merge). A clock a merge closed before its deadline is not decided.
 */
export const clockDecided = (c: ClockAlias, now: number) =>
  countWhere(sql`${c.metAt} is not null or (${c.closedAt} is null and ${c.deadline} < ${now}) or ${c.closedAt} > ${c.deadline}`);
export const clockOnTime = (c: ClockAlias) => countWhere(sql`${c.metAt} is not null and ${c.metAt} <= ${c.deadline}`);
const notMerged = sql`${threads.status} <> 'merged'`;

/**
 * Per (project, type), how many clocks of one kind of the range's complaints, all rounds, were
 * decided and how many on time. From the threads (their index on the posting time) to their
 * clocks (by thread and kind): a complaint without such a clock adds nothing.
 */
function clockCounts(c: typeof answerClock | typeof promise, kind: "answer" | "promise", range: Range, now: number, projectId?: number) {
  return getDb()
    .select({ projectId: threads.projectId, complaintType: threads.complaintType, decided: clockDecided(c, now), onTime: clockOnTime(c) })
    .from(threads)
    .leftJoin(c, and(eq(c.threadId, threads.id), eq(c.kind, kind)))
    .where(scope(range, projectId))
    .groupBy(threads.projectId, threads.complaintType)
    .all();
}

/** Per (project, type) counts in a range: the one query every breakdown is summed from. */
async function cellCounts(range: Range, now: number, projectId?: number) {
  const db = getDb();
  const counts = await db
    .select({
      projectId: threads.projectId,
      complaintType: threads.complaintType,
      threads: countWhere(notMerged),
      replied: countWhere(sql`${notMerged} and ${threads.firstOfficialAt} is not null`),
      ackDecided: clockDecided(ack, now),
      ackOnTime: clockOnTime(ack),
      resolved: countWhere(sql`${threads.status} = 'closed'`),
      classified: countWhere(sql`${notMerged} and ${threads.validity} is not null`),
      valid: countWhere(sql`${notMerged} and ${threads.validity} = 'valid'`),
    })
    .from(threads)
    .leftJoin(ack, eq(ack.id, threads.ackClockId))
    .where(scope(range, projectId))
    .groupBy(threads.projectId, threads.complaintType)
    .all();
  // Every answer clock (the first one's 12 hours, and each reopening's again: a miss after a
  // reopening is a miss as much as the first) and every promise a solution made.
  const answers = (await clockCounts(answerClock, "answer", range, now, projectId)).map(({ decided, onTime, ...r }) => ({
    ...r,
    answerDecided: decided,
    answerOnTime: onTime,
  }));
  const promises = (await clockCounts(promise, "promise", range, now, projectId)).map(({ decided, onTime, ...r }) => ({
    ...r,
    promiseDecided: decided,
    promiseOnTime: onTime,
  }));
  // One overall score per complaint: the author's latest that has one.
  const ratings = await db
    .select({
      projectId: threads.projectId,
      complaintType: threads.complaintType,
      ratingScores: sql<number>`count(${threadRatings.id})`,
      satisfiedScores: countWhere(sql`${threadRatings.overall} >= 4`),
    })
    // From the range's threads, each to its latest scored rating, if any.
    .from(threads)
    .leftJoin(
      threadRatings,
      and(
        eq(threadRatings.threadId, threads.id),
        sql`${threadRatings.id} = (select max(r.id) from ${threadRatings} r where r.thread_id = ${threads.id} and r.overall is not null)`,
      ),
    )
    .where(scope(range, projectId, false))
    .groupBy(threads.projectId, threads.complaintType)
    .all();
  const replyTimes = await db
    .select({ projectId: threads.projectId, complaintType: threads.complaintType, ms: sql<number>`${threads.firstOfficialAt} - ${threads.createdAt}` })
    .from(threads)
    .where(and(scope(range, projectId, false), sql`${threads.firstOfficialAt} is not null`))
    .all();
  return { counts, answers, promises, ratings, replyTimes };
}

export type ProjectRow = { id: number; slug: string; name: string; city: string; rank: number | null; metrics: Metrics };

export async function scoreboard(range: Range, now: number, projectId?: number) {
  const { counts, answers, promises, ratings, replyTimes } = await cellCounts(range, now, projectId);
  const byProject = new Map<number, { c: Counts; times: number[] }>();
  const byType = new Map<string, { c: Counts; times: number[] }>();
  let overall: Counts = ZERO;
  const allTimes: number[] = [];
  const slot = <K>(m: Map<K, { c: Counts; times: number[] }>, k: K) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = { c: ZERO, times: [] }));
    return s;
  };
  for (const row of [...counts, ...answers, ...promises, ...ratings]) {
    overall = add(overall, row);
    const p = slot(byProject, row.projectId);
    p.c = add(p.c, row);
    const t = slot(byType, row.complaintType);
    t.c = add(t.c, row);
  }
  for (const r of replyTimes) {
    allTimes.push(r.ms);
    slot(byProject, r.projectId).times.push(r.ms);
    slot(byType, r.complaintType).times.push(r.ms);
  }

  const projectList = await getDb()
    .select({ id: projects.id, slug: projects.slug, name: projects.name, city: projects.city, unitId: projects.unitId })
    .from(projects)
    .where(projectId !== undefined ? eq(projects.id, projectId) : undefined)
    .all();
  const rows: ProjectRow[] = projectList.map((p) => {
    const s = byProject.get(p.id) ?? { c: ZERO, times: [] };
    return { ...p, rank: null, metrics: metrics(s.c, s.times) };
  });
  // Ranked by answers on time, then replies; ties share a rank.
  const key = (m: Metrics) => [m.answerOnTimeRate ?? -1, m.replyRate ?? -1] as const;
  const ranked = rows
    .filter((r) => r.metrics.threads >= RANK_MIN_THREADS)
    .sort((a, b) => key(b.metrics)[0] - key(a.metrics)[0] || key(b.metrics)[1] - key(a.metrics)[1]);
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank = prev && key(prev.metrics)[0] === key(r.metrics)[0] && key(prev.metrics)[1] === key(r.metrics)[1] ? prev.rank : i + 1;
  });
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.metrics.threads - a.metrics.threads || a.name.localeCompare(b.name));

  // A regional company's figures are its projects' added up; projects without one have their own row.
  const companies = [...(await listUnits()).filter((u) => u.kind === "regional"), null].map((unit) => {
    const ids = new Set(projectList.filter((p) => p.unitId === (unit?.id ?? null)).map((p) => p.id));
    let c: Counts = ZERO;
    const times: number[] = [];
    for (const id of ids) {
      const s = byProject.get(id);
      if (!s) continue;
      c = add(c, s.c);
      times.push(...s.times);
    }
    return { unit: unit ? { id: unit.id, slug: unit.slug, name: unit.name } : null, projects: ids.size, metrics: metrics(c, times) };
  });

  return {
    overall: metrics(overall, allTimes),
    byProject: rows,
    byCompany: companies.filter((c) => c.projects > 0),
    byType: COMPLAINT_TYPES.map((type) => {
      const s = byType.get(type) ?? { c: ZERO, times: [] };
      return { type, metrics: metrics(s.c, s.times) };
    }),
  };
}

/** Volume and on-time answer rate (every answer round) for each of the last twelve months. Two queries. */
export async function monthlySeries(now: number, timeZone: string, projectId?: number) {
  const months = lastTwelveMonths(now, timeZone);
  const bucket = sql.join(
    // The month's index as a literal: a bound value here would have no type on PostgreSQL.
    months.map((m, i) => sql`when ${threads.createdAt} < ${m.to} then ${sql.raw(String(i))}`),
    sql` `,
  );
  const inMonths = scope({ from: months[0]!.from, to: now }, projectId);
  const rows = await getDb()
    .select({ month: sql<number>`case ${bucket} end`, threads: countWhere(notMerged) })
    .from(threads)
    .where(inMonths)
    .groupBy(sql`1`)
    .all();
  const answers = await getDb()
    .select({ month: sql<number>`case ${bucket} end`, answerDecided: clockDecided(answerClock, now), answerOnTime: clockOnTime(answerClock) })
    .from(threads)
    .leftJoin(answerClock, and(eq(answerClock.threadId, threads.id), eq(answerClock.kind, "answer")))
    .where(inMonths)
    .groupBy(sql`1`)
    .all();
  return months.map((m, i) => {
    const r = rows.find((x) => x.month === i);
    const a = answers.find((x) => x.month === i);
    return { key: m.key, threads: r?.threads ?? 0, answerOnTimeRate: a ? rate(a.answerOnTime, a.answerDecided) : null };
  });
}

/** The site-wide board reads every complaint of the period; it is recomputed at most once a minute. */
export const SITE_BOARD_TTL_MS = 60_000;
const siteBoards = new Map<Period, { at: number; board: Awaited<ReturnType<typeof computeBoard>> }>();

async function computeBoard(period: Period, projectId: number | undefined, now: number) {
  const tz = getEnv().SITE_TIME_ZONE;
  const range = periodRange(period, now, tz);
  return { period, range, computedAt: now, ...(await scoreboard(range, now, projectId)), months: await monthlySeries(now, tz, projectId) };
}

/** The scoreboard of a period as pages and the API show it, in the site's time zone. */
export async function loadScoreboard(period: Period, projectId: number | undefined, now: number) {
  if (projectId !== undefined) return computeBoard(period, projectId, now);
  const cached = siteBoards.get(period);
  if (cached && now - cached.at < SITE_BOARD_TTL_MS) return cached.board;
  const board = await computeBoard(period, undefined, now);
  siteBoards.set(period, { at: now, board });
  return board;
}
