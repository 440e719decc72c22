// What the operations page and the load balancer are told about the running site: which
// processes run the scheduler and when each last ticked.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { desc, eq, gte, sql } from "drizzle-orm";
import { schedulerRuns } from "../../db/schema";
import { engine, getDb, migrationsFolder, pgMigrationsFolder, rawRows, rawRun, writeAlone } from "~/lib/db.server";
import { failedMail, outboxBacklog } from "./mail-outbox.server";

export type SchedulerProcess = { processId: string; host: string; pid: number };

/** This process, as its scheduler is named in scheduler_runs. */
export function thisProcess(): SchedulerProcess {
  return { processId: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, host: os.hostname(), pid: process.pid };
}

export async function recordSchedulerStart(p: SchedulerProcess, now: number) {
  await writeAlone((db) =>
    db
      .insert(schedulerRuns)
      .values({ processId: p.processId, host: p.host, pid: p.pid, startedAt: now })
      .onConflictDoUpdate({ target: schedulerRuns.processId, set: { startedAt: now } })
      .run(),
  );
}

/** One tick's end: when, how long it took, what it failed with (the reason only), how many breaches it recorded. */
export async function recordSchedulerTick(processId: string, tick: { at: number; ms: number; error: string | null; breaches: number }) {
  await writeAlone((db) =>
    db
      .update(schedulerRuns)
      .set({
        lastTickAt: tick.at,
        lastTickMs: tick.ms,
        lastError: tick.error,
        breachesRecorded: sql`${schedulerRuns.breachesRecorded} + ${tick.breaches}`,
      })
      .where(eq(schedulerRuns.processId, processId))
      .run(),
  );
}

/** On PostgreSQL, forgets rate-limit counts whose window ended an hour ago (SQLite counts in memory). */
export async function clearExpiredRateLimits(now: number) {
  if (engine() !== "pg") return;
  await rawRun(sql`delete from rate_limits where expire < ${now - 3_600_000}`);
}

// ---------------------------------------------------------------- readiness

type JournalEntry = { when: number; tag: string };
const journals = new Map<string, JournalEntry[]>();

/** The migrations in the folder this engine migrates from, read once per process. */
function expectedMigrations(): JournalEntry[] {
  const folder = engine() === "pg" ? pgMigrationsFolder : migrationsFolder;
  let entries = journals.get(folder);
  if (!entries) {
    const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] };
    entries = journal.entries.map((e) => ({ when: e.when, tag: e.tag }));
    journals.set(folder, entries);
  }
  return entries;
}

export type Readiness = { ok: true } | { ok: false; reason: string };

/**
 * Whether this process can serve: its database answers and has every migration of the folder
 * applied. Drizzle records each applied migration's journal time (`created_at`), on SQLite in
 * __drizzle_migrations and on PostgreSQL in drizzle.__drizzle_migrations.
 */
export async function readiness(): Promise<Readiness> {
  try {
    await rawRows(sql`select 1 as one`);
  } catch {
    return { ok: false, reason: "database unavailable" };
  }
  let applied: Set<number>;
  try {
    const table = engine() === "pg" ? sql`drizzle.__drizzle_migrations` : sql`__drizzle_migrations`;
    const rows = await rawRows<{ created_at: number | string }>(sql`select created_at from ${table}`);
    applied = new Set(rows.map((r) => Number(r.created_at)));
  } catch {
    return { ok: false, reason: "migrations not recorded" };
  }
  const missing = expectedMigrations().filter((m) => !applied.has(m.when));
  if (missing.length > 0) return { ok: false, reason: `migrations not applied: ${missing.map((m) => m.tag).join(", ")}` };
  return { ok: true };
}

// ---------------------------------------------------------------- the operations page

/** A scheduler is stale once it has missed this many ticks. */
export const STALE_TICKS = 3;
/** The page lists the processes that have run in this window (older rows are restarts long gone). */
const RECENT_PROCESS_MS = 24 * 3_600_000;

const lastSeen = sql<number>`coalesce(${schedulerRuns.lastTickAt}, ${schedulerRuns.startedAt})`;
const isStale = (lastActive: number | null, now: number, intervalMs: number) => lastActive == null || now - lastActive > STALE_TICKS * intervalMs;

/** The schedulers that have run in the last day, newest first, each marked stale or not. */
export async function schedulerProcesses(now: number, intervalMs: number) {
  const db = getDb();
  let rows = await db
    .select()
    .from(schedulerRuns)
    .where(gte(lastSeen, now - RECENT_PROCESS_MS))
    .orderBy(desc(lastSeen))
    .limit(50)
    .all();
  // A scheduler silent for over a day is the one to see, not an empty table.
  if (rows.length === 0) rows = await db.select().from(schedulerRuns).orderBy(desc(lastSeen)).limit(1).all();
  return rows.map((r) => ({
    processId: r.processId,
    host: r.host,
    pid: r.pid,
    startedAt: r.startedAt,
    lastTickAt: r.lastTickAt,
    lastTickMs: r.lastTickMs,
    lastError: r.lastError,
    breachesRecorded: r.breachesRecorded,
    stale: isStale(r.lastTickAt ?? r.startedAt, now, intervalMs),
  }));
}

/** When any scheduler last ended a tick (null if none ever has). */
async function latestTick(): Promise<number | null> {
  const row = await getDb()
    .select({ at: sql<number | null>`max(${schedulerRuns.lastTickAt})` })
    .from(schedulerRuns)
    .get();
  return row?.at == null ? null : Number(row.at);
}

/** Everything /admin/operations shows, for this `now`. */
export async function operationsOverview(now: number, intervalMs: number) {
  const [processes, backlog, failed] = [await schedulerProcesses(now, intervalMs), await outboxBacklog(now), await failedMail()];
  return { processes, backlog, failed, staleAfterMs: STALE_TICKS * intervalMs };
}

/**
 * What the admins' banner warns of: failed mail, or no scheduler ticking at all (with several
 * processes, one stopped while another still ticks is on the page but sends nothing late).
 */
export async function operationsAlert(now: number, intervalMs: number) {
  const failedMail = (await outboxBacklog(now)).failed;
  const schedulerStale = isStale(await latestTick(), now, intervalMs);
  return failedMail > 0 || schedulerStale ? { failedMail, schedulerStale } : null;
}

/** The numbers /metrics reports from the database. */
export async function operationsMetrics(now: number) {
  const backlog = await outboxBacklog(now);
  const breaches = await getDb()
    .select({ n: sql<number>`coalesce(sum(${schedulerRuns.breachesRecorded}), 0)` })
    .from(schedulerRuns)
    .get();
  const tick = await latestTick();
  return { ...backlog, breachesRecorded: Number(breaches?.n ?? 0), lastTickAgeMs: tick == null ? null : Math.max(0, now - tick) };
}
