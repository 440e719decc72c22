// Starts Tousu: configuration, migrations, demo data on an empty database, the web server.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { closeDb, getDb, migrateDatabase } from "../app/lib/db.server";
import { getEnv } from "../app/lib/env.server";
import { isDatabaseEmpty, seedDemoData } from "../db/seed";
import { createApp } from "./app";
import { createScheduler } from "./scheduler";

const env = getEnv();

migrateDatabase(getDb());
if (env.SEED_DEMO && isDatabaseEmpty()) {
  const started = Date.now();
  await seedDemoData();
  console.log(`Demo data seeded in ${Date.now() - started} ms (SEED_DEMO=0 turns this off).`);
}

const buildPath = path.resolve("build/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
const app = createApp(build);

const scheduler = createScheduler({ intervalMs: env.SCHEDULER_INTERVAL_SECONDS * 1000 });
scheduler.start();

const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  console.log(`Tousu is running at http://localhost:${port} (database: ${env.DATABASE_PATH})`);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, shutting down`);
  server.close(() => {
    // Let a running tick finish its deliveries before the database closes.
    void scheduler.stop().finally(() => {
      closeDb();
      process.exit(0);
    });
  });
  // Open keep-alive connections should not hold the process forever.
  setTimeout(() => {
    closeDb();
    process.exit(0);
  }, 5000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
