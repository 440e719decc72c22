// Runs before each test file: a private copy of the migrated template database, a file
// for SQLite, a database made from the template for PostgreSQL. Set before any app module
// loads, since db/schema.ts picks the engine's tables when it is first imported.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";

const engine = inject("engine");
const template = inject("templateDb");
const name = `test_${process.pid}_${Math.random().toString(36).slice(2)}`;
let cleanup: () => Promise<void>;

if (engine === "pg") {
  const pg = (await import("pg")).default;
  const adminUrl = inject("pgAdminUrl");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template tousu_template`);
  await admin.end();
  process.env.DATABASE_URL = template.replace(/\/[^/]+$/, `/${name}`);
  process.env.OUTBOX_DIR = path.join(os.tmpdir(), `${name}-outbox`);
  process.env.UPLOAD_DIR = path.join(os.tmpdir(), `${name}-uploads`);
  cleanup = async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
    fs.rmSync(process.env.OUTBOX_DIR!, { force: true, recursive: true });
    fs.rmSync(process.env.UPLOAD_DIR!, { force: true, recursive: true });
  };
} else {
  const file = path.join(path.dirname(template), `${name}.db`);
  fs.copyFileSync(template, file);
  process.env.DATABASE_PATH = file;
  // Mail written as files stays out of the working tree.
  process.env.OUTBOX_DIR = `${file}-outbox`;
  process.env.UPLOAD_DIR = `${file}-uploads`;
  cleanup = async () => {
    for (const suffix of ["", "-wal", "-shm", "-outbox", "-uploads"]) fs.rmSync(file + suffix, { force: true, recursive: true });
  };
}

afterAll(async () => {
  const { closeDb } = await import("../../app/lib/db.server");
  await closeDb();
  await cleanup();
});
