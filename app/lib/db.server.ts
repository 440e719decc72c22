// The process's one database handle: SQLite (a file, the embedded default) or PostgreSQL
// (DATABASE_URL=postgres://...). Kept on globalThis so that the server process and the
// Remix bundle, which load this module separately, share it. Models are written once,
// against drizzle's asynchronous SQLite query-builder types; every query is awaited, and
// writes go through `transaction()` (or, one statement alone, `writeAlone()`). See
// docs/decisions/0015-postgresql.md.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { SQL } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { databaseEngine } from "../../db/schema";
import * as pgSchema from "../../db/schema.pg";
import * as sqliteSchema from "../../db/schema.sqlite";
import { getEnv } from "./env.server";
import { givePostgresBuildersSqliteEndings } from "./pg-compat.server";

/** The query builder models are written against: SQLite's types, every result awaited. */
export type DB = BaseSQLiteDatabase<"async", { changes: number }, typeof sqliteSchema>;
/** The handle a model writes through inside a transaction. */
export type Tx = DB;
export type Engine = "sqlite" | "pg";

type Handle = {
  key: string;
  engine: Engine;
  db: DB;
  sqlite?: Database.Database;
  pool?: pg.Pool;
  /** PostgreSQL: the connection that hears writes commit, and this process's own commits (see `committedWrites`). */
  listener?: Listener;
  listenAgainAt?: number;
  commits?: number;
};
const globalKey = "__tousuDatabase" as const;
const store = globalThis as unknown as { [globalKey]?: Handle };

export function engine(): Engine {
  return databaseEngine;
}

function openSqlite(file: string): Handle {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Reads dominate: a page cache and memory-mapped reads keep hot pages out of syscalls. Both
  // count in the process's memory (the mapped file as far as it has been read), so together
  // they are held to 96 MiB.
  sqlite.pragma("cache_size = -32768");
  sqlite.pragma("mmap_size = 67108864");
  guardWrites(sqlite);
  return { key: file, engine: "sqlite", sqlite, db: drizzleSqlite(sqlite, { schema: sqliteSchema }) as unknown as DB };
}

let parsersSet = false;
function openPostgres(url: string): Handle {
  if (!parsersSet) {
    // Counts and sums come back as int8 and numeric, which node-postgres leaves as strings.
    pg.types.setTypeParser(20, (v) => Number(v));
    pg.types.setTypeParser(1700, (v) => Number(v));
    parsersSet = true;
  }
  givePostgresBuildersSqliteEndings();
  const pool = new pg.Pool({ connectionString: url, max: getEnv().DATABASE_POOL_SIZE });
  // An idle client's error (the server restarted) must not bring the process down.
  pool.on("error", (e) => console.error("database pool:", e.message));
  return { key: url, engine: "pg", pool, db: drizzlePg(pool, { schema: pgSchema }) as unknown as DB };
}

function handle(): Handle {
  const env = getEnv();
  const key = databaseEngine === "pg" ? env.DATABASE_URL! : env.DATABASE_PATH;
  const current = store[globalKey];
  if (current && current.key === key) return current;
  const h = databaseEngine === "pg" ? openPostgres(key) : openSqlite(key);
  store[globalKey] = h;
  return h;
}

/**
 * The query builder. Inside a transaction() it is that transaction's: on PostgreSQL a read
 * through the pool would run on another connection and miss what the transaction wrote.
 */
export function getDb(): DB {
  const state = txContext.getStore();
  if (state && !state.done) return state.tx;
  return handle().db;
}

/** The SQLite connection itself, for what only SQLite has (pragmas, its change counters). */
export function sqliteClient(): Database.Database {
  const h = handle();
  if (!h.sqlite) throw new Error("not running on SQLite");
  return h.sqlite;
}

/** The PostgreSQL pool itself, for what needs a pg client (the rate limiter's store). */
export function postgresPool(): pg.Pool {
  const h = handle();
  if (!h.pool) throw new Error("not running on PostgreSQL");
  return h.pool;
}

// ---------------------------------------------------------------- writes heard committed

