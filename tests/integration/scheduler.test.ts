// The escalation promise: each missed deadline is emailed exactly once, across restarts
// and downtime. Time is a fake clock; mail goes to a real SMTP server.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "../../app/lib/db.server";
import { resetEnv } from "../../app/lib/env.server";
import { deliverPendingMail } from "../../app/models/mail-outbox.server";
import { acknowledgeThread, postOfficial } from "../../app/models/responses.server";
import { getThread } from "../../app/models/threads.server";
import { mailOutbox, threadClocks } from "../../db/schema";
import { createScheduler } from "../../server/scheduler";
import { seedHeadquartersRecipients } from "../../app/models/org.server";
import { makeProject, makeThread, makeUnit, makeUser } from "../support/factories";
import { startSmtp } from "../support/smtp";

const H = 3_600_000;
const M = 60_000;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let clock = Date.UTC(2026, 10, 23, 0, 0);
const fakeNow = () => clock;

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.HQ_EMAIL = "hq@chengwan.example";
  process.env.ESCALATION_EMAIL = "escalate@chengwan.example";
  process.env.STAFF_NOTIFY_EMAIL = "desk@chengwan.example";
  resetEnv();
  // As the server does at its first start.
  await seedHeadquartersRecipients({ hq: "hq@chengwan.example", escalation: "escalate@chengwan.example" }, clock);
});
afterAll(async () => {
  await smtp.close();
});

/** Runs the scheduler once a minute of fake time, from now until `until`. */
async function runMinutes(until: number, scheduler = createScheduler({ now: fakeNow, intervalMs: 60_000 })) {
  while (clock < until) {
    clock = Math.min(until, clock + M);
    await scheduler.tick();
  }
}

const escalations = () => smtp.messages.filter((m) => m.to[0] === "escalate@chengwan.example" || m.to[0] === "sz-cs@chengwan.example");
const to = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

