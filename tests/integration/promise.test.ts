// The company's promise, end to end with a real SMTP server and a fake clock: the report to
// headquarters on acknowledgement, a broken promise escalated once, and the morning
// briefing sent once per day per recipient, across restarts and downtime.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "../../app/lib/db.server";
import { resetEnv } from "../../app/lib/env.server";
import { localTime } from "../../app/lib/periods";
import { listAudit } from "../../app/models/audit.server";
import { readUnsubscribeLink, unsubscribeUrl } from "../../app/models/mail-outbox.server";
import { HQ_UNIT_ID, listHqReports, seedHeadquartersRecipients, setRecipients } from "../../app/models/org.server";
import { acknowledgeThread, confirmSolved, keepPromise, postOfficial, reopenThread } from "../../app/models/responses.server";
import { getThread } from "../../app/models/threads.server";
import { listThreadClocks, toClock } from "../../app/models/clocks.server";
import { clockState } from "../../app/lib/clock";
import { action as orgAction, loader as orgLoader } from "../../app/routes/admin.organisation";
import { action as threadAction } from "../../app/routes/threads.$id";
import { loader as briefingLoader } from "../../app/routes/staff.briefing";
import { loader as hqReportsLoader } from "../../app/routes/staff.hq-reports";
import { briefingsSent, mailOutbox, threadClocks } from "../../db/schema";
import { createScheduler } from "../../server/scheduler";
import { makeProject, makeThread, makeUnit, makeUser } from "../support/factories";
import { callAction, callLoader } from "../support/remix";
import { startSmtp } from "../support/smtp";

const H = 3_600_000;
const M = 60_000;
const TZ = "Asia/Shanghai";
// 2026-11-23 07:00 in Shanghai.
let clock = localTime(2026, 11, 23, 7, TZ);
const fakeNow = () => clock;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let admin: Awaited<ReturnType<typeof makeUser>>;
let staff: Awaited<ReturnType<typeof makeUser>>;
let owner: Awaited<ReturnType<typeof makeUser>>;
let projectId: number;
let unitId: number;

const to = (address: string) => smtp.messages.filter((m) => m.to.includes(address));
const tick = (scheduler = createScheduler({ now: fakeNow, intervalMs: 60_000 })) => scheduler.tick();
async function runUntil(until: number) {
  const scheduler = createScheduler({ now: fakeNow, intervalMs: 60_000 });
  while (clock < until) {
    clock = Math.min(until, clock + 30 * M);
    await scheduler.tick();
  }
}

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.STAFF_NOTIFY_EMAIL = "desk@chengwan.example";
  resetEnv();
  await seedHeadquartersRecipients({ hq: "hq-reports@chengwan.example", escalation: "hq-supervision@chengwan.example" }, clock);
  admin = await makeUser("admin");
  staff = await makeUser("staff");
  owner = await makeUser("owner");
  projectId = (await makeProject({ name: "兑现楼盘" })).id;
  unitId = await makeUnit(admin.id, {
    name: "深圳公司",
    projectIds: [projectId],
    escalations: ["sz-supervision@chengwan.example"],
    briefings: ["sz-morning@chengwan.example"],
  });
});
afterAll(async () => {
  await smtp.close();
});

