// Two server processes, each with its own port and nothing shared but one PostgreSQL
// database, as two machines behind a load balancer would run: what one writes the other
// shows at once, a session from one works on the other, log-in attempts are counted once,
// and each missed deadline is recorded and mailed once although both run the scheduler,
// also when a process dies holding the claim. PostgreSQL only (TEST_ENGINE=pg); needs the
// production build (npm run build).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, rawRows } from "../../app/lib/db.server";
import { allCommittedWritesHeard, databaseGeneration } from "../../app/models/generation.server";
import { mailOutbox, schedulerRuns, threadEvents, threads } from "../../db/schema";
import { freePort, request } from "../crash/server";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { startSmtp } from "../support/smtp";

const HOUR = 3_600_000;

const post = (base: string, pathname: string, fields: Record<string, string>, cookie = "") =>
  request(`${base}${pathname}`, {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, ...(cookie ? { Cookie: cookie } : {}) },
  });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tousu-machines-"));
const offsetFile = path.join(dir, "clock-offset");
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const servers: { base: string; child: ChildProcess }[] = [];

async function startServer() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_PROCESSES: "1",
      SEED_DEMO: "0",
      LOG_REQUESTS: "0",
      SCHEDULER_INTERVAL_SECONDS: "1",
      SMTP_URL: smtp.url,
      ESCALATION_EMAIL: "escalation@example.com",
      TOUSU_CLOCK_OFFSET_FILE: offsetFile,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  servers.push({ base, child });
  return { base, child };
}

async function waitUntilUp(base: string) {
  await vi.waitFor(
    async () => {
      expect((await request(`${base}/`)).status).toBe(200);
    },
    { timeout: 60_000, interval: 250 },
  );
}

const stopped = (child: ChildProcess) =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve)));

let a: string;
let b: string;

beforeAll(async () => {
  if (!fs.existsSync("build/index.js")) throw new Error("no production build: run npm run build first (npm run test:pg does)");
  smtp = await startSmtp();
  // Both start at once: they take turns at migrating and at the first start's data.
  const [one, two] = [await startServer(), await startServer()];
  await Promise.all([waitUntilUp(one.base), waitUntilUp(two.base)]);
  a = one.base;
  b = two.base;
}, 90_000);

