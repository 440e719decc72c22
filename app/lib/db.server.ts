// The process's one database handle. Kept on globalThis so that the server
// process and the Remix bundle, which load this module separately, share it.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../../db/schema";
import { getEnv } from "./env.server";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

type Handle = { path: string; db: DB };
const globalKey = "__tousuDatabase" as const;
const store = globalThis as unknown as { [globalKey]?: Handle };

export function openDatabase(file: string): DB {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Reads dominate: a 64 MiB page cache and memory-mapped reads keep hot pages out of syscalls.
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("mmap_size = 268435456");
  return drizzle(sqlite, { schema }) as DB;
}

export function getDb(): DB {
  const file = getEnv().DATABASE_PATH;
  const current = store[globalKey];
  if (current && current.path === file) return current.db;
  const db = openDatabase(file);
  store[globalKey] = { path: file, db };
  return db;
}

export function closeDb() {
  const current = store[globalKey];
  if (current) {
    current.db.$client.close();
    delete store[globalKey];
  }
}

/** The handle a model writes through inside a transaction. */
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

const afterCommitCallbacks = new WeakMap<object, (() => void)[]>();

/**
 * Runs `fn` in one transaction, then, once it has committed, what it asked to happen
 * afterwards (`afterCommit`), such as starting mail delivery. Nothing runs if it throws.
 */
export function transaction<T>(fn: (tx: Tx) => T): T {
  const callbacks: (() => void)[] = [];
  const result = getDb().transaction((tx) => {
    afterCommitCallbacks.set(tx, callbacks);
    return fn(tx);
  });
  for (const callback of callbacks) callback();
  return result;
}

/**
 * Asks for `callback` once the transaction `tx` belongs to has committed. Outside a
 * transaction started by `transaction()`, it runs after the current synchronous work.
 */
export function afterCommit(tx: Tx | DB, callback: () => void) {
  const pending = afterCommitCallbacks.get(tx);
  if (pending) pending.push(callback);
  else setImmediate(callback);
}

export const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations");

export function migrateDatabase(db: DB = getDb()) {
  migrate(db, { migrationsFolder });
}
