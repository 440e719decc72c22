// Both engines' schemas are kept in step: a table, column, index, constraint or trigger
// that one engine's migrations make and the other's do not fails this test, whichever
// engine the suite runs on. Each run migrates a fresh SQLite file and a fresh PostgreSQL
// database (on the suite's cluster under TEST_ENGINE=pg, else on a throwaway one: without
// PostgreSQL installed this test fails, it does not skip) and compares their catalogs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrationsFolder, pgMigrationsFolder } from "~/lib/db.server";
import { startCluster, type Cluster } from "../support/pg-cluster";
import {
  compareCatalogs,
  describeDifference,
  readPgCatalog,
  readSqliteCatalog,
  sqliteChecks,
  triggerDetail,
  type Catalog,
  type Exception,
} from "../support/schema-catalog";

/**
 * Where the engines differ on purpose. Each exception must match a difference: one that
 * no longer does fails the test too, so the list cannot outlive what it explains.
 */
const exceptions: Exception[] = [
  {
    kind: "only",
    engine: "sqlite",
    key: /^table search_index_(data|idx|content|docsize|config)$/,
    reason: "SQLite's search index is an FTS5 virtual table, which keeps its index in these shadow tables; PostgreSQL's is a plain table with a trigram index",
  },
  {
    kind: "only",
    engine: "pg",
    key: /^(column search_index\.id|primary key search_index|index search_index_body_trgm)$/,
    reason: "PostgreSQL's search index is a plain table keyed by id with a pg_trgm GIN index; SQLite's FTS5 table is keyed by its rowid",
  },
  {
    kind: "differs",
    key: /^(table search_index|column search_index\.(body|thread_id))$/,
    reason: "SQLite's search index is a virtual table, whose columns cannot be declared NOT NULL; the triggers that fill it never write a null there",
  },
  {
    kind: "only",
    engine: "pg",
    key: /^table rate_limits$/,
    reason:
      "rate-limiter-flexible's PostgreSQL store counts for every web process; on SQLite the web processes count in the primary's memory (RateLimiterCluster)",
  },
  {
    kind: "only",
    engine: "pg",
    key: /^trigger [a-z_]+_generation$/,
    reason:
      "The page cache's generation: on PostgreSQL a sequence these triggers move; on SQLite total_changes() and data_version (app/models/generation.server.ts)",
  },
];

/** The migrations' own bookkeeping, not part of either schema. */
const bookkeeping = (catalog: Catalog) => catalog.filter((f) => f.table !== "__drizzle_migrations");

describe("the SQLite and PostgreSQL schemas", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tousu-parity-"));
  const database = `parity_${process.pid}_${Math.random().toString(36).slice(2)}`;
  let cluster: Cluster | undefined;
  let adminUrl: string;
  let sqlite: Catalog;
  let postgres: Catalog;

  beforeAll(async () => {
    const sqliteDb = new Database(path.join(dir, "parity.db"));
    migrateSqlite(drizzleSqlite(sqliteDb), { migrationsFolder });
    sqlite = bookkeeping(readSqliteCatalog(sqliteDb));
    sqliteDb.close();

    // Under TEST_ENGINE=pg the suite's cluster is there; otherwise start one (or fail with
    // PostgresMissingError when PostgreSQL is not installed).
    if (inject("engine") === "pg") adminUrl = inject("pgAdminUrl");
    else {
      cluster = await startCluster();
      adminUrl = cluster.url("postgres");
    }
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: adminUrl.replace(/\/[^/]+$/, `/${database}`), max: 1 });
    try {
      await migratePg(drizzlePg(pool), { migrationsFolder: pgMigrationsFolder });
      const client = await pool.connect();
      postgres = bookkeeping(await readPgCatalog(client));
      client.release();
    } finally {
      await pool.end();
    }
  }, 120_000);

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (cluster) cluster.stop();
    else if (adminUrl) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  });

  it("were both read", () => {
    for (const catalog of [sqlite, postgres]) {
      expect(catalog.some((f) => f.key === "table threads")).toBe(true);
      expect(catalog.some((f) => f.key.startsWith("trigger "))).toBe(true);
      expect(catalog.some((f) => f.key.startsWith("foreign key "))).toBe(true);
      // The parts of a definition each engine prints its own way are read alike.
      expect(catalog.find((f) => f.key === "trigger disclosure_versions_frozen")?.detail).toBe(
        "before update on disclosure_versions for each row when old.state = 'published'",
      );
      expect(catalog.find((f) => f.key === "index thread_clocks_open_idx")?.detail).toBe(
        "on thread_clocks (deadline, thread_id) where met_at is null and closed_at is null",
      );
    }
  });

  it("have the same tables, columns, indexes, constraints and triggers, but for the listed exceptions", () => {
    const { differences, unusedExceptions } = compareCatalogs(sqlite, postgres, exceptions);
    expect(differences.map(describeDifference)).toEqual([]);
    expect(unusedExceptions.map((e) => `exception ${e.key} matches no difference: ${e.reason}`)).toEqual([]);
  });
});

