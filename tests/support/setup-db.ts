// Runs before each test file: a private copy of the migrated template database.
import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";

const template = inject("templateDb");
const file = path.join(path.dirname(template), `test-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
fs.copyFileSync(template, file);
process.env.DATABASE_PATH = file;
// Mail written as files stays out of the working tree.
process.env.OUTBOX_DIR = `${file}-outbox`;

afterAll(async () => {
  const { closeDb } = await import("../../app/lib/db.server");
  closeDb();
  for (const suffix of ["", "-wal", "-shm", "-outbox"]) fs.rmSync(file + suffix, { force: true, recursive: true });
});
