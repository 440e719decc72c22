// The staff queue: open complaints, nearest deadline first (so overdue ones lead).
import { and, asc, eq, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { projects, threadClocks, threads, users } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { OPEN_STATUSES, type ComplaintType, type Severity } from "~/lib/domain";
import { ackClock, answerClock, clockColumns, toClock } from "./thread-clocks-join.server";

export type QueueFilters = {
  projectId?: number;
  complaintType?: ComplaintType;
  severity?: Severity | "none";
  status?: (typeof OPEN_STATUSES)[number];
  assigneeId?: string | "none";
  overdue?: boolean;
  unclassified?: boolean;
};

export const QUEUE_PAGE_SIZE = 50;

/** The earliest deadline among a thread's running clocks; null when none runs. */
const nextDeadline = sql<number | null>`(select min(c.deadline) from ${threadClocks} c where c.thread_id = ${threads.id} and c.met_at is null and c.closed_at is null)`;

const openWhere = inArray(threads.status, [...OPEN_STATUSES]);

function where(f: QueueFilters, now: number): SQL {
  const parts: SQL[] = [openWhere];
  if (f.projectId) parts.push(eq(threads.projectId, f.projectId));
  if (f.complaintType) parts.push(eq(threads.complaintType, f.complaintType));
  if (f.severity === "none" || f.unclassified) parts.push(isNull(threads.severity));
  else if (f.severity) parts.push(eq(threads.severity, f.severity));
  if (f.status) parts.push(eq(threads.status, f.status));
  if (f.assigneeId === "none") parts.push(isNull(threads.assigneeId));
  else if (f.assigneeId) parts.push(eq(threads.assigneeId, f.assigneeId));
  if (f.overdue) parts.push(lte(nextDeadline, now));
  return and(...parts)!;
}

export function listQueue(f: QueueFilters, page: number, now: number) {
  const db = getDb();
  const w = where(f, now);
  const total = db.select({ n: sql<number>`count(*)` }).from(threads).where(w).get()!.n;
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const assignee = alias(users, "assignee");
  const rows = db
    .select({
      id: threads.id,
      title: threads.title,
      complaintType: threads.complaintType,
      status: threads.status,
      severity: threads.severity,
      validity: threads.validity,
      department: threads.department,
      createdAt: threads.createdAt,
      hiddenAt: threads.hiddenAt,
      meTooCount: threads.meTooCount,
      projectName: projects.name,
      assigneeName: assignee.displayName,
      nextDeadline,
      ack: clockColumns(ackClock),
      answer: clockColumns(answerClock),
    })
    .from(threads)
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .leftJoin(assignee, eq(assignee.id, threads.assigneeId))
    .leftJoin(ackClock, eq(ackClock.id, threads.ackClockId))
    .leftJoin(answerClock, eq(answerClock.id, threads.answerClockId))
    .where(w)
    // Running clocks first by deadline; threads waiting only on the author last, oldest first.
    .orderBy(sql`${nextDeadline} is null`, asc(nextDeadline), asc(threads.createdAt))
    .limit(QUEUE_PAGE_SIZE)
    .offset((current - 1) * QUEUE_PAGE_SIZE)
    .all()
    .map(({ ack, answer, ...r }) => ({ ...r, ack: toClock(ack), answer: toClock(answer) }));
  return { rows, total, page: current, pages };
}

/** How many open threads each filter value would show. A fixed number of grouped queries. */
export function queueCounts(now: number) {
  const db = getDb();
  const group = (col: SQL) =>
    db
      .select({ key: sql<string | number | null>`${col}`, n: sql<number>`count(*)` })
      .from(threads)
      .where(openWhere)
      .groupBy(col)
      .all();
  const one = (w: SQL) => db.select({ n: sql<number>`count(*)` }).from(threads).where(and(openWhere, w)).get()!.n;
  return {
    all: db.select({ n: sql<number>`count(*)` }).from(threads).where(openWhere).get()!.n,
    project: group(sql`${threads.projectId}`),
    type: group(sql`${threads.complaintType}`),
    severity: group(sql`${threads.severity}`),
    status: group(sql`${threads.status}`),
    assignee: group(sql`${threads.assigneeId}`),
    overdue: one(lte(nextDeadline, now)),
    unclassified: one(isNull(threads.severity)),
  };
}
