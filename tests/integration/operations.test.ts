// Operability: the load balancer's /healthz and /readyz, the token-guarded /metrics, and the
// admins' operations page, where failed mail is seen and retried.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine, getDb, rawRows, rawRun, transaction } from "../../app/lib/db.server";
import { resetEnv } from "../../app/lib/env.server";
import { maskAddress, maskAddressesIn } from "../../app/lib/format";
import { recordSchedulerStart, recordSchedulerTick } from "../../app/models/operations.server";
import * as operations from "../../app/routes/admin.operations";
import { auditLog, mailOutbox } from "../../db/schema";
import { createApp } from "../../server/app";
import { matchPattern, routePatterns } from "../../server/metrics";
import { fakeBuild } from "../support/fake-build";
import { makeUser } from "../support/factories";
import { callAction, callLoader } from "../support/remix";

const TOKEN = "metrics-token-for-the-tests";
const servers: Server[] = [];
let base = "";
let untokened = "";
let people: { owner: { id: string }; staff: { id: string }; admin: { id: string } };

async function listen(): Promise<string> {
  const server = createApp(fakeBuild().build).listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((r) => server.once("listening", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function queueMail(status: "pending" | "failed", to: string, createdAt: number, lastError: string | null = null) {
  return transaction(async (tx) => {
    const row = await tx
      .insert(mailOutbox)
      .values({
        toAddress: to,
        category: "escalations",
        subject: "【受理超时】[测试楼盘] 没人理的投诉",
        textBody: "…",
        status,
        attempts: status === "failed" ? 5 : 0,
        lastError,
        createdAt,
      })
      .returning({ id: mailOutbox.id })
      .get();
    return row!.id;
  });
}

const migrationsTable = () => (engine() === "pg" ? sql`drizzle.__drizzle_migrations` : sql`__drizzle_migrations`);

beforeAll(async () => {
  delete process.env.METRICS_TOKEN;
  resetEnv();
  untokened = await listen();
  process.env.METRICS_TOKEN = TOKEN;
  resetEnv();
  base = await listen();
  people = { owner: await makeUser("owner"), staff: await makeUser("staff"), admin: await makeUser("admin") };
});
afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  delete process.env.METRICS_TOKEN;
  resetEnv();
});

describe("health endpoints", () => {
  it("/healthz answers ok, never cached", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("/readyz is ready with every migration applied, and 503 when one is missing", async () => {
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("cache-control")).toBe("no-store");

    const [last] = await rawRows<{ hash: string; created_at: number | string }>(
      sql`select hash, created_at from ${migrationsTable()} order by created_at desc limit 1`,
    );
    await rawRun(sql`delete from ${migrationsTable()} where created_at = ${last!.created_at}`);
    try {
      const missing = await fetch(`${base}/readyz`);
      expect(missing.status).toBe(503);
      expect(missing.headers.get("cache-control")).toBe("no-store");
      expect(await missing.text()).toMatch(/^migrations not applied: \d{4}_[a-z_]+$/);
    } finally {
      await rawRun(sql`insert into ${migrationsTable()} (hash, created_at) values (${last!.hash}, ${last!.created_at})`);
    }
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});

describe("/metrics", () => {
  it("does not exist without METRICS_TOKEN, and asks for the token when it is set", async () => {
    expect((await fetch(`${untokened}/metrics`)).status).toBe(404);
    expect((await fetch(`${untokened}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: "Bearer wrong-token-of-some-length" } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: TOKEN } })).status).toBe(401);
  });

  it("reports requests by route pattern, the outbox backlog, breaches and the scheduler", async () => {
    const now = Date.now();
    await queueMail("pending", "wait-1@example.com", now - 120_000);
    await queueMail("pending", "wait-2@example.com", now - 60_000);
    await queueMail("pending", "wait-3@example.com", now);
    await queueMail("failed", "gone-1@example.com", now - 3_600_000, "connect ECONNREFUSED 127.0.0.1:25");
    const p = { processId: "metrics-test", host: "test-host", pid: 1 };
    await recordSchedulerStart(p, now - 60_000);
    await recordSchedulerTick(p.processId, { at: now - 30_000, ms: 12, error: null, breaches: 4 });
    // The second is served from the page cache, and counts under its route all the same.
    await (await fetch(`${base}/form?secret=abc`)).text();
    await (await fetch(`${base}/form?secret=abc`)).text();
    await (await fetch(`${base}/healthz`)).text();

    const scrape = () => fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(res.headers.get("cache-control")).toBe("no-store");
    let text = await res.text();
    // A request is counted once its response has finished, which the client may see a moment before.
    for (let i = 0; i < 20 && !/route="\/form",status="2xx"\} 2$/m.test(text); i++) {
      await new Promise((r) => setTimeout(r, 50));
      text = await (await scrape()).text();
    }
    expect(text).toContain("# TYPE tousu_http_requests_total counter");
    expect(text).toContain("# TYPE tousu_http_request_duration_seconds histogram");
    expect(text).toMatch(/^tousu_http_requests_total\{method="GET",route="\/form",status="2xx"\} 2$/m);
    expect(text).toMatch(/^tousu_http_requests_total\{method="GET",route="\/healthz",status="2xx"\} \d+$/m);
    expect(text).not.toContain("secret");
    expect(text).toMatch(/^tousu_mail_outbox_pending 3$/m);
    expect(text).toMatch(/^tousu_mail_outbox_failed 1$/m);
    const oldest = Number(/^tousu_mail_outbox_oldest_pending_age_seconds (\S+)$/m.exec(text)?.[1]);
    expect(oldest).toBeGreaterThanOrEqual(119);
    expect(oldest).toBeLessThan(600);
    expect(text).toMatch(/^tousu_breaches_recorded 4$/m);
    expect(Number(/^tousu_scheduler_last_tick_age_seconds (\S+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(29);
    expect(text).toMatch(/^tousu_metrics_database_up 1$/m);
  });

  it("labels requests with route patterns, never with ids", () => {
    const patterns = routePatterns({
      routes: {
        root: { id: "root", path: "" },
        "routes/threads.$id": { id: "routes/threads.$id", parentId: "root", path: "threads/:id" },
        "routes/threads.new": { id: "routes/threads.new", parentId: "root", path: "threads/new" },
        "routes/$": { id: "routes/$", parentId: "root", path: "*" },
        "routes/_index": { id: "routes/_index", parentId: "root", index: true },
      },
    } as never);
    expect(matchPattern(patterns, "/threads/123")).toBe("/threads/:id");
    expect(matchPattern(patterns, "/threads/new")).toBe("/threads/new");
    expect(matchPattern(patterns, "/")).toBe("/");
    expect(matchPattern(patterns, "/no/such/page")).toBe("/*");
  });
});

describe("the operations page", () => {
  it("is for admins only", async () => {
    expect((await callLoader(operations.loader, "/admin/operations")).status).toBe(302);
    expect((await callLoader(operations.loader, "/admin/operations", { user: people.owner })).status).toBe(403);
    expect((await callLoader(operations.loader, "/admin/operations", { user: people.staff })).status).toBe(403);
    expect((await callAction(operations.action, "/admin/operations", { intent: "retry-all" }, { user: people.staff })).status).toBe(403);
    const res = await callLoader(operations.loader, "/admin/operations", { user: people.admin });
    expect(res.status).toBe(200);
    const data = (await res.json()) as Awaited<ReturnType<Awaited<ReturnType<typeof operations.loader>>["json"]>>;
    expect(data.backlog.failed).toBeGreaterThan(0);
    expect(data.processes.map((p) => p.processId)).toContain("metrics-test");
    // Addresses masked, in the error text too.
    expect(JSON.stringify(data.failed)).not.toMatch(/gone-1@/);
    expect(data.failed.map((m) => m.to)).toContain("g***@example.com");
  });

  it("puts a failed message back in the queue, attempts reset, in the audit log", async () => {
    const id = await queueMail("failed", "retry-me@example.com", Date.now() - 60_000, "550 <retry-me@example.com>: mailbox unavailable");
    const res = await callAction(operations.action, "/admin/operations", { intent: "retry", id: String(id) }, { user: people.admin });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, count: 1 });
    const row = await getDb().select().from(mailOutbox).where(eq(mailOutbox.id, id)).get();
    expect(row).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    const entry = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "mail_retry"), eq(auditLog.actorId, people.admin.id)))
      .orderBy(desc(auditLog.id))
      .get();
    expect(JSON.parse(entry!.before!)).toMatchObject({ status: "failed", count: 1, ids: [id] });
    // Already retried: nothing left to put back.
    expect((await callAction(operations.action, "/admin/operations", { intent: "retry", id: String(id) }, { user: people.admin })).status).toBe(404);
  });

  it("retries every failed message at once", async () => {
    await queueMail("failed", "another@example.com", Date.now());
    const res = await callAction(operations.action, "/admin/operations", { intent: "retry-all" }, { user: people.admin });
    expect(await res.json()).toMatchObject({ ok: true, count: 2 });
    const failed = await getDb()
      .select({ n: sql<number>`count(*)` })
      .from(mailOutbox)
      .where(eq(mailOutbox.status, "failed"))
      .get();
    expect(Number(failed!.n)).toBe(0);
    expect((await callAction(operations.action, "/admin/operations", { intent: "bogus" }, { user: people.admin })).status).toBe(400);
  });
});

describe("masking addresses", () => {
  it("keeps the first letter and the domain", () => {
    expect(maskAddress("alice@example.com")).toBe("a***@example.com");
    expect(maskAddressesIn("550 5.1.1 <bob@mail.example>: unknown")).toBe("550 5.1.1 <b***@mail.example>: unknown");
  });
});
