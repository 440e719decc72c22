// Moving a site from SQLite to PostgreSQL (`npm run db:copy`): every row of every table,
// with its id, into an empty PostgreSQL database, in one transaction, and the sequences set
// so that the next id of each table is the one SQLite would have given.
//
// Imports no app module: db/schema.ts picks its engine when first imported, and a process
// that copies may go on to run the models on either side (the tests do).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

/** The PostgreSQL migrations, found as app/lib/db.server.ts finds them. */
const pgMigrationsFolder = () => path.resolve(process.env.PG_MIGRATIONS_DIR ?? "db/migrations-pg");

/**
 * Tables only PostgreSQL has. search_index is rebuilt from the copied threads and posts
 * (SQLite keeps search in an FTS5 table, which is not copied); rate_limits holds counters
 * that expire within the hour and starts empty.
 */
const POSTGRES_ONLY = new Set(["search_index", "rate_limits"]);
/** SQLite tables that are not the site's data: drizzle's migration log. */
const SQLITE_SKIPPED = new Set(["__drizzle_migrations"]);
/** timestamp columns whose SQLite integer counts seconds (lucia's adapter); the others count milliseconds. */
const EPOCH_SECONDS = new Set(["sessions.expires_at"]);
/** PostgreSQL caps a statement at 65535 parameters. */
const MAX_PARAMETERS = 60_000;
const MAX_BATCH_ROWS = 1_000;

export class CopyRefusedError extends Error {
  name = "CopyRefusedError";
}

export type CopyOptions = {
  /** The SQLite file, opened read-only. */
  from: string;
  /** postgres://... of an empty database (no tables yet, or the site's tables without rows). */
  to: string;
  log?: (line: string) => void;
  /** Rows per INSERT (at most what fits in PostgreSQL's parameter limit). */
  batchRows?: number;
};

export type CopyResult = { tables: { table: string; rows: number }[]; ms: number; migrated: boolean };

