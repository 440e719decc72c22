// The staff queue: open complaints, nearest deadline first (so overdue ones lead).
import { and, asc, eq, inArray, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { projects, threads, users } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { keptUntilWrite } from "./generation.server";
import { OPEN_STATUSES, type ComplaintType, type Severity } from "~/lib/domain";
import { ackClock, answerClock, clockColumns, promiseClock, toClock } from "./clocks.server";

export type QueueFilters = {
  /** The regional company whose projects to show (headquarters sees all by default). */
  unitId?: number;
  projectId?: number;
  complaintType?: ComplaintType;
  severity?: Severity | "none";
  status?: (typeof OPEN_STATUSES)[number];
  assigneeId?: string | "none";
  overdue?: boolean;
  unclassified?: boolean;
};

export const QUEUE_PAGE_SIZE = 50;

const nextDeadline = threads.nextDeadline;

const openWhere = inArray(threads.status, [...OPEN_STATUSES]);

function where(f: QueueFilters, now: number): SQL {
  const parts: SQL[] = [openWhere];
  if (f.unitId) parts.push(inArray(threads.projectId, getDb().select({ id: projects.id }).from(projects).where(eq(projects.unitId, f.unitId))));
  if (f.projectId) parts.push(eq(threads.projectId, f.projectId));
  if (f.complaintType) parts.push(eq(threads.complaintType, f.complaintType));
  if (f.severity === "none" || f.unclassified) parts.push(isNull(threads.severity));
  else if (f.severity) parts.push(eq(threads.severity, f.severity));
  if (f.status) parts.push(eq(threads.status, f.status));
  if (f.assigneeId === "none") parts.push(isNull(threads.assigneeId));
  else if (f.assigneeId) parts.push(eq(threads.assigneeId, f.assigneeId));
  if (f.overdue) parts.push(lt(nextDeadline, now));
  return and(...parts)!;
}

/**
 * One page of the queue: first the threads with a running clock, nearest deadline first
 * (so overdue ones lead), then those waiting only on their author, oldest first. Each part
 * reads its own index, so a page costs the same however long the queue is.
 */
export async function listQueue(f: QueueFilters, page: number, now: number) {
  const db = getDb();
  const w = where(f, now);
  const clocked = and(w, isNotNull(nextDeadline))!;
  const waiting = and(w, isNull(nextDeadline))!;
  const count = async (c: SQL) =>
    (await db
      .select({ n: sql<number>`count(*)` })
      .from(threads)
      .where(c)
      .get())!.n;
  const clockedTotal = await count(clocked);
  // The complaints waiting only on their author are many and move only with a write (unless
  // "overdue", which moves with the clock, is asked for).
  const waitingTotal = f.overdue ? await count(waiting) : await keptUntilWrite(`queue-waiting ${JSON.stringify(f)}`, () => count(waiting));
  const total = clockedTotal + waitingTotal;
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const offset = (current - 1) * QUEUE_PAGE_SIZE;
  const assignee = alias(users, "assignee");
  // The page's ids come from the (status, next_deadline, created_at) index alone; only
  // those rows are then joined (a deferred join).
  const select = async (c: SQL, order: SQL[], limit: number, skip: number) =>
    await db
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
        holder: threads.holder,
        resolvedAt: threads.resolvedAt,
        ack: clockColumns(ackClock),
        answer: clockColumns(answerClock),
        promise: clockColumns(promiseClock),
      })
      .from(threads)
      .innerJoin(projects, eq(projects.id, threads.projectId))
      .leftJoin(assignee, eq(assignee.id, threads.assigneeId))
      .leftJoin(ackClock, eq(ackClock.id, threads.ackClockId))
      .leftJoin(answerClock, eq(answerClock.id, threads.answerClockId))
      .leftJoin(promiseClock, eq(promiseClock.id, threads.promiseClockId))
      .where(
        inArray(
          threads.id,
          db
            .select({ id: threads.id })
            .from(threads)
            .where(c)
            .orderBy(...order)
            .limit(limit)
            .offset(skip),
        ),
      )
      .orderBy(...order)
      .all();
  const first = offset < clockedTotal ? await select(clocked, [asc(nextDeadline), asc(threads.id)], QUEUE_PAGE_SIZE, offset) : [];
  const rest = QUEUE_PAGE_SIZE - first.length;
  const second = rest > 0 ? await select(waiting, [asc(threads.createdAt), asc(threads.id)], rest, Math.max(0, offset - clockedTotal)) : [];
  const rows = [...first, ...second].map(({ ack, answer, promise, ...r }) => ({ ...r, ack: toClock(ack), answer: toClock(answer), promise: toClock(promise) }));
  return { rows, total, page: current, pages };
}

/**
 * How many open threads each filter value would show. The counts read every open thread,
 * so they are kept until the database next changes; only "overdue", which moves with the
 * clock, is counted on every call (from the deadline index).
 */
export async function queueCounts(now: number) {
  const counts = await keptUntilWrite("queue-counts", countOpenThreads);
  const overdue = (await getDb()
    .select({ n: sql<number>`count(*)` })
    .from(threads)
    .where(and(openWhere, lt(nextDeadline, now)))
    .get())!.n;
  return { ...counts, overdue };
}

/** A fixed number of grouped queries over the open threads. */
async function countOpenThreads() {
  const db = getDb();
  const group = async (col: SQL) =>
    await db
      .select({ key: sql<string | number | null>`${col}`, n: sql<number>`count(*)` })
      .from(threads)
      .where(openWhere)
      .groupBy(col)
      .all();
  return {
    all: (await db
      .select({ n: sql<number>`count(*)` })
      .from(threads)
      .where(openWhere)
      .get())!.n,
    project: await group(sql`${threads.projectId}`),
    type: await group(sql`${threads.complaintType}`),
    severity: await group(sql`${threads.severity}`),
    status: await group(sql`${threads.status}`),
    assignee: await group(sql`${threads.assigneeId}`),
    unclassified: (await db
      .select({ n: sql<number>`count(*)` })
      .from(threads)
      .where(and(openWhere, isNull(threads.severity)))
      .get())!.n,
  };
}
