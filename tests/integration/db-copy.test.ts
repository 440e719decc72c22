// `npm run db:copy` on the demo database: every row of every table arrives unchanged, the
// next id of every table is the one SQLite would have given, search works, a non-empty
// target is refused, and a copy that fails leaves the target as it was. Runs on a throwaway
// PostgreSQL cluster (the suite's, with TEST_ENGINE=pg); without PostgreSQL it fails.
//
// No app module is imported before the copy is made: the models then open the copy through
// DATABASE_URL (db/schema.ts picks its engine when first imported).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { copySqliteToPostgres, CopyRefusedError, type CopyResult } from "../../db/copy";
import { startCluster, type Cluster } from "../support/pg-cluster";

let dir = "";
let demo = "";
let cluster: Cluster | undefined;
let adminUrl = "";
const names = { target: "", broken: "" };
const url = (database: string) => adminUrl.replace(/\/[^/]+$/, `/${database}`);
let copied: CopyResult;
let source: Database.Database;

/** The next id SQLite gives each table with an integer key, read before the copy. */
const sqliteNextIds = new Map<string, bigint>();

// Where PostgreSQL is missing, startCluster throws PostgresMissingError: every test then
// fails with it (beforeEach), rather than being skipped as after a failed beforeAll.
let prepared: Promise<void>;
beforeAll(() => {
  prepared = prepare();
  return prepared.catch(() => undefined);
}, 180_000);
beforeEach(() => prepared);