describe("deadline scheduler", () => {
  it("escalates a missed acknowledgement and a missed answer to headquarters and the regional company, once each", async () => {
    const owner = await makeUser("owner");
    const admin = await makeUser("admin");
    const project = await makeProject({ name: "超时楼盘" });
    await makeUnit(admin.id, { name: "深圳公司", projectIds: [project.id], escalations: ["sz-cs@chengwan.example"] });
    const id = await makeThread({ authorId: owner.id, projectId: project.id, title: "没人理的投诉", now: clock });
    const scheduler = createScheduler({ now: fakeNow, intervalMs: 60_000 });
    await scheduler.tick();
    expect(to("desk@chengwan.example").map((m) => m.subject)).toEqual(["新投诉:[超时楼盘] 没人理的投诉"]);

    await runMinutes(clock + 3 * H - M, scheduler);
    expect(escalations()).toHaveLength(0);
    await runMinutes(clock + 2 * M, scheduler);
    for (const address of ["escalate@chengwan.example", "sz-cs@chengwan.example"]) {
      expect(to(address).map((m) => m.subject)).toEqual(["【受理超时】[超时楼盘] 没人理的投诉"]);
    }
    expect(to("escalate@chengwan.example")[0]!.text).toContain(`/threads/${id}`);
    // Duty mail: no one-click unsubscribe.
    expect(to("escalate@chengwan.example")[0]!.raw).not.toMatch(/List-Unsubscribe|unsubscribe\?/i);

    // An hour of further ticks sends nothing new.
    await runMinutes(clock + H, scheduler);
    expect(escalations()).toHaveLength(2);

    await runMinutes(clock + 9 * H, scheduler);
    expect(to("escalate@chengwan.example").map((m) => m.subject)).toEqual(["【受理超时】[超时楼盘] 没人理的投诉", "【答复超时】[超时楼盘] 没人理的投诉"]);
    await runMinutes(clock + 2 * H, scheduler);
    expect(escalations()).toHaveLength(4);

    // Each breach is on the public timeline, naming who was told; the first hands the complaint up.
    const thread = (await getThread(id, null))!;
    expect(thread.events.map((e) => [e.kind, e.toValue])).toEqual([
      ["ack_breached", "集团总部、深圳公司"],
      ["escalated_hq", "hq"],
      ["answer_breached", "集团总部、深圳公司"],
    ]);
    expect(thread.holder).toBe("hq");
  });

  it("does not escalate clocks that were met in time", async () => {
    const before = escalations().length;
    const owner = await makeUser("owner");
    const staff = await makeUser("staff");
    const project = await makeProject();
    const id = await makeThread({ authorId: owner.id, projectId: project.id, now: clock });
    await runMinutes(clock + 2 * H);
    expect((await acknowledgeThread({ threadId: id, staffId: staff.id }, clock)).ok).toBe(true);
    await runMinutes(clock + 8 * H);
    expect((await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: "您好,维修已安排在本周六上午,费用由公司承担。" }, clock)).ok).toBe(
      true,
    );
    await runMinutes(clock + 10 * H);
    expect(escalations().length).toBe(before);
    expect(to(owner.email).map((m) => m.subject)).toHaveLength(2);
  });

  it("sends nothing twice after a restart, even with the breach recorded but not yet delivered", async () => {
    const owner = await makeUser("owner");
    const project = await makeProject({ name: "重启楼盘" });
    await makeThread({ authorId: owner.id, projectId: project.id, title: "重启前后", now: clock });
    const first = createScheduler({ now: fakeNow, intervalMs: 60_000 });
    await runMinutes(clock + 3 * H + M, first);
    expect(to("escalate@chengwan.example").filter((m) => m.subject.includes("重启前后"))).toHaveLength(1);
    await first.stop();

    // A simulated restart: the database handle is closed and opened again, a new scheduler starts.
    await closeDb();
    const second = createScheduler({ now: fakeNow, intervalMs: 60_000 });
    await second.start();
    await second.stop();
    await runMinutes(clock + 30 * M, second);
    expect(to("escalate@chengwan.example").filter((m) => m.subject.includes("重启前后"))).toHaveLength(1);

    // Crash between recording a breach and delivering it: the queued message survives and goes once.
    const owner2 = await makeUser("owner");
    const id2 = await makeThread({ authorId: owner2.id, projectId: project.id, title: "崩溃之间", now: clock });
    clock += 3 * H + M;
    const { recordBreaches } = await import("../../app/models/clocks.server");
    expect(await recordBreaches(clock)).toBeGreaterThanOrEqual(1);
    await closeDb(); // "crash" before delivery
    const third = createScheduler({ now: fakeNow, intervalMs: 60_000 });
    await third.start();
    await third.stop();
    await runMinutes(clock + 5 * M, third);
    expect(to("escalate@chengwan.example").filter((m) => m.subject.includes("崩溃之间"))).toHaveLength(1);
    expect((await getThread(id2))!.events.filter((e) => e.kind === "ack_breached")).toHaveLength(1);
  });

  it("catches up at start on deadlines that passed while the server was down", async () => {
    const owner = await makeUser("owner");
    const project = await makeProject({ name: "停机楼盘" });
    const id = await makeThread({ authorId: owner.id, projectId: project.id, title: "停机期间", now: clock });
    await createScheduler({ now: fakeNow, intervalMs: 60_000 }).tick();
    await closeDb();

    // Down for a whole day: both deadlines pass with no scheduler running.
    clock += 24 * H;
    const scheduler = createScheduler({ now: fakeNow, intervalMs: 60_000 });
    await scheduler.start(); // the first tick runs at once
    await scheduler.stop();
    const subjects = escalations()
      .filter((m) => m.subject.includes("停机期间"))
      .map((m) => m.subject);
    expect(subjects.sort()).toEqual(["【受理超时】[停机楼盘] 停机期间", "【答复超时】[停机楼盘] 停机期间"].sort());
    await runMinutes(clock + 10 * M, scheduler);
    expect(escalations().filter((m) => m.subject.includes("停机期间"))).toHaveLength(2);

    const clocks = await getDb().select().from(threadClocks).where(eq(threadClocks.threadId, id)).all();
    expect(clocks.every((c) => c.breachedAt === clock - 10 * M)).toBe(true);
  });

  it("keeps a message queued while the SMTP server is unreachable, and sends it once when it is back", async () => {
    const owner = await makeUser("owner");
    const project = await makeProject({ name: "断网楼盘" });
    await makeThread({ authorId: owner.id, projectId: project.id, title: "邮件服务器宕机", now: clock });
    process.env.SMTP_URL = "smtp://127.0.0.1:9"; // nothing listens on the discard port
    resetEnv();
    clock += 3 * H + M;
    await createScheduler({ now: fakeNow, intervalMs: 60_000 }).tick();
    const pending = await getDb().select().from(mailOutbox).where(eq(mailOutbox.status, "pending")).all();
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.some((p) => p.lastError)).toBe(true);

    process.env.SMTP_URL = smtp.url;
    resetEnv();
    await deliverPendingMail();
    await deliverPendingMail();
    expect(smtp.messages.filter((m) => m.subject.includes("邮件服务器宕机") && m.subject.startsWith("【受理超时】"))).toHaveLength(1);
  });
});
