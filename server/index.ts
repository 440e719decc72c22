// Starts Tousu: configuration, migrations, demo data on an empty database, the deadline
// scheduler, and the web server: in this process, or in WEB_PROCESSES worker processes that
// share the port (the scheduler and the shared rate-limit counts stay in this one).
import cluster, { type Worker } from "node:cluster";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { RateLimiterClusterMaster } from "rate-limiter-flexible";
import { closeDb, migrateDatabase, whileStartingAlone } from "../app/lib/db.server";
import { getEnv } from "../app/lib/env.server";
import { seedHeadquartersRecipients } from "../app/models/org.server";
import { isDatabaseEmpty, seedDemoData } from "../db/seed";
import { bodyLimitFor } from "../app/lib/body-limits";
import { createApp } from "./app";
import { declaredTooLarge } from "./body-limit";
import { createScheduler } from "./scheduler";

const env = getEnv();
// Never the URL itself: it may hold a password.
const databaseLabel = env.DATABASE_URL ? "PostgreSQL" : env.DATABASE_PATH;

/** Serves HTTP in this process; resolves to a function that stops accepting and drains. */
async function serveHttp(): Promise<() => Promise<void>> {
  const buildPath = path.resolve("build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createApp(build);
  const server = app.listen(env.PORT, env.HOST, () => {
    if (cluster.isWorker) return;
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    console.log(`Tousu is running at http://localhost:${port} (database: ${databaseLabel})`);
  });
  // "Expect: 100-continue": a body declared over its limit is refused before the client sends it.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (!declaredTooLarge(req, bodyLimitFor(req.url?.split("?")[0] ?? "/", req.headers["content-type"], env.FORM_BODY_LIMIT))) res.writeContinue();
    app(req, res);
  });
  return () => new Promise((resolve) => server.close(() => resolve()));
}

/** Runs `stop` once on SIGINT or SIGTERM, then exits; gives up waiting after five seconds. */
function onShutdown(stop: (signal: string) => Promise<void>) {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Open keep-alive connections should not hold the process forever.
    setTimeout(() => {
      void closeDb().finally(() => process.exit(0));
    }, 5000).unref();
    void stop(signal).finally(async () => {
      await closeDb();
      process.exit(0);
    });
  };
  process.on("SIGINT", () => handler("SIGINT"));
  process.on("SIGTERM", () => handler("SIGTERM"));
}

if (cluster.isWorker) {
  const close = await serveHttp();
  // The primary tells each worker when to stop; a signal to the whole group is taken the same way.
  onShutdown(() => close());
} else {
  // Several machines may start at once on PostgreSQL: they take turns at migrating and seeding.
  await whileStartingAlone(async () => {
    await migrateDatabase();
    // Headquarters' report, escalation and briefing recipients, from HQ_EMAIL and
    // ESCALATION_EMAIL at first start; admins keep them after that (/admin/organisation).
    await seedHeadquartersRecipients({ hq: env.HQ_EMAIL, escalation: env.ESCALATION_EMAIL }, Date.now());
    if (env.SEED_DEMO && (await isDatabaseEmpty())) {
      const started = Date.now();
      await seedDemoData();
      console.log(`Demo data seeded in ${Date.now() - started} ms (SEED_DEMO=0 turns this off).`);
    }
  });

  const scheduler = createScheduler({ intervalMs: env.SCHEDULER_INTERVAL_SECONDS * 1000 });
  await scheduler.start();

  if (env.WEB_PROCESSES === 1) {
    const close = await serveHttp();
    onShutdown(async (signal) => {
      console.log(`${signal} received, shutting down`);
      await close();
      // Let a running tick finish its deliveries before the database closes.
      await scheduler.stop();
    });
  } else {
    // Rate limits are counted here, for all workers, so that N workers do not allow N times the attempts.
    new RateLimiterClusterMaster();
    let stopping = false;
    const fork = () => cluster.fork();
    cluster.on("exit", (worker: Worker, code, signal) => {
      if (stopping) return;
      console.error(`web process ${worker.process.pid} exited (${signal ?? code}); starting another`);
      setTimeout(fork, 1000);
    });
    let listening = 0;
    cluster.on("listening", () => {
      if (++listening === env.WEB_PROCESSES) {
        console.log(`Tousu is running at http://localhost:${env.PORT} in ${env.WEB_PROCESSES} processes (database: ${databaseLabel})`);
      }
    });
    for (let i = 0; i < env.WEB_PROCESSES; i++) fork();
    onShutdown(async (signal) => {
      console.log(`${signal} received, shutting down`);
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w != null);
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.isDead()) return resolve();
              w.once("exit", () => resolve());
              w.process.kill("SIGTERM");
            }),
        ),
      );
      await scheduler.stop();
    });
  }
}
