// The server in two web processes (WEB_PROCESSES=2) on the same database as the main test
// server: the processes share the rate-limit counts, and each drops its cached pages when
// another process writes. Every request opens its own connection, so the primary hands them
// to the two processes in turn.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { eq } from "drizzle-orm";
import { getDb } from "../../app/lib/db.server";
import { createReply } from "../../app/models/threads.server";
import { users } from "../../db/schema";
import { test, expect } from "./fixtures";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** One request on a connection of its own. */
function request(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

let server: ChildProcess;
let base = "";

test.beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_PROCESSES: "2",
      SEED_DEMO: "0",
      LOG_REQUESTS: "0",
      SCHEDULER_INTERVAL_SECONDS: "3600",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 120; i++) {
    const up = await request(`${base}/`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the two-process server did not start");
});

test.afterAll(async () => {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
});

test("two web processes count log-in attempts together", async () => {
  const form = new URLSearchParams({ email: `two-processes-${Date.now()}@example.com`, password: "not-the-password" }).toString();
  const post = () =>
    request(`${base}/login`, {
      method: "POST",
      body: form,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    });
  // Ten attempts per account (RATE_LIMIT_LOGINACCOUNT), spread over both processes.
  for (let i = 0; i < 10; i++) expect((await post()).status).toBe(400);
  const limited = await post();
  expect(limited.status).toBe(429);
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
});

test("each web process drops its cached pages when another process writes", async () => {
  const list = JSON.parse((await request(`${base}/api/threads?status=answered&pageSize=1`)).body) as { threads: { id: number }[] };
  const threadId = list.threads[0]!.id;
  const page = `${base}/threads/${threadId}`;
  const reply = `另一进程写入的回复 ${Date.now()}`;

  // Both processes render the page and keep it.
  for (let i = 0; i < 4; i++) expect((await request(page)).body).not.toContain(reply);

  // A write by yet another process: this test's own database connection.
  const owner = (await getDb().select({ id: users.id }).from(users).where(eq(users.email, "owner@example.com")).get())!;
  await createReply({ threadId, authorId: owner.id, body: reply }, Date.now());

  for (let i = 0; i < 4; i++) expect((await request(page)).body).toContain(reply);
});
