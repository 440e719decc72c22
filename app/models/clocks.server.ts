// The reply clocks: started with each thread, stopped by staff, escalated when missed.
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { projects, threadClocks, threadEvents, threads } from "../../db/schema";
import { deadlineFrom, type ClockFacts, type ClockKind } from "~/lib/clock";
import { getDb, transaction, type Tx } from "~/lib/db.server";
import { breachEmail } from "~/presenters/emails.server";
import { getEnv } from "~/lib/env.server";
import { enqueueMail } from "~/models/mail-outbox.server";

/** Starts a clock and points the thread at it. Its deadline is fixed now, from today's settings. */
export function startClock(tx: Tx, threadId: number, kind: ClockKind, round: number, startedAt: number) {
  const env = getEnv();
  const hours = kind === "ack" ? env.ACK_HOURS : env.ANSWER_HOURS;
  const clock = tx
    .insert(threadClocks)
    .values({ threadId, kind, round, startedAt, deadline: deadlineFrom(startedAt, hours) })
    .returning()
    .get();
  tx.update(threads)
    .set(kind === "ack" ? { ackClockId: clock.id } : { answerClockId: clock.id })
    .where(eq(threads.id, threadId))
    .run();
  return clock;
}

/** Stops a running clock; a clock already stopped keeps its first outcome. */
export function meetClock(tx: Tx, clockId: number | null, at: number, postId?: number) {
  if (!clockId) return false;
  const r = tx
    .update(threadClocks)
    .set({ metAt: at, metByPostId: postId ?? null })
    .where(and(eq(threadClocks.id, clockId), isNull(threadClocks.metAt), isNull(threadClocks.closedAt)))
    .run();
  return r.changes > 0;
}

/**
 * Records one clock's breach if it is due and not yet recorded: marks the clock, adds the
 * public timeline event and queues the escalation email, in the caller's transaction. A
 * clock is escalated once (breached_at, plus the email's dedupe key). Returns whether it
 * recorded one.
 */
export function recordBreach(tx: Tx, clockId: number, now: number): boolean {
  const env = getEnv();
  const clock = tx.select().from(threadClocks).where(eq(threadClocks.id, clockId)).get();
  if (!clock || clock.metAt != null || clock.closedAt != null || clock.breachedAt != null || clock.deadline > now) return false;
  tx.update(threadClocks).set({ breachedAt: now }).where(eq(threadClocks.id, clockId)).run();
  const thread = tx
    .select({ id: threads.id, title: threads.title, createdAt: threads.createdAt, projectName: projects.name })
    .from(threads)
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .where(eq(threads.id, clock.threadId))
    .get()!;
  tx.insert(threadEvents)
    .values({
      threadId: clock.threadId,
      kind: clock.kind === "ack" ? "ack_breached" : "answer_breached",
      clockId: clock.id,
      createdAt: now,
    })
    .run();
  enqueueMail(
    tx,
    breachEmail({
      to: clock.kind === "ack" ? env.HQ_EMAIL : env.ESCALATION_EMAIL,
      kind: clock.kind,
      clockId: clock.id,
      thread,
      deadline: clock.deadline,
    }),
    now,
  );
  return true;
}

/**
 * Records every breach due by `now`, one transaction per clock, so running this again,
 * after a restart, or late after downtime, never repeats a message.
 */
export function recordBreaches(now: number, limit = 500): number {
  const db = getDb();
  const due = db
    .select({ id: threadClocks.id })
    .from(threadClocks)
    .where(and(lte(threadClocks.deadline, now), isNull(threadClocks.metAt), isNull(threadClocks.closedAt), isNull(threadClocks.breachedAt)))
    .orderBy(asc(threadClocks.deadline))
    .limit(limit)
    .all();
  let recorded = 0;
  for (const { id } of due) if (transaction((tx) => recordBreach(tx, id, now))) recorded++;
  return recorded;
}

/** Every clock of a thread, all rounds, oldest first. */
export function listThreadClocks(threadId: number) {
  return getDb().select().from(threadClocks).where(eq(threadClocks.threadId, threadId)).orderBy(asc(threadClocks.id)).all();
}

// The thread's current clocks, joined by primary key, for every query that reads threads.
export const ackClock = alias(threadClocks, "ack_clock");
export const answerClock = alias(threadClocks, "answer_clock");

export const clockColumns = <T extends typeof ackClock | typeof answerClock>(c: T) => ({
  kind: c.kind,
  round: c.round,
  startedAt: c.startedAt,
  deadline: c.deadline,
  metAt: c.metAt,
  closedAt: c.closedAt,
});

type MaybeClock = {
  kind: ClockFacts["kind"] | null;
  round: number | null;
  startedAt: number | null;
  deadline: number | null;
  metAt: number | null;
  closedAt: number | null;
} | null;

export const toClock = (c: MaybeClock): ClockFacts | null =>
  c && c.kind && c.round != null && c.startedAt != null && c.deadline != null
    ? { kind: c.kind, round: c.round, startedAt: c.startedAt, deadline: c.deadline, metAt: c.metAt, closedAt: c.closedAt }
    : null;
