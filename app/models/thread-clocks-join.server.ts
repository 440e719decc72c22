// The thread's current clocks, joined by primary key, for every query that lists threads.
import { alias } from "drizzle-orm/sqlite-core";
import { threadClocks } from "../../db/schema";
import type { ClockFacts } from "~/lib/clock";

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