afterAll(async () => {
  for (const { child } of servers) {
    const exited = stopped(child);
    child.kill("SIGTERM");
    await exited;
  }
  await smtp?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function logIn(base: string, email: string, password: string) {
  const r = await post(base, "/login", { email, password });
  expect(r.status).toBe(302);
  const cookies = ([] as string[]).concat(r.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!);
  return cookies.join("; ");
}

describe("the page cache's generation on PostgreSQL", () => {
  // Tables whose rows never show on a page read without a session: a write to them need not
  // drop every machine's cached pages. Any other table must move the generation.
  const PRIVATE = [
    "search_index",
    "app_settings",
    "auth_tokens",
    "briefings_sent",
    "email_unsubscribes",
    "mail_outbox",
    "owner_verifications",
    "scheduler_runs",
    "sessions",
  ];
  it("moves on a write to every table a public page may show", async () => {
    const rows = await rawRows<{ table: string; moved: boolean }>(sql`
      select c.relname as table, exists (
        select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = c.relname || '_generation'
      ) as moved
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and left(c.relname, 2) <> '__' and c.relname <> 'rate_limits' and c.relname <> 'page_generation'`);
    const missing = rows.filter((r) => !r.moved && !PRIVATE.includes(r.table)).map((r) => r.table);
    expect(rows.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it("never repeats while the process's listening connection is lost, and listens again on a new one", async () => {
    await allCommittedWritesHeard();
    const before = await databaseGeneration();
    expect(await databaseGeneration()).toBe(before);
    const [killed] = await rawRows<{ n: number }>(sql`
      select count(*)::int as n from (
        select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${`tousu listener ${process.pid}`}
      ) t`);
    expect(killed!.n).toBe(1);
    // The loss reaches the process as the connection's error; from then on, until it listens
    // again, no generation comes twice.
    await vi.waitFor(async () => expect(await databaseGeneration()).toMatch(/^pg:unheard:/));
    expect(await databaseGeneration()).not.toBe(await databaseGeneration());
    // It tries again a second later (by the clock it reads), on a connection of its own.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 2000);
      const again = await databaseGeneration();
      expect(again).toMatch(/^pg:\d+:true:/);
      expect(await databaseGeneration()).toBe(again);
      // Counts on the new connection never repeat the old one's.
      expect(again.split(":")[3]!.split(".")[0]).not.toBe(before.split(":")[3]!.split(".")[0]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("two server processes on one PostgreSQL", () => {
  it("shows a reply posted on one on the other's next anonymous page, and a session from one works on the other", async () => {
    const owner = await makeUser("owner", { displayName: "两台机器的业主" });
    const project = await makeProject();
    const threadId = await makeThread({ authorId: owner.id, projectId: project.id });
    const page = `${b}/threads/${threadId}`;
    const reply = `在另一台机器上写的回复 ${Date.now()}`;
    // B renders the page for visitors and keeps it.
    for (let i = 0; i < 3; i++) expect((await request(page)).body).not.toContain(reply);

    const cookie = await logIn(a, owner.email, owner.password);
    const posted = await post(a, `/threads/${threadId}`, { intent: "reply", body: reply }, cookie);
    expect(posted.status).toBe(302);

    expect((await request(page)).body).toContain(reply);
    // The session made on A is known on B.
    const onB = await request(page, { headers: { Cookie: cookie } });
    expect(onB.body).toContain("两台机器的业主");
    expect(onB.body).toContain('action="/logout"');
  });

  it("counts log-in attempts once across both", async () => {
    const email = `both-machines-${Date.now()}@example.com`;
    // Ten attempts per account (RATE_LIMIT_LOGINACCOUNT), taken in turn by each process.
    for (let i = 0; i < 10; i++) expect((await post(i % 2 ? a : b, "/login", { email, password: "not-the-password" })).status).toBe(400);
    for (const base of [a, b]) {
      const limited = await post(base, "/login", { email, password: "not-the-password" });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    }
  });

  it("records a missed deadline and mails it once, although both run the scheduler, also when a process dies holding the claim", async () => {
    const owner = await makeUser("owner");
    const project = await makeProject();
    const threadId = await makeThread({ authorId: owner.id, projectId: project.id });
    const clockId = (await getDb().select({ id: threads.ackClockId }).from(threads).where(eq(threads.id, threadId)).get())!.id!;
    const later = Date.now() + 4 * HOUR;

    // A third process claims the breach (as of four hours on) and hangs with the claim held.
    const holder = spawn(process.execPath, ["--import", "tsx", "tests/support/hold-breach-claim.ts", String(clockId), String(later)], {
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on("data", (d: Buffer) => d.toString().includes("claimed") && resolve());
      holder.once("exit", (code) => reject(new Error(`the claiming process ended first (${code})`)));
    });

    // Both servers' clocks move past the deadline: each tick now reaches the held clock and
    // waits on the lock of its thread, which a breach takes before the clock's.
    fs.writeFileSync(offsetFile, String(4 * HOUR + 60_000));
    await vi.waitFor(
      async () => {
        const waiting = await rawRows<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike 'select id from threads where id in%for update'`,
        );
        expect(waiting[0]!.n).toBe(2);
      },
      { timeout: 20_000, interval: 100 },
    );
    const breachEvents = () =>
      getDb()
        .select()
        .from(threadEvents)
        .where(and(eq(threadEvents.threadId, threadId), eq(threadEvents.clockId, clockId), like(threadEvents.kind, "%breach%")))
        .all();
    expect(await breachEvents()).toHaveLength(0);

    // It dies with the claim uncommitted: the database drops it, and a server takes the breach.
    const gone = stopped(holder);
    holder.kill("SIGKILL");
    await gone;
    await vi.waitFor(async () => expect(await breachEvents()).toHaveLength(1), { timeout: 20_000, interval: 200 });
    const outbox = () =>
      getDb()
        .select()
        .from(mailOutbox)
        .where(like(mailOutbox.dedupeKey, `breach:${clockId}:%`))
        .all();
    await vi.waitFor(async () => expect((await outbox()).every((m) => m.status === "sent")).toBe(true), { timeout: 20_000, interval: 200 });
    const queued = await outbox();
    expect(queued.map((m) => m.toAddress)).toContain("escalation@example.com");

    // Both schedulers tick twice more after the breach: still one event, one message per recipient.
    const recorded = Date.now() + 4 * HOUR + 60_000;
    await vi.waitFor(
      async () => {
        const runs = await getDb().select().from(schedulerRuns).all();
        expect(runs).toHaveLength(2);
        for (const r of runs) expect(r.lastTickAt).toBeGreaterThan(recorded + 2000);
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(await breachEvents()).toHaveLength(1);
    expect(await outbox()).toHaveLength(queued.length);
    for (const q of queued) {
      const received = smtp.messages.filter((m) => m.to.includes(q.toAddress) && m.text.includes(`/threads/${threadId}`) && m.subject === q.subject);
      expect(received, q.toAddress).toHaveLength(1);
    }
  });

  it("goes on recording breaches on the other when one server is killed", async () => {
    const victim = servers.find((s) => s.base === b)!;
    const gone = stopped(victim.child);
    victim.child.kill("SIGKILL");
    await gone;

    const owner = await makeUser("owner");
    const project = await makeProject();
    // Posted five hours ago by the servers' clock: its acknowledgement is overdue.
    const offset = Number(fs.readFileSync(offsetFile, "utf8"));
    const threadId = await makeThread({ authorId: owner.id, projectId: project.id, now: Date.now() + offset - 5 * HOUR });
    await vi.waitFor(
      async () => {
        const events = await getDb()
          .select()
          .from(threadEvents)
          .where(and(eq(threadEvents.threadId, threadId), like(threadEvents.kind, "%breach%")))
          .all();
        expect(events).toHaveLength(1);
      },
      { timeout: 20_000, interval: 200 },
    );
    expect((await request(`${a}/threads/${threadId}`)).status).toBe(200);
  });
});
