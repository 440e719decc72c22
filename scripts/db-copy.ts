// `npm run db:copy -- --from ./data/forum.db --to postgres://user:password@host:5432/tousu`:
// copies a SQLite site into an empty PostgreSQL database (db/copy.ts). --to may be left
// out when DATABASE_URL names the database. The address is never printed: it may hold a password.
import { parseArgs } from "node:util";
import { copySqliteToPostgres, CopyRefusedError } from "../db/copy";

const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
const from = values.from;
const to = values.to ?? process.env.DATABASE_URL;

if (!from || !to) {
  console.error("Usage: npm run db:copy -- --from ./data/forum.db --to postgres://user:password@host:5432/database (or DATABASE_URL)");
  process.exit(2);
}

try {
  await copySqliteToPostgres({ from, to });
} catch (e) {
  console.error(e instanceof CopyRefusedError ? `Refused: ${e.message}` : `The copy failed and was rolled back: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
