// The database's generation, which the page cache and the queue counts are kept against:
// it moves whenever the database changes, by this process or another.
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { engine, rawRows, sqliteClient } from "~/lib/db.server";

/**
 * On SQLite, `total_changes()` counts this connection's writes and `data_version` those
 * committed by any other connection (a second process, a script); on PostgreSQL, a
 * sequence that triggers move on every write to what pages show (db/migrations-pg).
 */
export async function databaseGeneration(): Promise<string> {
  if (engine() === "pg") {
    const [row] = await rawRows<{ v: string }>(sql`select last_value::text || ':' || is_called::text as v from tousu_generation`);
    return `pg:${row!.v}`;
  }
  const client = sqliteClient();
  // Asked on every page read without a session: the statement is prepared once per handle.
  let statement = generationStatements.get(client);
  if (!statement) {
    statement = client.prepare("select total_changes(), (select data_version from pragma_data_version)").raw();
    generationStatements.set(client, statement);
  }
  const [own, others] = statement.get() as [number, number];
  return `${client.name}:${others}.${own}`;
}
const generationStatements = new WeakMap<Database.Database, Database.Statement>();