/** The channel the generation's trigger notifies on every write to what pages show. */
const WRITES_CHANNEL = "tousu_generation";
/** The channel this process checks its listening on: its own notices, not writes. */
const CHECK_CHANNEL = "tousu_listening";
const LISTEN_AGAIN_MS = 1000;
/** How often the listener checks that it still hears, and how long it waits to hear itself. */
const CHECK_EVERY_MS = 30_000;
const HEAR_WITHIN_MS = 10_000;

type Listener = {
  client: pg.Client;
  /** Never the same for two listeners, so that counts on a new one never repeat an old one's. */
  epoch: string;
  heard: number;
  ready: Promise<void>;
  listening: boolean;
  markers: Map<string, () => void>;
  check?: NodeJS.Timeout;
};

function listen(h: Handle): Listener | undefined {
  if (h.listener || Date.now() < (h.listenAgainAt ?? 0)) return h.listener;
  const client = new pg.Client({
    connectionString: h.key,
    keepAlive: true,
    connectionTimeoutMillis: HEAR_WITHIN_MS,
    // What it is, in pg_stat_activity.
    application_name: `tousu listener ${process.pid}`,
  });
  const listener: Listener = { client, epoch: randomUUID().slice(0, 8), heard: 0, ready: Promise.resolve(), listening: false, markers: new Map() };
  h.listener = listener;
  const lost = (e?: Error) => {
    if (h.listener !== listener) return;
    // What this process heard on it may have missed a write: every count from now on is new.
    h.listener = undefined;
    h.listenAgainAt = Date.now() + LISTEN_AGAIN_MS;
    listener.listening = false;
    clearInterval(listener.check);
    if (e) console.error("database listener:", e.message);
    client.end().catch(() => undefined);
  };
  client.on("notification", (notice) => {
    if (notice.channel === WRITES_CHANNEL) listener.heard++;
    else if (notice.channel === CHECK_CHANNEL && notice.payload) listener.markers.get(notice.payload)?.();
  });
  client.on("error", lost);
  client.on("end", () => lost());
  // It counts as listening once it has heard itself: a connection that cannot hear (a pooler
  // in front of the database that does not pass notices on, say) never does.
  listener.ready = client
    .connect()
    .then(() => client.query(`listen ${WRITES_CHANNEL}; listen ${CHECK_CHANNEL}`))
    .then(() => hearSelf(h, listener))
    .then(
      () => {
        listener.listening = true;
        listener.check = setInterval(() => void hearSelf(h, listener).catch((e: Error) => lost(e)), CHECK_EVERY_MS).unref();
      },
      (e: Error) => {
        lost(e);
        throw e;
      },
    );
  listener.ready.catch(() => undefined);
  return listener;
}

/**
 * Sends a notice of this process's own through the pool and resolves once the listener has
 * heard it. Notices arrive in the order their transactions committed, on every channel, so by
 * then every write committed before the call has been heard too.
 */
async function hearSelf(h: Handle, listener: Listener): Promise<void> {
  const marker = randomUUID();
  let timer: NodeJS.Timeout | undefined;
  const heard = new Promise<void>((resolve, reject) => {
    listener.markers.set(marker, resolve);
    timer = setTimeout(() => reject(new Error(`the listener did not hear its own notice within ${HEAR_WITHIN_MS / 1000} s`)), HEAR_WITHIN_MS);
    timer.unref();
  });
  try {
    await h.pool!.query("select pg_notify($1, $2)", [CHECK_CHANNEL, marker]);
    await heard;
  } finally {
    clearTimeout(timer);
    listener.markers.delete(marker);
  }
}

/**
 * PostgreSQL only: the writes to what pages show that this process knows have committed: what
 * its listening connection has heard, and its own transactions. Undefined while it is not
 * listening (the connection failed, was lost or cannot hear, until it listens again). A notice
 * reaches listeners only once its transaction has committed, and never if it rolled back, so a
 * value that has not changed since data was read means no write has committed meanwhile (up to
 * the notice's delivery, and at once for this process's own).
 */
export async function committedWrites(): Promise<string | undefined> {
  const h = handle();
  if (h.engine !== "pg") throw new Error("not running on PostgreSQL");
  const listener = listen(h);
  // Askers wait while the connection starts to listen; one that fails counts as not listening.
  if (listener && !listener.listening) await listener.ready.catch(() => undefined);
  return listener?.listening ? `${listener.epoch}.${listener.heard}.${h.commits ?? 0}` : undefined;
}