describe("acknowledging reports to headquarters", () => {
  it("once: recorded for headquarters' view, emailed to its report recipients, on the public timeline", async () => {
    const id = await makeThread({ authorId: owner.id, projectId, title: "上报总部的投诉", now: clock });
    expect((await acknowledgeThread({ threadId: id, staffId: staff.id, note: "已转工程部" }, clock + 30 * M)).ok).toBe(true);
    // A progress note and a solution afterwards report nothing again.
    await postOfficial({ kind: "progress", threadId: id, staffId: staff.id, body: "工程部正在核查渗水原因,明天给出方案。" }, clock + H);
    await postOfficial(
      { kind: "solution", threadId: id, staffId: staff.id, body: "经核查为外墙打胶老化,周五前完成重新打胶。", promisedDate: "2026-11-27" },
      clock + 2 * H,
    );
    await tick();
    const reports = to("hq-reports@chengwan.example").filter((m) => m.subject.includes("上报总部的投诉"));
    expect(reports.map((m) => m.subject)).toEqual(["【上报总部】[兑现楼盘] 上报总部的投诉"]);
    expect(reports[0]!.text).toContain(`/threads/${id}`);
    expect(reports[0]!.raw).not.toMatch(/List-Unsubscribe/i);
    const listed = (await listHqReports(1)).rows.filter((r) => r.threadId === id);
    expect(listed).toMatchObject([{ unitName: "深圳公司", note: "已转工程部", createdAt: clock + 30 * M }]);
    const page = await (await callLoader(hqReportsLoader, "/staff/hq-reports", { user: staff })).json();
    expect(page.rows.some((r: { threadId: number }) => r.threadId === id)).toBe(true);
    expect((await callLoader(hqReportsLoader, "/staff/hq-reports", { user: owner })).status).toBe(403);
    const acknowledged = (await getThread(id, null))!.events.find((e) => e.kind === "acknowledged")!;
    expect(acknowledged).toMatchObject({ toValue: "集团总部", createdAt: clock + 30 * M });
  });

  it("a progress note alone acknowledges and reports, and stops no other clock", async () => {
    const id = await makeThread({ authorId: owner.id, projectId, title: "只有进展说明", now: clock });
    await postOfficial({ kind: "progress", threadId: id, staffId: staff.id, body: "方案确定后会在本帖回复,请您耐心等待。" }, clock + H);
    await tick();
    expect(to("hq-reports@chengwan.example").filter((m) => m.subject.includes("只有进展说明"))).toHaveLength(1);
    const t = (await getThread(id, null))!;
    expect(t.ack?.metAt).toBe(clock + H);
    expect(t.answer?.metAt).toBeNull();
  });

  it("duty mail cannot be unsubscribed: no link, and a forged one is refused", async () => {
    const forged = new URL(await unsubscribeUrl("hq-reports@chengwan.example", "hq_reports"));
    expect(await readUnsubscribeLink(forged.searchParams)).toBeNull();
    const row = (await getDb().select().from(mailOutbox).where(eq(mailOutbox.category, "hq_reports")).all())[0]!;
    expect(row.unsubscribeUrl).toBeNull();
    expect(row.textBody).not.toContain("/unsubscribe");
  });
});

describe("a promise kept or put off", () => {
  it("a solution that says it is done delivers the running promise", async () => {
    const id = await makeThread({ authorId: owner.id, projectId, title: "提前完成的承诺", now: clock });
    await postOfficial(
      { kind: "solution", threadId: id, staffId: staff.id, body: "更换窗户密封条,11 月 28 日前完成。", promisedDate: "2026-11-28" },
      clock + H,
    );
    expect((await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: "密封条已经更换完成,请您查看。" }, clock + 5 * H)).ok).toBe(true);
    const t = (await getThread(id, null))!;
    expect(t.promise).toMatchObject({ metAt: clock + 5 * H, closedAt: null });
    expect(t.status).toBe("resolved");
    // Kept, on the timeline, by the post that says so.
    const kept = t.events.filter((e) => e.kind === "promise_kept");
    expect(kept).toHaveLength(1);
    expect(kept[0]!.postId).toBe(t.replies.at(-1)!.id);
    // After the answer that keeps it.
    expect(t.events.map((e) => e.kind).slice(-2)).toEqual(["answered", "promise_kept"]);
  });

  it("the author's confirmation keeps a running promise, on the timeline too", async () => {
    const id = await makeThread({ authorId: owner.id, projectId, title: "业主确认兑现", now: clock });
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: "更换厨房水管,11 月 28 日前完成。", promisedDate: "2026-11-28" }, clock + H);
    const ratings = { overall: 5, attitude: 5, speed: 5, result: 5 };
    expect((await confirmSolved({ threadId: id, userId: owner.id, ratings }, clock + 3 * H)).ok).toBe(true);
    const t = (await getThread(id, null))!;
    expect(t.promise).toMatchObject({ metAt: clock + 3 * H });
    expect(t.events.map((e) => e.kind).slice(-2)).toEqual(["resolved", "promise_kept"]);
    expect(t.events.at(-1)!.actorName).toBe(owner.displayName);
  });

  it("a promise not yet due can be brought forward but not put off; once its date has passed, a new date leaves it missed", async () => {
    const id = await makeThread({ authorId: owner.id, projectId, title: "改期的承诺", now: clock });
    const promise = (date: string, at: number) =>
      postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: `外墙修补,${date} 前完成,届时请您查看。`, promisedDate: date }, at);
    expect((await promise("2026-11-28", clock + H)).ok).toBe(true);
    const first = (await getThread(id, null))!.promise!;
    expect(await promise("2026-12-05", clock + 2 * H)).toEqual({ ok: false, reason: "promisePutOff" });
    // Through the page: said next to the date, with what was typed kept.
    const body = "外墙修补需要等材料,改为 12 月 5 日前完成。";
    vi.useFakeTimers({ toFake: ["Date"], now: clock + 2 * H });
    const refused = await callAction(
      threadAction,
      `/threads/${id}`,
      { intent: "official", kind: "solution", delivery: "date", promisedDate: "2026-12-05", body },
      { user: staff, params: { id: String(id) } },
    ).finally(() => vi.useRealTimers());
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ errors: { promisedDate: "actions.promisePutOff" }, values: { promisedDate: "2026-12-05", body } });
    expect((await getThread(id, null))!.promise).toMatchObject({ deadline: first.deadline, metAt: null, closedAt: null });
    // Earlier is a stricter promise: the first one gives way, not missed.
    expect((await promise("2026-11-26", clock + 3 * H)).ok).toBe(true);
    const second = (await getThread(id, null))!.promise!;
    expect(second.round).toBe(2);
    // After its date, another date does not stop it on time: it stays missed, escalated once.
    const after = second.deadline + H;
    expect((await promise("2026-12-10", after)).ok).toBe(true);
    const clocks = await listThreadClocks(id);
    expect(clocks.filter((c) => c.kind === "promise").map((c) => clockState(toClock(c)!, after))).toEqual(["closed", "missed", "pending"]);
    expect((await getThread(id, null))!.events.filter((e) => e.kind === "promise_breached")).toHaveLength(1);
  });
});