describe("the schema comparison", () => {
  // Two small catalogs with one of each kind of difference: the comparison must find them all.
  const table = (name: string, facts: [string, string][]): Catalog => facts.map(([key, detail]) => ({ table: name, key, detail }));
  const sqlite: Catalog = [
    ...table("callbacks", [
      ["table callbacks", "table"],
      ["column callbacks.method", "not null, default 'phone'"],
      ["column callbacks.note", "null, no default"],
      ["index callbacks_called_idx", "on callbacks (called_at)"],
      ["trigger callbacks_no_update", "before update on callbacks"],
    ]),
    ...table("only_here", [
      ["table only_here", "table"],
      ["column only_here.id", "not null, no default"],
    ]),
  ];
  const postgres: Catalog = table("callbacks", [
    ["table callbacks", "table"],
    ["column callbacks.method", "not null, no default"],
    ["index callbacks_called_idx", "on callbacks (called_at)"],
    ["foreign key callbacks (thread_id) references threads (id)", "on delete no action, on update no action"],
    ["trigger callbacks_no_update", "before update on callbacks"],
  ]);

  it("reports what exists on one side and not the other, and what differs", () => {
    const { differences } = compareCatalogs(sqlite, postgres);
    expect(differences.map(describeDifference).sort()).toEqual([
      "column callbacks.method differs: SQLite has not null, default 'phone', PostgreSQL has not null, no default",
      "column callbacks.note (null, no default) is in SQLite's schema and not in PostgreSQL's",
      "foreign key callbacks (thread_id) references threads (id) (on delete no action, on update no action) is in PostgreSQL's schema and not in SQLite's",
      "table only_here (table) is in SQLite's schema and not in PostgreSQL's",
    ]);
  });

  it("leaves out listed exceptions, and reports exceptions that match nothing", () => {
    const note: Exception = { kind: "only", engine: "sqlite", key: /^column callbacks\.note$/, reason: "a test" };
    const stale: Exception = { kind: "only", engine: "pg", key: /^table gone$/, reason: "a test" };
    const { differences, unusedExceptions } = compareCatalogs(sqlite, postgres, [note, stale]);
    expect(differences.map((d) => d.key)).not.toContain("column callbacks.note");
    expect(differences).toHaveLength(3);
    expect(unusedExceptions).toEqual([stale]);
  });

  it("reads the same trigger and check the same way from both engines' spelling", () => {
    expect(triggerDetail("posts", "CREATE TRIGGER `search_posts_update` AFTER UPDATE OF `body_markdown`, `hidden_at` ON `posts` BEGIN")).toBe(
      triggerDetail(
        "posts",
        "CREATE TRIGGER search_posts_update AFTER UPDATE OF body_markdown, hidden_at ON public.posts FOR EACH ROW EXECUTE FUNCTION tousu_search_post()",
      ),
    );
    expect(sqliteChecks("CREATE TABLE t (a integer, CHECK (a in (1, 2)), b text check(b <> ')'))")).toEqual(["a in (1, 2)", "b <> ')'"]);
  });
});
