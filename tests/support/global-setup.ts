// Prepares the database every test file copies: a migrated SQLite file, or, with
// TEST_ENGINE=pg, a throwaway PostgreSQL cluster with a migrated template database
// (tests/support/pg-cluster.ts). Each test file then gets its own copy (setup-db.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startCluster } from "./pg-cluster";

const TEMPLATE = "tousu_template";

export default async function setup(project: TestProject) {
  if (process.env.TEST_ENGINE === "pg") {
    const cluster = await startCluster();
    const pg = (await import("pg")).default;
    const admin = new pg.Client({ connectionString: cluster.url("postgres") });
    await admin.connect();
    await admin.query(`create database ${TEMPLATE}`);
    await admin.end();
    process.env.DATABASE_URL = cluster.url(TEMPLATE);
    const { closeDb, migrateDatabase } = await import("../../app/lib/db.server");
    await migrateDatabase();
    await closeDb();
    project.provide("engine", "pg");
    project.provide("templateDb", cluster.url(TEMPLATE));
    project.provide("pgAdminUrl", cluster.url("postgres"));
    return () => cluster.stop();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tousu-test-"));
  const template = path.join(dir, "template.db");
  process.env.DATABASE_PATH = template;
  const { closeDb, migrateDatabase, sqliteClient } = await import("../../app/lib/db.server");
  await migrateDatabase();
  // One file, no WAL side files, so a plain copy is a complete database.
  sqliteClient().pragma("journal_mode = DELETE");
  await closeDb();
  project.provide("engine", "sqlite");
  project.provide("templateDb", template);
  project.provide("pgAdminUrl", "");
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    engine: "sqlite" | "pg";
    templateDb: string;
    pgAdminUrl: string;
  }
}
