// The site as two machines would run it: a throwaway PostgreSQL cluster, and two server
// processes on it, each on its own port (E2E_PG_PORT_A, E2E_PG_PORT_B), with the demo data.
// Playwright starts this as its web server and stops it with SIGTERM: the servers stop, then
// the cluster, whose directory is removed.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startCluster } from "../support/pg-cluster";

const cluster = await startCluster();
const admin = new pg.Client({ connectionString: cluster.url("postgres") });
await admin.connect();
await admin.query("create database tousu_smoke");
await admin.end();

// The one photo directory both machines share, as the README asks of a site on several machines.
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "tousu-pg-uploads-"));
const servers: ChildProcess[] = [];
const start = (port: string | undefined) =>
  servers.push(
    spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: port,
        HOST: "127.0.0.1",
        DATABASE_URL: cluster.url("tousu_smoke"),
        UPLOAD_DIR: uploads,
        SEED_DEMO: "1",
        LOG_REQUESTS: "0",
      },
      stdio: ["ignore", "inherit", "inherit"],
    }),
  );
const answers = (port: string | undefined) =>
  fetch(`http://127.0.0.1:${port}/`).then(
    (r) => r.ok,
    () => false,
  );

// B first, then A: Playwright waits for A, so once A answers both do.
start(process.env.E2E_PG_PORT_B);
while (!(await answers(process.env.E2E_PG_PORT_B))) await new Promise((r) => setTimeout(r, 250));
start(process.env.E2E_PG_PORT_A);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    servers.map(
      (s) =>
        new Promise((resolve) => {
          if (s.exitCode !== null || s.signalCode !== null) return resolve(null);
          s.once("exit", resolve);
          s.kill("SIGTERM");
        }),
    ),
  );
  cluster.stop();
  fs.rmSync(uploads, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
// A server that dies on its own ends the run: the other checks would only time out.
for (const s of servers) s.once("exit", (code) => !stopping && (console.error(`a server exited (${code})`), void stop()));