type Column = { name: string; type: string; identity: boolean };
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function copySqliteToPostgres({ from, to, log = console.log, batchRows = MAX_BATCH_ROWS }: CopyOptions): Promise<CopyResult> {
  const started = Date.now();
  if (!/^postgres(ql)?:\/\//.test(to)) throw new CopyRefusedError("--to must be a postgres:// address");
  if (!fs.existsSync(from)) throw new CopyRefusedError(`no SQLite database at ${from}`);
  const sqlite = new Database(from, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: to });
  try {
    await client.connect();
    const migrated = await migrateIfBare(client, log);
    const target = await targetColumns(client);
    const source = sourceTables(sqlite);
    checkSameTables(source, target);
    const order = await foreignKeyOrder(client, source);

    // One snapshot of the source, should the site still be running on it.
    sqlite.exec("BEGIN");
    const tables: CopyResult["tables"] = [];
    await client.query("BEGIN");
    try {
      // The append-only, search, counter and generation triggers must not run on rows that
      // are copied as they are: the counters and next deadlines are copied too, and search
      // is rebuilt below. DISABLE TRIGGER USER needs only ownership of the tables, whereas
      // session_replication_role = replica needs a superuser, which a hosted database
      // rarely grants. Foreign keys stay checked (they are system triggers): the tables are
      // copied parents first. ALTER TABLE is transactional, so a rollback re-enables them,
      // and its lock keeps every other writer out until the commit.
      for (const table of target.keys()) await client.query(`ALTER TABLE ${quote(table)} DISABLE TRIGGER USER`);
      await refuseUnlessEmpty(client, [...target.keys()]);
      // The migration's group headquarters; SQLite's (the same id, perhaps renamed) replaces it.
      await client.query(`DELETE FROM "org_units"`);

      for (const table of order) {
        const rows = await copyTable(sqlite, client, table, source.get(table)!, target.get(table)!, batchRows);
        tables.push({ table, rows });
        log(`${table}: ${rows} rows`);
      }

      await rebuildSearch(client, target);
      await setSequences(sqlite, client, target);
      // Pages cached from before (none, on a new database) must not outlive the copy.
      const generation = await client.query<{ r: string | null }>(`SELECT to_regclass('tousu_generation')::text AS r`);
      // The notice reaches running servers once this commits (decision 0005).
      if (generation.rows[0]?.r) await client.query(`SELECT nextval('tousu_generation'), pg_notify('tousu_generation', '')`);

      for (const table of target.keys()) await client.query(`ALTER TABLE ${quote(table)} ENABLE TRIGGER USER`);
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      if (sqlite.inTransaction) sqlite.exec("COMMIT");
    }
    const ms = Date.now() - started;
    log(`Copied ${tables.length} tables, ${tables.reduce((n, t) => n + t.rows, 0)} rows in ${ms} ms.`);
    return { tables, ms, migrated };
  } finally {
    sqlite.close();
    await client.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------- the target's schema

/** Applies the migrations to a database with no tables; one with tables must have them all. */
async function migrateIfBare(client: pg.Client, log: (line: string) => void): Promise<boolean> {
  const folder = pgMigrationsFolder();
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`);
  if (Number(rows[0]!.n) === 0) {
    await migrate(drizzle(client), { migrationsFolder: folder });
    log("Migrated the empty target database.");
    return true;
  }
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: { when: number; tag: string }[] };
  const latest = journal.entries.at(-1)!;
  let applied: number;
  try {
    const r = await client.query<{ at: string | null }>(`SELECT max(created_at)::text AS at FROM drizzle.__drizzle_migrations`);
    applied = Number(r.rows[0]?.at ?? 0);
  } catch {
    throw new CopyRefusedError("the target database has tables but no Tousu migrations: give db:copy an empty database");
  }
  if (applied < latest.when)
    throw new CopyRefusedError(
      `the target database lacks migrations up to ${latest.tag}: run the server or db:migrate against it first, or give an empty database`,
    );
  return false;
}

async function targetColumns(client: pg.Client): Promise<Map<string, Column[]>> {
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; is_identity: string; column_default: string | null }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_identity, c.column_default
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, Column[]>();
  for (const r of rows) {
    const columns = tables.get(r.table_name) ?? tables.set(r.table_name, []).get(r.table_name)!;
    columns.push({ name: r.column_name, type: r.data_type, identity: r.is_identity === "YES" || (r.column_default ?? "").startsWith("nextval(") });
  }
  return tables;
}

/** The source's tables and their columns, without SQLite's own, drizzle's log and the FTS5 search tables. */
function sourceTables(sqlite: Database.Database): Map<string, string[]> {
  const all = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string; sql: string | null }[];
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? "")).map((t) => t.name);
  const tables = new Map<string, string[]>();
  for (const { name } of all) {
    if (name.startsWith("sqlite_") || SQLITE_SKIPPED.has(name)) continue;
    if (virtual.some((v) => name === v || name.startsWith(`${v}_`))) continue;
    const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => c.name);
    tables.set(name, columns);
  }
  return tables;
}

function checkSameTables(source: Map<string, string[]>, target: Map<string, Column[]>) {
  const problems: string[] = [];
  for (const [table, columns] of source) {
    const there = target.get(table);
    if (!there) {
      problems.push(`table ${table} is not in the target`);
      continue;
    }
    const names = new Set(there.map((c) => c.name));
    for (const c of columns) if (!names.has(c)) problems.push(`${table}.${c} is not in the target`);
    for (const c of names) if (!columns.includes(c)) problems.push(`${table}.${c} is not in the source`);
  }
  for (const table of target.keys()) if (!source.has(table) && !POSTGRES_ONLY.has(table)) problems.push(`table ${table} is not in the source`);
  if (problems.length)
    throw new CopyRefusedError(
      `the two databases do not have the same tables (migrate the SQLite database with this version first):\n  ${problems.join("\n  ")}`,
    );
}

/** Parents before children, by the target's foreign keys (a table's references to itself aside). */
async function foreignKeyOrder(client: pg.Client, source: Map<string, string[]>): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const unquote = (name: string) => name.replace(/^"(.*)"$/, "$1").replaceAll('""', '"');
  const parents = new Map<string, Set<string>>([...source.keys()].map((t) => [t, new Set<string>()]));
  for (const r of rows) {
    const child = unquote(r.child);
    const parent = unquote(r.parent);
    if (child !== parent && parents.has(child) && parents.has(parent)) parents.get(child)!.add(parent);
  }
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < parents.size) {
    const ready = [...parents].filter(([t, ps]) => !placed.has(t) && [...ps].every((p) => placed.has(p))).map(([t]) => t);
    if (ready.length === 0) throw new Error(`the foreign keys of ${[...parents.keys()].filter((t) => !placed.has(t)).join(", ")} form a cycle`);
    for (const t of ready) {
      order.push(t);
      placed.add(t);
    }
  }
  return order;
}

/**
 * Refuses a target with rows in any table. A freshly migrated database has one row: group
 * headquarters (org_units id 1), which the migration makes.
 */
async function refuseUnlessEmpty(client: pg.Client, tables: string[]) {
  const full: string[] = [];
  for (const table of tables) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`);
    let n = Number(rows[0]!.n);
    if (table === "org_units" && n === 1) {
      const hq = await client.query(`SELECT 1 FROM "org_units" WHERE id = 1 AND kind = 'hq' AND slug = 'hq' AND created_at = 0`);
      if (hq.rowCount === 1) n = 0;
    }
    if (n > 0) full.push(`${table} (${n} rows)`);
  }
  if (full.length) throw new CopyRefusedError(`the target database is not empty: ${full.join(", ")}. db:copy only copies into an empty database.`);
}

// ---------------------------------------------------------------- rows

type Convert = (value: unknown) => unknown;

