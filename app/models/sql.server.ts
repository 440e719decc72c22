// SQL expressions both engines read the same way. SQLite sums a comparison as 0 or 1 and
// joins strings with group_concat; PostgreSQL sums no booleans and names it string_agg.
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { engine, type Tx } from "~/lib/db.server";

/** How many rows of the group meet `condition` (0 for none). */
export const countWhere = (condition: SQL) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

/** The distinct values of `column` in a group of rows that has some, joined with commas. */
export const distinctList = (column: AnyColumn) =>
  engine() === "pg" ? sql<string>`string_agg(distinct ${column}, ',')` : sql<string>`group_concat(distinct ${column})`;

/**
 * Holds the named locks until the transaction ends, so that two writers of the same thing
 * (a stored file, a user's daily volume) take turns. On SQLite every write transaction
 * already takes turns (BEGIN IMMEDIATE); on PostgreSQL these are transaction advisory locks,
 * taken in one order so that two transactions never wait on each other.
 */
export async function lockInTransaction(tx: Tx, keys: string[]): Promise<void> {
  if (engine() !== "pg") return;
  for (const key of [...new Set(keys)].sort()) await onPostgres(tx, sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/** A statement only PostgreSQL has, run in the transaction (its builder has `execute`). */
const onPostgres = (tx: Tx, statement: SQL) => (tx as unknown as { execute: (q: SQL) => Promise<unknown> }).execute(statement);

/**
 * Takes the threads' row locks until the transaction ends, so that two requests that check a
 * thread's state and then move it (closing it twice at once, merging two threads into each
 * other) take turns and the second sees what the first did. On SQLite every write transaction
 * already takes turns; on PostgreSQL, whose transactions read committed rows and do not wait
 * on each other's reads, this is `select … for update`, in id order so that two transactions
 * never wait on each other. A caller that also takes an account's turn takes it first, as
 * writing a post does before it updates the thread.
 */
export async function lockThreads(tx: Tx, ids: number[]): Promise<void> {
  if (engine() !== "pg" || ids.length === 0) return;
  const list = sql.join(
    [...new Set(ids)].sort((a, b) => a - b).map((id) => sql`${id}`),
    sql`, `,
  );
  await onPostgres(tx, sql`select id from threads where id in (${list}) order by id for update`);
}

/** An account's turn: its deletion and every post written under it take turns. */
export const accountLock = (tx: Tx, userId: string) => lockInTransaction(tx, [`account:${userId}`]);
