// What the operations page and the load balancer are told about the running site: which
// processes run the scheduler and when each last ticked.
import os from "node:os";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { schedulerRuns } from "../../db/schema";
import { engine, getDb, rawRun } from "~/lib/db.server";

export type SchedulerProcess = { processId: string; host: string; pid: number };

/** This process, as its scheduler is named in scheduler_runs. */
export function thisProcess(): SchedulerProcess {
  return { processId: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, host: os.hostname(), pid: process.pid };
}

export async function recordSchedulerStart(p: SchedulerProcess, now: number) {
  await getDb()
    .insert(schedulerRuns)
    .values({ processId: p.processId, host: p.host, pid: p.pid, startedAt: now })
    .onConflictDoUpdate({ target: schedulerRuns.processId, set: { startedAt: now } })
    .run();
}

/** One tick's end: when, how long it took, what it failed with (the reason only), how many breaches it recorded. */
export async function recordSchedulerTick(processId: string, tick: { at: number; ms: number; error: string | null; breaches: number }) {
  await getDb()
    .update(schedulerRuns)
    .set({
      lastTickAt: tick.at,
      lastTickMs: tick.ms,
      lastError: tick.error,
      breachesRecorded: sql`${schedulerRuns.breachesRecorded} + ${tick.breaches}`,
    })
    .where(eq(schedulerRuns.processId, processId))
    .run();
}

/** On PostgreSQL, forgets rate-limit counts whose window ended an hour ago (SQLite counts in memory). */
export async function clearExpiredRateLimits(now: number) {
  if (engine() !== "pg") return;
  await rawRun(sql`delete from rate_limits where expire < ${now - 3_600_000}`);
}
