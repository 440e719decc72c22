// The public clocks: 受理 and 答复 start with each complaint, 兑现 with a dated solution;
// company and author actions stop, close or start them (the rules are in lib/clock.ts);
// a clock that runs out is a breach, recorded once and escalated to headquarters.
import { and, asc, eq, isNull, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { projects, threadClocks, threadEvents, threads } from "../../db/schema";
import { clockChanges, deadlineFrom, type ClockAction, type ClockChange, type ClockFacts, type ClockKind, type CurrentClocks } from "~/lib/clock";
import { getDb, transaction, type Tx } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import { breachEmail } from "~/presenters/emails.server";
import { enqueueMail } from "./mail-outbox.server";
import { dutyRecipients } from "./org.server";
import { lockThreads } from "./sql.server";

const CLOCK_COLUMN = { ack: "ackClockId", answer: "answerClockId", promise: "promiseClockId" } as const;

/**
 * Starts a clock and points the thread at it. Its deadline is fixed now: from today's
 * settings for the acknowledgement and the answer, the promised date for a promise.
 */
export async function startClock(tx: Tx, threadId: number, kind: ClockKind, round: number, startedAt: number, deadline?: number) {
  const env = getEnv();
  const due = deadline ?? deadlineFrom(startedAt, kind === "ack" ? env.ACK_HOURS : env.ANSWER_HOURS);
  const clock = await tx.insert(threadClocks).values({ threadId, kind, round, startedAt, deadline: due }).returning().get();
  await tx
    .update(threads)
    .set({ [CLOCK_COLUMN[kind]]: clock.id })
    .where(eq(threads.id, threadId))
    .run();
  return clock;
}

/** Stops a running clock; a clock already stopped keeps its first outcome. */
export async function meetClock(tx: Tx, clockId: number | null, at: number, postId?: number) {
  if (!clockId) return false;
  const r = await tx
    .update(threadClocks)
    .set({ metAt: at, metByPostId: postId ?? null })
    .where(and(eq(threadClocks.id, clockId), isNull(threadClocks.metAt), isNull(threadClocks.closedAt)))
    .run();
  return r.changes > 0;
}

/** A thread's current clocks, in the caller's transaction. */
export async function currentClocks(tx: Tx, threadId: number): Promise<CurrentClocks> {
  const t = await tx
    .select({ ack: threads.ackClockId, answer: threads.answerClockId, promise: threads.promiseClockId })
    .from(threads)
    .where(eq(threads.id, threadId))
    .get();
  const load = async (id: number | null | undefined) =>
    id ? toClock((await tx.select().from(threadClocks).where(eq(threadClocks.id, id)).get()) ?? null) : null;
  return { ack: await load(t?.ack), answer: await load(t?.answer), promise: await load(t?.promise) };
}

/** The ids of the thread's current clocks, by kind. */
async function currentClockIds(tx: Tx, threadId: number) {
  return (await tx
    .select({ ack: threads.ackClockId, answer: threads.answerClockId, promise: threads.promiseClockId })
    .from(threads)
    .where(eq(threads.id, threadId))
    .get())!;
}

/**
 * Carries out what an action does to a thread's clocks (see `clockChanges`), in the
 * caller's transaction: meets and closes, recording the breach first of a clock that had run
 * out (so that a late answer, or closing it, never stops the escalation the scheduler had not
 * yet made), and starts. Returns the change, the kinds it met with their clocks' ids, and the
 * clocks it started.
 */
export async function applyClockAction(tx: Tx, threadId: number, action: ClockAction, now: number, postId?: number) {
  const change: ClockChange = clockChanges(await currentClocks(tx, threadId), action, now, getEnv().ANSWER_HOURS);
  const ids = await currentClockIds(tx, threadId);
  const met: ClockKind[] = [];
  const metIds: Partial<Record<ClockKind, number>> = {};
  for (const kind of change.meet) {
    if (ids[kind]) await recordBreach(tx, ids[kind], now);
    if (await meetClock(tx, ids[kind], now, postId)) {
      met.push(kind);
      metIds[kind] = ids[kind]!;
    }
  }
  for (const { kind, reason } of change.close) {
    const id = ids[kind];
    if (!id) continue;
    await recordBreach(tx, id, now);
    await tx
      .update(threadClocks)
      .set({ closedAt: now, closeReason: reason })
      .where(and(eq(threadClocks.id, id), isNull(threadClocks.metAt), isNull(threadClocks.closedAt)))
      .run();
  }
  const started = [];
  for (const s of change.start) started.push(await startClock(tx, threadId, s.kind, s.round, now, s.deadline));
  return { change, met, metIds, started };
}

const BREACH_EVENT: Record<ClockKind, string> = { ack: "ack_breached", answer: "answer_breached", promise: "promise_breached" };

/**
 * Records one clock's breach if it is due and not yet recorded, in the caller's
 * transaction: marks the clock; hands the complaint up to headquarters (督办) if it was
 * not there yet, a public event; adds the breach's public event naming who was told; and
 * queues the escalation email to headquarters and the project's regional company. A clock
 * is escalated once (breached_at, plus the email's dedupe key). Returns whether it did.
 */
export async function recordBreach(tx: Tx, clockId: number, now: number): Promise<boolean> {
  // The thread first, in the order every step of a thread's life locks it before its clocks,
  // so that a breach and a reply at the same moment never wait on each other.
  const owner = await tx.select({ threadId: threadClocks.threadId }).from(threadClocks).where(eq(threadClocks.id, clockId)).get();
  if (!owner) return false;
  await lockThreads(tx, [owner.threadId]);
  // The claim: a conditional update, so that of two processes (or two ticks) reaching the same
  // clock, one records the breach and the other, waiting on the row's lock, updates nothing.
  const clock = await tx
    .update(threadClocks)
    .set({ breachedAt: now })
    .where(
      and(
        eq(threadClocks.id, clockId),
        isNull(threadClocks.metAt),
        isNull(threadClocks.closedAt),
        isNull(threadClocks.breachedAt),
        lt(threadClocks.deadline, now),
      ),
    )
    .returning()
    .get();
  if (!clock) return false;
  const thread = (await tx
    .select({
      id: threads.id,
      title: threads.title,
      createdAt: threads.createdAt,
      holder: threads.holder,
      projectId: threads.projectId,
      projectName: projects.name,
    })
    .from(threads)
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .where(eq(threads.id, clock.threadId))
    .get())!;
  const told = await dutyRecipients(tx, thread.projectId, "escalations", true);
  const names = told.map((u) => u.name).join("、");
  await tx.insert(threadEvents).values({ threadId: clock.threadId, kind: BREACH_EVENT[clock.kind], clockId: clock.id, toValue: names, createdAt: now }).run();
  if (thread.holder !== "hq") {
    await tx.update(threads).set({ holder: "hq" }).where(eq(threads.id, thread.id)).run();
    await tx
      .insert(threadEvents)
      .values({ threadId: thread.id, kind: "escalated_hq", clockId: clock.id, fromValue: "regional", toValue: "hq", createdAt: now })
      .run();
  }
  for (const unit of told) {
    for (const address of unit.addresses) {
      await enqueueMail(tx, breachEmail({ to: address, kind: clock.kind, clockId: clock.id, thread, deadline: clock.deadline, toldUnits: names }), now);
    }
  }
  return true;
}

/**
 * Records every breach due by `now`, one transaction per clock, so running this again,
 * after a restart, or late after downtime, never repeats a message.
 */
export async function recordBreaches(now: number, limit = 500): Promise<number> {
  const db = getDb();
  const due = await db
    .select({ id: threadClocks.id })
    .from(threadClocks)
    .where(and(lt(threadClocks.deadline, now), isNull(threadClocks.metAt), isNull(threadClocks.closedAt), isNull(threadClocks.breachedAt)))
    .orderBy(asc(threadClocks.deadline))
    .limit(limit)
    .all();
  let recorded = 0;
  for (const { id } of due) if (await transaction((tx) => recordBreach(tx, id, now))) recorded++;
  return recorded;
}

/** Every clock of a thread, all rounds, oldest first. */
export function listThreadClocks(threadId: number) {
  return getDb().select().from(threadClocks).where(eq(threadClocks.threadId, threadId)).orderBy(asc(threadClocks.id)).all();
}

// The thread's current clocks, joined by primary key, for every query that reads threads.
export const ackClock = alias(threadClocks, "ack_clock");
export const answerClock = alias(threadClocks, "answer_clock");
export const promiseClock = alias(threadClocks, "promise_clock");

export const clockColumns = <T extends typeof ackClock | typeof answerClock | typeof promiseClock>(c: T) => ({
  kind: c.kind,
  round: c.round,
  startedAt: c.startedAt,
  deadline: c.deadline,
  metAt: c.metAt,
  closedAt: c.closedAt,
  closeReason: c.closeReason,
});

type MaybeClock = {
  kind: ClockFacts["kind"] | null;
  round: number | null;
  startedAt: number | null;
  deadline: number | null;
  metAt: number | null;
  closedAt: number | null;
  closeReason: string | null;
} | null;

export const toClock = (c: MaybeClock): ClockFacts | null =>
  c && c.kind && c.round != null && c.startedAt != null && c.deadline != null
    ? { kind: c.kind, round: c.round, startedAt: c.startedAt, deadline: c.deadline, metAt: c.metAt, closedAt: c.closedAt, closeReason: c.closeReason }
    : null;
