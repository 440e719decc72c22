// The production server as a child process that can be killed outright, and plain HTTP
// requests to it, each on a connection of its own (a killed server leaves no pooled sockets).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function request(url: string, init: { method?: string; body?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(init.timeoutMs ?? 30_000, () => req.destroy(new Error(`no answer from ${url} within ${init.timeoutMs ?? 30_000} ms`)));
    req.on("error", reject);
    req.end(init.body);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Builds the app unless a production build (server bundle and browser assets) is already there. */
export function ensureBuild(root: string) {
  const built = fs.existsSync(path.join(root, "build/index.js")) && fs.existsSync(path.join(root, "public/build"));
  if (built) return;
  // A production bundle whatever the test runner's NODE_ENV (a "test" one would not render).
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.status ?? result.signal})`);
}

export type Server = {
  origin: string;
  child: ChildProcess;
  /** The last lines the process wrote, for failure messages. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Starts `server/index.ts` in production mode in a process group of its own, and resolves
 * once GET / answers 200.
 */
export async function startServer(root: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-8000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const server: Server = { origin, child, output: () => log, exited };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (gone) throw new Error(`the server exited before it was ready:\n${log}`);
    const status = await request(`${origin}/`, { timeoutMs: 10_000 }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return server;
    // It listens only once it is ready: any other answer is a broken server, not a slow one.
    if (status !== 0) {
      killGroup(server);
      throw new Error(`the server answered GET / with ${status}:\n${log}`);
    }
    if (Date.now() > deadline) {
      killGroup(server);
      throw new Error(`the server did not answer GET / within 90 s:\n${log}`);
    }
    // Polling the port for readiness, not a timing assumption.
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGKILL to the server's whole process group: no handler runs, nothing is flushed. */
export function killGroup(server: Server) {
  try {
    process.kill(-server.child.pid!, "SIGKILL");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
  }
}

/** Resolves once no process of the server's group is left. */
export async function waitForGroupGone(server: Server) {
  await server.exited;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      process.kill(-server.child.pid!, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ESRCH") return;
      throw e;
    }
    if (Date.now() > deadline) throw new Error("the server's process group is still alive 30 s after SIGKILL");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A graceful stop (SIGTERM), as in deployment. */
export async function stopServer(server: Server) {
  if (server.child.exitCode === null && server.child.signalCode === null) process.kill(-server.child.pid!, "SIGTERM");
  return server.exited;
}
