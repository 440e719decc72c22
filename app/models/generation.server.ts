// The database's generation, which the page cache and the queue counts are kept against.
import type Database from "better-sqlite3";
import { getDb } from "~/lib/db.server";

/**
 * Moves whenever the database changes: `total_changes()` counts this connection's writes,
 * `data_version` those committed by any other connection (a second process, a script).
 * What is derived from the database alone may be kept until it moves.
 */
export function databaseGeneration() {
  const client = getDb().$client;
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