describe("a broken promise", () => {
  it("is a public breach when its date passes, escalated to headquarters and the company exactly once, across a restart", async () => {
    const start = clock;
    const id = await makeThread({ authorId: owner.id, projectId, title: "逾期的承诺", now: start });
    await acknowledgeThread({ threadId: id, staffId: staff.id }, start + H);
    await postOfficial(
      { kind: "solution", threadId: id, staffId: staff.id, body: "更换受损地板,11 月 24 日前完成。", promisedDate: "2026-11-24" },
      start + 2 * H,
    );
    const deadline = localTime(2026, 11, 25, 0, TZ) - 1;
    expect((await getThread(id, null))!.promise).toMatchObject({ kind: "promise", deadline, metAt: null });
    await runUntil(deadline - M);
    const escalated = () => smtp.messages.filter((m) => m.subject.startsWith("【承诺逾期】") && m.subject.includes("逾期的承诺"));
    expect(escalated()).toHaveLength(0);
    await runUntil(deadline + H);
    expect(
      escalated()
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(["hq-supervision@chengwan.example", "sz-supervision@chengwan.example"]);
    await closeDb(); // a restart
    await runUntil(clock + 6 * H);
    expect(escalated()).toHaveLength(2);
    const t = (await getThread(id, null))!;
    expect(t.events.filter((e) => e.kind === "promise_breached")).toHaveLength(1);
    expect(t.holder).toBe("hq");
    expect(t.promise).toMatchObject({ metAt: null });
    // Kept late: the clock stops, missed, and the breach stays.
    expect((await keepPromise({ threadId: id, staffId: staff.id, note: "地板已更换" }, clock)).ok).toBe(true);
    const kept = (await getThread(id, null))!;
    expect(kept.status).toBe("resolved");
    expect(kept.promise!.metAt! > kept.promise!.deadline).toBe(true);
    expect(kept.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["promise_breached", "promise_kept"]));
  });

  it("the author's 未兑现 after the date closes the promise as broken and reopens with a new answer clock", async () => {
    const start = clock;
    const id = await makeThread({ authorId: owner.id, projectId, title: "未兑现", now: start });
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: "明天安排人员疏通下水管道。", promisedDate: "2026-12-01" }, start + H);
    const dueAt = localTime(2026, 12, 2, 0, TZ) - 1;
    clock = dueAt + 2 * H;
    // No scheduler ran since the date passed: the reopening records the breach itself.
    expect((await reopenThread({ threadId: id, userId: owner.id, comment: "约好的疏通没有人来。", notDelivered: true }, clock)).ok).toBe(true);
    const t = (await getThread(id, null))!;
    expect(t.status).toBe("reopened");
    expect(t.answer).toMatchObject({ round: 2, startedAt: clock, metAt: null });
    const promise = (await getDb().select().from(threadClocks).where(eq(threadClocks.threadId, id)).all()).find((c) => c.kind === "promise")!;
    expect(promise).toMatchObject({ closeReason: "broken", breachedAt: clock });
    expect(t.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["promise_breached", "not_delivered"]));
    await tick();
    expect(smtp.messages.filter((m) => m.subject.startsWith("【承诺逾期】") && m.subject.includes("未兑现"))).toHaveLength(2);
  });
});