async function prepare() {
  // PostgreSQL first, the suite's cluster with TEST_ENGINE=pg, otherwise one of our own.
  adminUrl = inject("pgAdminUrl");
  if (!adminUrl) {
    cluster = await startCluster();
    adminUrl = cluster.url("postgres");
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tousu-copy-"));
  demo = path.join(dir, "demo.db");
  // The demo data exactly as `npm run db:seed` writes it, in a process of its own on SQLite.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: demo, OUTBOX_DIR: path.join(dir, "outbox"), NODE_ENV: "test" };
  delete env.DATABASE_URL;
  execFileSync(path.resolve("node_modules/.bin/tsx"), ["db/seed.ts"], { env, stdio: "pipe" });

  // The demo leaves a few tables empty and no id unused: a session (a timestamp in
  // seconds), a scheduler run, an internal note, and an outbox row whose id is given up,
  // so that every conversion and sqlite_sequence are exercised too.
  const w = new Database(demo);
  const staff = w.prepare(`SELECT id FROM users WHERE role = 'staff' ORDER BY id LIMIT 1`).pluck().get() as string;
  w.prepare(`INSERT INTO sessions (id, user_id, expires_at) VALUES ('copy-session', ?, 1900000000)`).run(staff);
  w.prepare(`INSERT INTO scheduler_runs (process_id, host, pid, started_at, last_tick_at) VALUES ('p1', 'host', 42, 1700000000000, 1700000060000)`).run();
  w.prepare(`INSERT INTO internal_notes (thread_id, author_id, body, created_at) VALUES (1, ?, '内部备注', 1700000000000)`).run(staff);
  w.prepare(
    `INSERT INTO mail_outbox (to_address, category, subject, text_body, status, created_at) VALUES ('a@example.com', 'test', 's', 'b', 'suppressed', 1)`,
  ).run();
  w.prepare(`DELETE FROM mail_outbox WHERE id = (SELECT max(id) FROM mail_outbox)`).run();
  w.pragma("journal_mode = DELETE");
  w.close();
  source = new Database(demo, { readonly: true });
  source.defaultSafeIntegers(true);
  for (const table of sourceTables()) {
    const key = integerKey(table);
    if (!key) continue;
    const max = (source.prepare(`SELECT max("${key}") FROM "${table}"`).pluck().get() as bigint | null) ?? 0n;
    const seq = (source.prepare(`SELECT seq FROM sqlite_sequence WHERE name = ?`).pluck().get(table) as bigint | undefined) ?? 0n;
    sqliteNextIds.set(table, (max > seq ? max : seq) + 1n);
  }

  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  names.target = `copy_${suffix}`;
  names.broken = `copy_broken_${suffix}`;
  await admin(async (c) => {
    for (const name of Object.values(names)) await c.query(`CREATE DATABASE ${name}`);
  });

  copied = await copySqliteToPostgres({ from: demo, to: url(names.target), log: () => undefined });
  console.info(`db:copy of the demo database: ${copied.tables.reduce((n, t) => n + t.rows, 0)} rows in ${copied.ms} ms`);
}

afterAll(async () => {
  source?.close();
  const { closeDb } = await import("../../app/lib/db.server");
  await closeDb();
  if (adminUrl && !cluster)
    await admin(async (c) => {
      for (const name of Object.values(names)) if (name) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function admin(fn: (c: pg.Client) => Promise<void>) {
  await connected(adminUrl, fn);
}

/** A client that reads int8 as bigint, so that no id or time is rounded on the way. */
async function connected<T>(connectionString: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const types = { getTypeParser: ((oid: number, format?: "text") => (oid === 20 ? (v: string) => BigInt(v) : pg.types.getTypeParser(oid, format))) as never };
  const c = new pg.Client({ connectionString, types });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The site's tables in SQLite: not SQLite's own, drizzle's log, or the FTS5 search tables. */
function sourceTables(): string[] {
  return (source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[]).filter(
    (n) => !n.startsWith("sqlite_") && n !== "__drizzle_migrations" && !n.startsWith("search_index"),
  );
}

const columnsOf = (table: string) =>
  source.prepare(`SELECT name, type, pk FROM pragma_table_info(?)`).all(table) as { name: string; type: string; pk: bigint }[];
const primaryKeyOf = (table: string) =>
  columnsOf(table)
    .filter((c) => c.pk > 0n)
    .sort((a, b) => Number(a.pk - b.pk))
    .map((c) => c.name);
const integerKey = (table: string) => {
  const pk = columnsOf(table).filter((c) => c.pk > 0n);
  return pk.length === 1 && pk[0]!.type.toUpperCase() === "INTEGER" ? pk[0]!.name : null;
};

/** A PostgreSQL value as SQLite holds it: booleans as 0/1, timestamps as epoch integers. */
function asSqlite(table: string, column: string, value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (value instanceof Date) return BigInt(table === "sessions" && column === "expires_at" ? value.getTime() / 1000 : value.getTime());
  return value;
}

async function tableCounts(database: string) {
  return connected(database, async (c) => {
    const { rows } = await c.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const counts: Record<string, bigint> = {};
    for (const { table_name } of rows) counts[table_name] = (await c.query<{ n: bigint }>(`SELECT count(*) AS n FROM "${table_name}"`)).rows[0]!.n;
    return counts;
  });
}

/** Each identity sequence's next value, without taking it. */
async function sequenceNext(database: string) {
  return connected(database, async (c) => {
    const { rows } = await c.query<{ table_name: string; seq: string }>(
      `SELECT table_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
         FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'`,
    );
    const next = new Map<string, bigint>();
    for (const { table_name, seq } of rows) {
      const s = (await c.query<{ last_value: bigint; is_called: boolean }>(`SELECT last_value, is_called FROM ${seq}`)).rows[0]!;
      next.set(table_name, s.is_called ? s.last_value + 1n : s.last_value);
    }
    return next;
  });
}

async function userTriggersDisabled(database: string) {
  return connected(database, async (c) => {
    const { rows } = await c.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'`);
    return rows.map((r) => r.tgname);
  });
}

describe("npm run db:copy", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/db-copy.ts", ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } });

  it("explains its usage and exits 2 without --from or --to", () => {
    const r = run(["--from", "./nowhere.db"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Usage: npm run db:copy -- --from");
  });

  it("refuses a target that is not PostgreSQL, and a missing SQLite file, exiting 1 without printing the address", () => {
    const notPg = run(["--from", "./nowhere.db", "--to", "mysql://secret-password@host/db"]);
    expect(notPg.status).toBe(1);
    expect(notPg.stderr).toContain("Refused: --to must be a postgres:// address");
    expect(notPg.stderr).not.toContain("secret-password");
    const missing = run(["--from", "./nowhere.db", "--to", "postgres://user:secret-password@127.0.0.1:1/db"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("Refused: no SQLite database at ./nowhere.db");
    expect(missing.stderr).not.toContain("secret-password");
  });
});

describe("db:copy", () => {
  it("copies every table of the demo database, migrating the empty target first", () => {
    expect(copied.migrated).toBe(true);
    expect(copied.tables.map((t) => t.table).sort()).toEqual(sourceTables());
    expect(copied.tables.find((t) => t.table === "threads")!.rows).toBeGreaterThanOrEqual(300);
  });

  it("copies every row unchanged: same count, same values, normalised per type", async () => {
    await connected(url(names.target), async (c) => {
      for (const table of sourceTables()) {
        const columns = columnsOf(table).map((col) => col.name);
        const list = columns.map((col) => `"${col}"`).join(", ");
        const key = primaryKeyOf(table);
        const order = key.map((col) => `"${col}"`).join(", ");
        // The same order on both sides: by primary key, text compared bytewise in PostgreSQL too.
        const text = new Set(
          columnsOf(table)
            .filter((col) => col.type.toUpperCase() === "TEXT")
            .map((col) => col.name),
        );
        const pgOrder = key.map((col) => (text.has(col) ? `"${col}" COLLATE "C"` : `"${col}"`)).join(", ");
        const expected = source.prepare(`SELECT ${list} FROM "${table}" ORDER BY ${order}`).raw(true).all();
        const { rows } = await c.query({ text: `SELECT ${list} FROM "${table}" ORDER BY ${pgOrder}`, rowMode: "array" });
        const actual = (rows as unknown[][]).map((r) => r.map((v, i) => asSqlite(table, columns[i]!, v)));
        expect(actual.length, `${table} rows`).toBe(expected.length);
        // The first row that differs, rather than two tables of thousands of rows.
        const differs = actual.findIndex((row, i) => !isDeepStrictEqual(row, expected[i]));
        expect(differs < 0 ? null : { row: differs, copied: actual[differs], source: expected[differs] }, table).toBeNull();
      }
    });
  });

  it("gives every table the next id SQLite would have given, past ids given up too", async () => {
    const next = await sequenceNext(url(names.target));
    const copiedTables = new Set(sourceTables());
    expect(new Set([...next.keys()].filter((t) => copiedTables.has(t)))).toEqual(new Set(sqliteNextIds.keys()));
    for (const [table, id] of sqliteNextIds) expect(next.get(table), table).toBe(id);
    // The outbox row given up before the copy stays given up.
    const maxOutbox = source.prepare(`SELECT max(id) FROM mail_outbox`).pluck().get() as bigint;
    expect(next.get("mail_outbox")).toBe(maxOutbox + 2n);
  });

  it("rebuilds search from the copied rows, as SQLite's search index holds them", async () => {
    const expected = source.prepare(`SELECT rowid, body, thread_id, post_id FROM search_index ORDER BY rowid`).raw(true).all();
    const { rows } = await connected(url(names.target), (c) =>
      c.query({ text: `SELECT id, body, thread_id, post_id FROM search_index ORDER BY id`, rowMode: "array" }),
    );
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows).toEqual(expected);
  });

  it("turns the triggers back on: the audit log is append-only again", async () => {
    expect(await userTriggersDisabled(url(names.target))).toEqual([]);
    await connected(url(names.target), async (c) => {
      await expect(c.query(`UPDATE audit_log SET action = 'x' WHERE id = 1`)).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM thread_events WHERE id = 1`)).rejects.toThrow(/append-only/);
    });
  });

  it("refuses a second copy into the now non-empty target, and changes nothing", async () => {
    const counts = await tableCounts(url(names.target));
    const sequences = await sequenceNext(url(names.target));
    await expect(copySqliteToPostgres({ from: demo, to: url(names.target), log: () => undefined })).rejects.toThrow(CopyRefusedError);
    await expect(copySqliteToPostgres({ from: demo, to: url(names.target), log: () => undefined })).rejects.toThrow(/not empty: .*threads \(\d+ rows\)/);
    expect(await tableCounts(url(names.target))).toEqual(counts);
    expect(await sequenceNext(url(names.target))).toEqual(sequences);
    expect(await userTriggersDisabled(url(names.target))).toEqual([]);
  });

  it("leaves the target empty when the copy fails midway, and a later copy then succeeds", async () => {
    // A value PostgreSQL cannot take, in a table copied after the threads and posts.
    const broken = path.join(dir, "broken.db");
    fs.copyFileSync(demo, broken);
    const w = new Database(broken);
    w.prepare(`UPDATE thread_ratings SET attitude = 'very' WHERE id = (SELECT max(id) FROM thread_ratings)`).run();
    w.close();
    const lines: string[] = [];
    await expect(copySqliteToPostgres({ from: broken, to: url(names.broken), log: (l) => lines.push(l) })).rejects.toThrow(
      /thread_ratings\.attitude: expected an integer/,
    );
    expect(lines).toContain(`threads: ${copied.tables.find((t) => t.table === "threads")!.rows} rows`);
    expect(lines.some((l) => l.startsWith("posts: "))).toBe(true);
    // Migrated, as the copy found it without tables, but without a row beyond the migration's headquarters.
    const counts = await tableCounts(url(names.broken));
    expect(Object.entries(counts).filter(([table, n]) => n > 0n && table !== "org_units")).toEqual([]);
    expect(counts.org_units).toBe(1n);
    expect([...(await sequenceNext(url(names.broken))).values()].every((n) => n <= 2n)).toBe(true);
    expect(await userTriggersDisabled(url(names.broken))).toEqual([]);

    const retry = await copySqliteToPostgres({ from: demo, to: url(names.broken), log: () => undefined });
    expect(retry.migrated).toBe(false);
    expect(await tableCounts(url(names.broken))).toEqual(await tableCounts(url(names.target)));
  });

  it("runs the site's models on the copy: a thread page, search for a Chinese phrase, a new reply with the next id", async () => {
    // A five-character phrase found in one visible post only, so that search has one answer.
    const bodies = source
      .prepare(
        `SELECT s.rowid AS id, s.thread_id AS threadId, s.body AS body FROM search_index s JOIN threads t ON t.id = s.thread_id
          WHERE s.post_id IS NOT NULL AND t.hidden_at IS NULL AND t.locked_at IS NULL AND t.status != 'merged' ORDER BY s.rowid`,
      )
      .all() as { id: bigint; threadId: bigint; body: string }[];
    const count = source.prepare(`SELECT count(*) FROM search_index WHERE instr(body, ?) > 0`).pluck();
    let phrase = "";
    let where: { id: bigint; threadId: bigint } | undefined;
    for (const b of bodies) {
      for (const m of b.body.matchAll(/[\u4e00-\u9fff]{5}/g)) {
        if ((count.get(m[0]) as bigint) === 1n) {
          phrase = m[0];
          where = b;
          break;
        }
      }
      if (where) break;
    }
    expect(phrase).not.toBe("");

    process.env.DATABASE_URL = url(names.target);
    const { search } = await import("../../app/models/search.server");
    const { createReply, getThread } = await import("../../app/models/threads.server");
    const { engine } = await import("../../app/lib/db.server");
    expect(engine()).toBe("pg");

    const found = await search(phrase, {});
    expect(found.mode).toBe("index");
    expect(found.hits.map((h) => [h.threadId, h.postId])).toEqual([[Number(where!.threadId), Number(where!.id)]]);

    const threadId = Number(where!.threadId);
    const page = await getThread(threadId);
    const title = source.prepare(`SELECT title FROM threads WHERE id = ?`).pluck().get(threadId) as string;
    expect(page?.title).toBe(title);
    const posts = source.prepare(`SELECT count(*) FROM posts WHERE thread_id = ? AND kind != 'opening'`).pluck().get(threadId) as bigint;
    expect(page?.opening).toBeDefined();
    expect(page?.replies.length).toBe(Number(posts));

    const author = source.prepare(`SELECT author_id FROM threads WHERE id = ?`).pluck().get(threadId) as string;
    const replyId = await createReply({ threadId, authorId: author, body: "搬到新数据库以后的回复" }, Date.now());
    expect(BigInt(replyId)).toBe(sqliteNextIds.get("posts"));
    expect((await search("搬到新数据库", {})).hits.map((h) => h.postId)).toEqual([replyId]);
  });
});