/** How a SQLite value (integers read as bigint, so none loses precision) becomes the target column's. */
function converter(table: string, column: Column): Convert {
  const where = `${table}.${column.name}`;
  const wrong = (expected: string, value: unknown) =>
    new Error(`${where}: expected ${expected}, found ${value instanceof Buffer ? "a blob" : typeof value === "bigint" ? "an integer" : `a ${typeof value}`}`);
  switch (column.type) {
    case "bigint":
    case "integer":
    case "smallint":
      return (v) => {
        if (v === null || typeof v === "bigint") return v === null ? null : v.toString();
        if (typeof v === "number" && Number.isInteger(v)) return String(v);
        throw wrong("an integer", v);
      };
    case "boolean":
      return (v) => {
        if (v === null) return null;
        if (v === 0n || v === 1n) return v === 1n;
        throw wrong("0 or 1", v);
      };
    case "timestamp with time zone":
    case "timestamp without time zone": {
      const scale = EPOCH_SECONDS.has(where) ? 1000 : 1;
      return (v) => {
        if (v === null) return null;
        if (typeof v === "bigint") return new Date(Number(v) * scale);
        throw wrong("an integer time", v);
      };
    }
    case "text":
    case "character varying":
    case "json":
    case "jsonb":
      return (v) => {
        if (v === null || typeof v === "string") return v;
        // SQLite keeps what it was given: a number in a text column comes back as one.
        if (typeof v === "bigint" || typeof v === "number") return String(v);
        throw wrong("text", v);
      };
    case "double precision":
    case "real":
    case "numeric":
      return (v) => {
        if (v === null || typeof v === "number") return v;
        if (typeof v === "bigint") return v.toString();
        throw wrong("a number", v);
      };
    default:
      throw new Error(`${where}: db:copy does not know how to copy into a ${column.type} column`);
  }
}

async function copyTable(sqlite: Database.Database, client: pg.Client, table: string, sourceColumns: string[], target: Column[], batchRows: number) {
  const byName = new Map(target.map((c) => [c.name, c]));
  const columns = sourceColumns.map((name) => byName.get(name)!);
  const converts = columns.map((c) => converter(table, c));
  const perBatch = Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMETERS / columns.length)));
  const insertHead = `INSERT INTO ${quote(table)} (${columns.map((c) => quote(c.name)).join(", ")}) VALUES `;
  const primaryKey = (sqlite.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).all(table) as { name: string }[]).map((c) => c.name);
  const orderBy = primaryKey.length ? ` ORDER BY ${primaryKey.map(quote).join(", ")}` : "";
  const select = sqlite.prepare(`SELECT ${columns.map((c) => quote(c.name)).join(", ")} FROM ${quote(table)}${orderBy}`);
  select.safeIntegers(true);
  select.raw(true);

  let count = 0;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(", ")})`);
    await client.query(insertHead + tuples.join(", "), params);
    count += batch.length;
    batch = [];
  };
  for (const raw of select.iterate() as IterableIterator<unknown[]>) {
    batch.push(raw.map((v, i) => converts[i]!(v)));
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  return count;
}

/** PostgreSQL's search table, as its triggers would have filled it: thread titles (id -thread id) and visible posts. */
async function rebuildSearch(client: pg.Client, target: Map<string, Column[]>) {
  if (!target.has("search_index")) return;
  await client.query(`DELETE FROM search_index`);
  await client.query(`INSERT INTO search_index (id, body, thread_id, post_id) SELECT -id, title, id, NULL FROM threads`);
  await client.query(`INSERT INTO search_index (id, body, thread_id, post_id) SELECT id, body_markdown, thread_id, id FROM posts WHERE hidden_at IS NULL`);
}

/**
 * Every identity sequence gives next what SQLite would: one past the largest id, or past
 * the largest id it ever gave (sqlite_sequence) for an AUTOINCREMENT table whose last rows
 * were deleted.
 */
async function setSequences(sqlite: Database.Database, client: pg.Client, target: Map<string, Column[]>) {
  const hasSequenceTable = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get() !== undefined;
  for (const [table, columns] of target) {
    for (const column of columns.filter((c) => c.identity)) {
      const { rows } = await client.query<{ seq: string | null }>(`SELECT pg_get_serial_sequence($1, $2) AS seq`, [quote(table), column.name]);
      const sequence = rows[0]?.seq;
      if (!sequence) continue;
      const next = POSTGRES_ONLY.has(table) ? await targetNext(client, table, column.name) : sqliteNext(sqlite, table, column.name, hasSequenceTable);
      await client.query(`SELECT setval($1, $2, false)`, [sequence, next.toString()]);
    }
  }
}

function sqliteNext(sqlite: Database.Database, table: string, column: string, hasSequenceTable: boolean): bigint {
  const max = sqlite
    .prepare(`SELECT max(${quote(column)}) FROM ${quote(table)}`)
    .safeIntegers(true)
    .pluck()
    .get() as bigint | null;
  const used = hasSequenceTable
    ? (sqlite.prepare(`SELECT seq FROM sqlite_sequence WHERE name = ?`).safeIntegers(true).pluck().get(table) as bigint | undefined)
    : undefined;
  const last = [max ?? 0n, used ?? 0n].reduce((a, b) => (a > b ? a : b));
  return last + 1n;
}

async function targetNext(client: pg.Client, table: string, column: string): Promise<bigint> {
  const { rows } = await client.query<{ m: string | null }>(`SELECT max(${quote(column)})::text AS m FROM ${quote(table)}`);
  return BigInt(rows[0]?.m ?? "0") + 1n;
}
