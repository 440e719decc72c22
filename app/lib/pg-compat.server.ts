// Models end their queries as drizzle's SQLite builders do: with get (the first row), all
// (the rows) or run (what a write changed). PostgreSQL's builders end differently, so
// this gives them the same endings, here and nowhere else. Every ending returns a promise,
// and the models await it on both engines.
import { PgDeleteBase, PgInsertBase, PgSelectBase, PgUpdateBase } from "drizzle-orm/pg-core";

type Executable = { execute: () => Promise<unknown> };
const rowsOf = (r: unknown): unknown[] => (Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? []));

let done = false;
export function givePostgresBuildersSqliteEndings() {
  if (done) return;
  done = true;
  for (const Builder of [PgSelectBase, PgInsertBase, PgUpdateBase, PgDeleteBase]) {
    const proto = Builder.prototype as unknown as Record<string, unknown>;
    proto.get = function (this: Executable) {
      return this.execute().then((r) => rowsOf(r)[0]);
    };
    proto.all = function (this: Executable) {
      return this.execute().then(rowsOf);
    };
    proto.run = function (this: Executable) {
      return this.execute().then((r) => ({ changes: Array.isArray(r) ? r.length : ((r as { rowCount?: number | null }).rowCount ?? 0) }));
    };
  }
}
