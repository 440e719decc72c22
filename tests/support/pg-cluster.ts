// A throwaway PostgreSQL cluster for the tests: made with Debian's initdb in a temporary
// directory, listening on a free loopback port, removed when stopped. initdb refuses to
// run as root, so as root it runs as the unprivileged user "nobody". UTF-8 with the
// C.UTF-8 locale: under the plain C locale pg_trgm extracts no trigrams from Chinese.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export class PostgresMissingError extends Error {
  constructor(detail: string) {
    super(
      `PostgreSQL is not installed on this machine (${detail}): the PostgreSQL half of the suite cannot run. ` +
        `Install Debian's postgresql package (apt-get install postgresql), as .ci/run does.`,
    );
  }
}

/** The directory of PostgreSQL's server programs (initdb, pg_ctl, postgres). */
export function postgresBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN_DIR) candidates.push(process.env.PG_BIN_DIR);
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
  } catch {
    // pg_config comes with the client package only on some systems.
  }
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) {
    for (const v of fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(root, v, "bin"));
  }
  const found = candidates.find((d) => fs.existsSync(path.join(d, "initdb")) && fs.existsSync(path.join(d, "pg_ctl")));
  if (!found) throw new PostgresMissingError("no initdb and pg_ctl found");
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export type Cluster = { port: number; user: string; url: (database: string) => string; stop: () => void };

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBinDir();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tousu-pg-"));
  const data = path.join(root, "data");
  const asRoot = process.getuid?.() === 0;
  // As root, everything PostgreSQL touches belongs to "nobody".
  const run = (program: string, args: string[]) => {
    const cmd = asRoot ? "runuser" : path.join(bin, program);
    const argv = asRoot ? ["-u", "nobody", "--", path.join(bin, program), ...args] : args;
    const r = spawnSync(cmd, argv, { encoding: "utf8", cwd: root });
    if (r.status !== 0) throw new Error(`${program} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  if (asRoot) {
    fs.chmodSync(root, 0o777);
    spawnSync("chown", ["nobody", root]);
  }
  const user = "tousu";
  run("initdb", ["-D", data, "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust", "-U", user, "--no-sync"]);
  const port = await freePort();
  // Durability is not what these tests measure: no fsync makes the cluster fast.
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=200",
  ].join(" ");
  run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(root, "server.log"), "-w", "-t", "60", "start"]);
  const stop = () => {
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  };
  return { port, user, url: (database) => `postgres://${user}@127.0.0.1:${port}/${database}`, stop };
}
