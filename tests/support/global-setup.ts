// Migrates a template database once; every test file gets its own copy (setup-db.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { closeDb, getDb, migrateDatabase } from "../../app/lib/db.server";

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tousu-test-"));
  const template = path.join(dir, "template.db");
  process.env.DATABASE_PATH = template;
  const db = getDb();
  migrateDatabase(db);
  // One file, no WAL side files, so a plain copy is a complete database.
  db.$client.pragma("journal_mode = DELETE");
  closeDb();
  project.provide("templateDb", template);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}
