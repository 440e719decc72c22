// The database's generation, which the page cache and the queue counts are kept against:
// it moves whenever the database changes, by this process or another.
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { committedWrites, engine, inTransaction, rawRows, sqliteClient } from "~/lib/db.server";

/** Resolves once every write committed so far counts in this process's generation. */
export { allCommittedWritesHeard } from "~/lib/db.server";

/**
 * On SQLite, `total_changes()` counts this connection's writes and `data_version` those
 * committed by any other connection (a second process, a script). On PostgreSQL, a sequence
 * that triggers move on every write to what pages show (db/migrations-pg), and the writes
 * this process has heard commit.
 *
 * What is read while a write is under way may not be kept as if it were of the generation
 * after it, so then the generation is one that never comes again: on SQLite while a
 * transaction is open on the connection (another request reads its writes before they commit,
 * and they may yet roll back); on PostgreSQL until this process has heard the write commit
 * (the sequence moves before the commit, and another connection sees it at once, with the data
 * as it was); on both, inside a transaction. So nothing read meanwhile is kept past the write.
 */
export async function databaseGeneration(): Promise<string> {
  // Inside a transaction, what is read may yet roll back.
  if (inTransaction()) return `tx:${++passing}`;
  if (engine() === "pg") {
    const heard = await committedWrites();
    const [row] = await rawRows<{ v: string }>(sql`select last_value::text || ':' || is_called::text as v from tousu_generation`);
    return heard === undefined ? `pg:unheard:${++passing}` : `pg:${row!.v}:${heard}`;
  }
  const client = sqliteClient();
  if (client.inTransaction) return `${client.name}:open:${++passing}`;
  // Asked on every page read without a session: the statement is prepared once per handle.
  let statement = generationStatements.get(client);
  if (!statement) {
    statement = client.prepare("select total_changes(), (select data_version from pragma_data_version)").raw();
    generationStatements.set(client, statement);
  }
  const [own, others] = statement.get() as [number, number];
  return `${client.name}:${others}.${own}`;
}
/** Numbers the generations that never come again. */
let passing = 0;
const generationStatements = new WeakMap<Database.Database, Database.Statement>();

// Every kept value is of the current generation: all are dropped when it moves.
type Kept = { at: number; value: Promise<unknown> };
const kept = new Map<string, Kept>();
let keptGeneration = "";
const MAX_KEPT = 1000;

/**
 * What `compute` gives, kept until the database next changes: for figures every viewer sees
 * alike (a project's scoreboard, the menus' lists, the queue's counts). Never for anything
 * that depends on who asks. Readers who ask while it is being computed share that computation.
 * With `maxAgeMs`, a value is also computed again once it is that old by `now` (for figures
 * that move with the clock).
 */
export async function keptUntilWrite<T>(key: string, compute: () => Promise<T>, options: { maxAgeMs?: number; now?: number } = {}): Promise<T> {
  const generation = await databaseGeneration();
  if (generation !== keptGeneration) {
    kept.clear();
    keptGeneration = generation;
  }
  const now = options.now ?? Date.now();
  const hit = kept.get(key);
  if (hit && (options.maxAgeMs === undefined || (now >= hit.at && now - hit.at < options.maxAgeMs))) {
    return hit.value as Promise<T>;
  }
  const value = compute();
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  const entry: Kept = { at: now, value };
  kept.set(key, entry);
  // A failure is not kept.
  value.catch(() => {
    if (kept.get(key) === entry) kept.delete(key);
  });
  return value;
}