/** Resolves once this process has heard every write committed before the call (PostgreSQL; at once on SQLite). */
export async function allCommittedWritesHeard(): Promise<void> {
  const h = handle();
  if (h.engine !== "pg") return;
  const listener = listen(h);
  if (!listener) throw new Error("not listening for writes");
  await listener.ready;
  await hearSelf(h, listener);
}

/** Whether the caller runs inside a transaction() that has not ended: what it reads may yet roll back. */
export function inTransaction(): boolean {
  const state = txContext.getStore();
  return state !== undefined && !state.done;
}

const closing: (() => Promise<unknown>)[] = [];
/** Work to let finish before the database closes (a delivery in flight, say). */
export function beforeCloseDb(wait: () => Promise<unknown>) {
  closing.push(wait);
}

export async function closeDb() {
  // On PostgreSQL a query still waiting for a connection when the pool ends would wait forever.
  for (const wait of closing) await wait().catch(() => undefined);
  const current = store[globalKey];
  if (!current) return;
  delete store[globalKey];
  current.sqlite?.close();
  const listener = current.listener;
  current.listener = undefined;
  clearInterval(listener?.check);
  await listener?.client.end().catch(() => undefined);
  await current.pool?.end();
}

// ---------------------------------------------------------------- transactions

type TxState = { tx: Tx; afterCommit: (() => void)[]; done?: boolean };
const txContext = new AsyncLocalStorage<TxState>();

// SQLite has one connection per process: transactions take turns, and while one is open
// no other request may write on the connection (it would join the transaction).
let sqliteTurn: Promise<void> = Promise.resolve();
let sqliteOpen: TxState | null = null;

const WRITE = /^\s*(insert|update|delete|replace)\b/i;

// Statements kept by their text: drizzle asks for a statement on every query, and the same few
// hundred texts come back on every request. SQLite would compile each of them again.
const KEPT_STATEMENTS = 2000;

function guardWrites(sqlite: Database.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const statement = kept.get(source);
    // One still being iterated cannot run again until it is done.
    if (statement && !statement.busy) {
      // Back to how a fresh statement reads its rows (drizzle switches on raw() for its mapping).
      if (statement.reader) statement.pluck(false).expand(false).raw(false);
      return statement.safeIntegers(false);
    }
    const fresh = guarded(prepare(source), source);
    if (!statement) {
      if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
      kept.set(source, fresh);
    }
    return fresh;
  }) as typeof sqlite.prepare;
}

function guarded(statement: Database.Statement, source: string) {
  if (!WRITE.test(source)) return statement;
  for (const method of ["run", "all", "get"] as const) {
    const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
    (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (sqliteOpen && txContext.getStore() !== sqliteOpen) throw new Error("a write outside the open transaction: write through transaction()");
      return original(...args);
    };
  }
  return statement;
}

/**
 * Runs `fn` in one transaction, then, once it has committed, what it asked to happen
 * afterwards (`afterCommit`), such as starting mail delivery. Nothing runs if it throws.
 * A transaction() inside another joins it.
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const outer = txContext.getStore();
  if (outer && !outer.done) return fn(outer.tx);
  const h = handle();
  let state: TxState | undefined;
  let result: T;
  try {
    if (h.engine === "pg") {
      result = await h.db.transaction(async (tx) => {
        state = { tx: tx as unknown as Tx, afterCommit: [] };
        return txContext.run(state, () => fn(state!.tx));
      });
      // Committed: this process's generation moves now, before its notice comes back.
      h.commits = (h.commits ?? 0) + 1;
    } else {
      result = await sqliteTransaction(h, (s) => (state = s), fn);
    }
  } finally {
    // Work the transaction started and did not wait for goes to the pool from now on.
    if (state) state.done = true;
  }
  for (const callback of state!.afterCommit) callback();
  return result;
}

/**
 * One statement of its own, outside any transaction of the caller's: a delivery's progress,
 * an unsubscription, a scheduler's tick. On SQLite, while another request's transaction is
 * open (waiting on I/O, say), a write on the one connection would join that transaction (and
 * the guard refuses it), so it waits for its turn as a transaction does; otherwise it runs at
 * once, as SQLite runs a lone statement, before anything else can begin. On PostgreSQL it
 * runs on the pool, which needs no turn and, unlike a transaction, moves no generation.
 * Inside a transaction it is part of it.
 */
