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
  for (const key of [...new Set(keys)].sort())
    await (tx as unknown as { execute: (q: SQL) => Promise<unknown> }).execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/** An account's turn: its deletion and every post written under it take turns. */
export const accountLock = (tx: Tx, userId: string) => lockInTransaction(tx, [`account:${userId}`]);
