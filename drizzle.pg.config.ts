import { defineConfig } from "drizzle-kit";

// The PostgreSQL schema and its migrations, kept in step with drizzle.config.ts (SQLite).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations-pg",
});
