import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [{ find: /^~\//, replacement: `${path.resolve("app")}/` }],
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    // SQLite's query plans are read with EXPLAIN QUERY PLAN; PostgreSQL's indexes are checked by the schema-parity test.
    // Several machines share a database only on PostgreSQL.
    exclude: process.env.TEST_ENGINE === "pg" ? ["tests/integration/query-plans.test.ts"] : ["tests/integration/several-machines.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-db.ts", "tests/support/setup-messages.ts"],
    pool: "forks",
    env: { NODE_ENV: "test", SEED_DEMO: "0" },
    testTimeout: 20_000,
    // Some files build a few hundred threads before their tests; on PostgreSQL, on a busy
    // machine, that can pass vitest's 10 s default without anything being wrong.
    hookTimeout: 60_000,
  },
});