describe("the morning briefing", () => {
  it("goes at 08:00 once a day to headquarters and to each company for its own projects, also after a restart and after downtime across 08:00", async () => {
    // Move to 07:30 on a new day, with a complaint of this company's project and one elsewhere.
    const d = new Date(clock + 24 * H);
    clock = localTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate() + 1, 7, TZ) + 30 * M;
    await makeThread({ authorId: owner.id, projectId, title: "晨报里的新投诉", now: clock - H });
    const elsewhere = (await makeProject({ name: "别处楼盘" })).id;
    await makeThread({ authorId: owner.id, projectId: elsewhere, title: "别的公司的投诉", now: clock - H });
    const briefings = (address: string) => to(address).filter((m) => m.subject.startsWith("【晨报】"));
    const sentDays = async () => (await getDb().select().from(briefingsSent).where(eq(briefingsSent.unitId, unitId)).all()).length;
    const before = { hq: briefings("hq-reports@chengwan.example").length, sz: briefings("sz-morning@chengwan.example").length, days: await sentDays() };
    await tick();
    expect(briefings("sz-morning@chengwan.example")).toHaveLength(before.sz);
    clock += 31 * M; // 08:01
    await tick();
    const sz = briefings("sz-morning@chengwan.example");
    expect(sz).toHaveLength(before.sz + 1);
    expect(sz.at(-1)!.text).toContain("晨报里的新投诉");
    expect(sz.at(-1)!.text).not.toContain("别的公司的投诉");
    const hq = briefings("hq-reports@chengwan.example");
    expect(hq).toHaveLength(before.hq + 1);
    expect(hq.at(-1)!.text).toContain("别的公司的投诉");
    expect(hq.at(-1)!.raw).not.toMatch(/List-Unsubscribe/i);
    // More ticks, and a restart, the same day: nothing more.
    await tick();
    await closeDb();
    clock += 3 * H;
    await tick();
    expect(briefings("sz-morning@chengwan.example")).toHaveLength(before.sz + 1);
    // Down from 20:00 to 09:30 the next day: one briefing when it comes back, not two.
    clock += 9 * H; // 20:01
    await closeDb();
    clock += 13.5 * H;
    await tick();
    await tick();
    expect(briefings("sz-morning@chengwan.example")).toHaveLength(before.sz + 2);
    expect(await sentDays()).toBe(before.days + 2);
  });

  it("the briefing page shows the staff member's company, and another's on request", async () => {
    const page = await (await callLoader(briefingLoader, "/staff/briefing", { user: staff })).json();
    expect(page.unit.id).toBe(HQ_UNIT_ID);
    expect(page.sections.map((s: { key: string }) => s.key)).toEqual(["new", "overdue", "dueToday", "promisesDue", "meToo", "serious"]);
    const sz = await (
      await callLoader(briefingLoader, `/staff/briefing?unit=${page.units.find((u: { id: number }) => u.id === unitId).slug}`, { user: staff })
    ).json();
    expect(sz.unit.id).toBe(unitId);
    expect((await callLoader(briefingLoader, "/staff/briefing", { user: owner })).status).toBe(403);
  });
});

describe("the organisation's recipients", () => {
  it("are the admins' to keep, each change in the audit log, and decide who is told", async () => {
    expect(
      (
        await callAction(
          orgAction,
          "/admin/organisation",
          { intent: "recipients", unitId: String(unitId), reports: "", escalations: "x@y", briefings: "" },
          { user: staff },
        )
      ).status,
    ).toBe(403);
    const bad = await callAction(
      orgAction,
      "/admin/organisation",
      { intent: "recipients", unitId: String(unitId), reports: "", escalations: "not-an-address", briefings: "" },
      { user: admin },
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.escalations).toBe("org.addressInvalid");
    const ok = await callAction(
      orgAction,
      "/admin/organisation",
      {
        intent: "recipients",
        unitId: String(unitId),
        reports: "",
        escalations: "new-supervisor@chengwan.example\nsz-supervision@chengwan.example",
        briefings: "sz-morning@chengwan.example",
      },
      { user: admin },
    );
    expect(ok.status).toBe(200);
    const entry = (await listAudit({ actorId: admin.id })).rows.find((r) => r.action === "recipients_set")!;
    expect(JSON.parse(entry.after!)).toMatchObject({
      unitId,
      purpose: "escalations",
      addresses: ["new-supervisor@chengwan.example", "sz-supervision@chengwan.example"],
    });
    const overview = await (await callLoader(orgLoader, "/admin/organisation", { user: admin })).json();
    expect(overview.units.find((u: { id: number }) => u.id === unitId).recipients.escalations).toHaveLength(2);
    // The next breach of this company's project is told to the new list.
    const id = await makeThread({ authorId: owner.id, projectId, title: "新的督办人", now: clock });
    clock += 3 * H + M;
    await tick();
    expect(to("new-supervisor@chengwan.example").map((m) => m.subject)).toEqual(["【受理超时】[兑现楼盘] 新的督办人"]);
    expect((await getThread(id, null))!.events[0]).toMatchObject({ kind: "ack_breached", toValue: "集团总部、深圳公司" });
    // Emptying a list is allowed, and recorded.
    expect((await setRecipients(admin.id, unitId, "escalations", [], clock)).ok).toBe(true);
  });
});