export async function writeAlone<T>(write: (db: DB) => Promise<T>): Promise<T> {
  const outer = txContext.getStore();
  if (handle().engine === "pg" || (outer && !outer.done) || !sqliteOpen) return write(getDb());
  return transaction(write);
}

async function sqliteTransaction<T>(h: Handle, begin: (state: TxState) => void, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const previous = sqliteTurn;
  let release!: () => void;
  sqliteTurn = new Promise((resolve) => (release = resolve));
  await previous;
  const sqlite = h.sqlite!;
  const state: TxState = { tx: h.db, afterCommit: [] };
  begin(state);
  try {
    sqliteOpen = state;
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      const result = await txContext.run(state, () => fn(h.db));
      sqlite.exec("COMMIT");
      return result;
    } catch (e) {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      throw e;
    }
  } finally {
    sqliteOpen = null;
    release();
  }
}

/**
 * Asks for `callback` once the transaction `tx` belongs to has committed. Outside a
 * transaction started by `transaction()`, it runs after the current synchronous work.
 */
export function afterCommit(_tx: Tx | DB, callback: () => void) {
  const state = txContext.getStore();
  if (state) state.afterCommit.push(callback);
  else setImmediate(callback);
}

/** The database's own error behind a query error (drizzle wraps it with the statement). */
export function databaseCause(e: unknown): Error | undefined {
  let current = e;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    if (!current.message.startsWith("Failed query") && !current.message.startsWith("Failed to run the query")) return current;
    current = current.cause;
  }
  return current instanceof Error ? current : undefined;
}

/** Whether `e` is a unique-constraint violation on `table`.`column`, on either engine. */
export function isUniqueViolation(e: unknown, table: string, column: string): boolean {
  const cause = databaseCause(e) as (Error & { code?: string; constraint?: string; table?: string }) | undefined;
  if (!cause) return false;
  if (cause.code === "23505") return cause.table === table && (cause.constraint ?? "").includes(column);
  return cause.message.includes(`UNIQUE constraint failed: ${table}.${column}`);
}

const rethrowCause = (e: unknown): never => {
  throw databaseCause(e) ?? e;
};

/** The rows of a hand-written query (engine-specific SQL: search, explain), whichever engine ran it. */
export async function rawRows<T>(query: SQL): Promise<T[]> {
  const h = handle();
  try {
    if (h.engine === "pg") return (await (h.db as unknown as { execute: (q: SQL) => Promise<{ rows: T[] }> }).execute(query)).rows;
    return await h.db.all<T>(query);
  } catch (e) {
    return rethrowCause(e);
  }
}

/** A hand-written statement that returns no rows, whichever engine runs it. */
export async function rawRun(statement: SQL): Promise<void> {
  const h = handle();
  try {
    if (h.engine === "pg") await (h.db as unknown as { execute: (q: SQL) => Promise<unknown> }).execute(statement);
    else await h.db.run(statement);
  } catch (e) {
    rethrowCause(e);
  }
}

/** Rows a write changed, whichever engine ran it. */
export function affected(result: { changes: number }): number {
  return result.changes;
}

// ---------------------------------------------------------------- migrations

export const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations");
export const pgMigrationsFolder = path.resolve(process.env.PG_MIGRATIONS_DIR ?? "db/migrations-pg");

/**
 * Runs what a starting server does to the database (migrations, first-start data) while no
 * other process does the same: on PostgreSQL several machines may start at once, so they take
 * turns under an advisory lock held on a connection of its own. On SQLite, one machine, it just runs.
 */
export async function whileStartingAlone<T>(work: () => Promise<T>): Promise<T> {
  const h = handle();
  if (h.engine !== "pg") return work();
  const client = await h.pool!.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext('tousu:start'))");
    try {
      return await work();
    } finally {
      await client.query("select pg_advisory_unlock(hashtext('tousu:start'))");
    }
  } finally {
    client.release();
  }
}

export async function migrateDatabase() {
  const h = handle();
  if (h.engine === "pg") await migratePg(h.db as never, { migrationsFolder: pgMigrationsFolder });
  else migrateSqlite(h.db as never, { migrationsFolder });
}
