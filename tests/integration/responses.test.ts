import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { listThreadClocks } from "../../app/models/clocks.server";
import { acknowledgeThread, postOfficial, reopenThread, confirmSolved } from "../../app/models/responses.server";
import { getThread } from "../../app/models/threads.server";
import { action as threadAction } from "../../app/routes/threads.$id";
import { loader as apiThread } from "../../app/routes/api.threads.$id";
import { mailOutbox, threadClocks } from "../../db/schema";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callAction, callLoader } from "../support/remix";

const H = 3_600_000;
const M = 60_000;
const T0 = Date.UTC(2026, 10, 23, 2, 0);
const GOOD = { overall: 5, attitude: 5, speed: 4, result: 5, comment: "谢谢" };
const ANSWER = "您好,经现场核查,外墙打胶已于今日完成,请您留意下次降雨后的情况。";

let owner: Awaited<ReturnType<typeof makeUser>>;
let other: Awaited<ReturnType<typeof makeUser>>;
let staff: Awaited<ReturnType<typeof makeUser>>;
let projectId: number;

beforeAll(async () => {
  owner = await makeUser("owner");
  other = await makeUser("owner");
  staff = await makeUser("staff");
  projectId = (await makeProject()).id;
});

const mailTo = (address: string) => getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)).all();

describe("the life of a complaint", () => {
  it("gets its clocks when posted, fixed from the settings of the day", async () => {
    const id = await makeThread({ authorId: owner.id, projectId, now: T0 });
    const t = (await getThread(id))!;
    expect(t.ack).toMatchObject({ kind: "ack", round: 1, startedAt: T0, deadline: T0 + 3 * H, metAt: null });
    expect(t.answer).toMatchObject({ kind: "answer", round: 1, deadline: T0 + 12 * H, metAt: null });
    expect((await mailTo("staff@example.com")).some((m) => m.subject.includes(t.title))).toBe(true);
  });

  it("acknowledged, a solution done, confirmed: clocks stop, status follows, the author is told", async () => {
    const id = await makeThread({ authorId: owner.id, projectId, now: T0 });
    expect((await acknowledgeThread({ threadId: id, staffId: staff.id, note: "已转工程部" }, T0 + 2 * H + 14 * M)).ok).toBe(true);
    let t = (await getThread(id))!;
    expect(t.status).toBe("acknowledged");
    expect(t.ack?.metAt).toBe(T0 + 2 * H + 14 * M);
    expect(await acknowledgeThread({ threadId: id, staffId: staff.id }, T0 + 3 * H)).toEqual({ ok: false, reason: "wrongState" });

    const r = await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, T0 + 13 * H + 5 * M);
    expect(r.ok).toBe(true);
    t = (await getThread(id))!;
    // A solution that says it is done: delivered, the call-back is due.
    expect(t.status).toBe("resolved");
    expect(t.answer?.metAt).toBe(T0 + 13 * H + 5 * M);
    expect(t.replies.at(-1)).toMatchObject({ kind: "official", officialKind: "solution" });
    // Answered an hour late, before the scheduler saw it: the breach is on record and escalated all the same.
    expect(t.events.map((e) => e.kind)).toEqual(["acknowledged", "answer_breached", "escalated_hq", "answered"]);
    expect(t.events[0]!.note).toBe("已转工程部");
    expect(t.holder).toBe("hq");
    expect((await mailTo(owner.email)).map((m) => m.category)).toEqual(["thread_updates", "thread_updates"]);

    expect(await confirmSolved({ threadId: id, userId: other.id, ratings: GOOD }, Date.now())).toEqual({ ok: false, reason: "notAllowed" });
    expect((await confirmSolved({ threadId: id, userId: owner.id, ratings: GOOD }, T0 + 30 * H)).ok).toBe(true);
    expect((await getThread(id))!.status).toBe("closed");
  });

  it("a solution alone stops both clocks; a progress note only the acknowledgement", async () => {
    const noted = await makeThread({ authorId: owner.id, projectId, now: T0 });
    await postOfficial({ kind: "progress", threadId: noted, staffId: staff.id, body: "方案确定后会在本帖回复,请耐心等待工程部核查。" }, T0 + H);
    const n = (await getThread(noted))!;
    expect(n.ack?.metAt).toBe(T0 + H);
    expect(n.answer?.metAt).toBeNull();
    expect(n.status).toBe("acknowledged");
    expect(n.events.map((e) => e.kind)).toEqual(["acknowledged", "progress"]);
    expect(n.replies.at(-1)).toMatchObject({ kind: "official", officialKind: "progress" });

    const id = await makeThread({ authorId: owner.id, projectId, now: T0 });
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, T0 + H);
    const t = (await getThread(id))!;
    expect(t.ack?.metAt).toBe(T0 + H);
    expect(t.answer?.metAt).toBe(T0 + H);
    expect(t.events.map((e) => e.kind)).toEqual(["acknowledged", "answered"]);
  });

  it("reopening needs the author, starts a new answer clock and keeps the old one's outcome", async () => {
    const id = await makeThread({ authorId: owner.id, projectId, now: T0 });
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, T0 + 5 * H);
    expect(await reopenThread({ threadId: id, userId: other.id, comment: "x" }, Date.now())).toEqual({ ok: false, reason: "notAllowed" });
    expect((await reopenThread({ threadId: id, userId: owner.id, comment: "又漏水了" }, T0 + 48 * H)).ok).toBe(true);
    const t = (await getThread(id))!;
    expect(t.status).toBe("reopened");
    expect(t.answer).toMatchObject({ round: 2, startedAt: T0 + 48 * H, deadline: T0 + 60 * H, metAt: null });
    const all = await listThreadClocks(id);
    expect(all.map((c) => [c.kind, c.round, c.metAt])).toEqual([
      ["ack", 1, T0 + 5 * H],
      ["answer", 1, T0 + 5 * H],
      ["answer", 2, null],
    ]);
    expect(t.replies.at(-1)?.authorId).toBe(owner.id);
    // The next solution meets round 2.
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, T0 + 50 * H);
    expect((await getThread(id))!.answer).toMatchObject({ round: 2, metAt: T0 + 50 * H });
    expect((await getThread(id))!.status).toBe("resolved");
  });

  it("cannot be resolved before an answer", async () => {
    const id = await makeThread({ authorId: owner.id, projectId, now: T0 });
    expect(await confirmSolved({ threadId: id, userId: owner.id, ratings: GOOD }, Date.now())).toEqual({ ok: false, reason: "wrongState" });
    expect(await reopenThread({ threadId: id, userId: owner.id, comment: "?" }, Date.now())).toEqual({ ok: false, reason: "wrongState" });
  });

  it("a later change of the hours does not move an existing deadline", async () => {
    const id = await makeThread({ authorId: owner.id, projectId, now: T0 });
    process.env.ACK_HOURS = "1";
    return import("../../app/lib/env.server").then(async ({ resetEnv }) => {
      resetEnv();
      const later = await makeThread({ authorId: owner.id, projectId, now: T0 });
      expect((await getThread(id))!.ack?.deadline).toBe(T0 + 3 * H);
      expect((await getThread(later))!.ack?.deadline).toBe(T0 + H);
      delete process.env.ACK_HOURS;
      resetEnv();
    });
  });
});

describe("thread actions through the page", () => {
  it("only staff may acknowledge or post an official answer", async () => {
    const id = await makeThread({ authorId: owner.id, projectId });
    const params = { id: String(id) };
    const forms: Record<string, string>[] = [{ intent: "acknowledge" }, { intent: "official", kind: "solution", delivery: "done", body: ANSWER }];
    for (const form of forms) {
      expect((await callAction(threadAction, `/threads/${id}`, form, { params })).status).toBe(302); // to login
      expect((await callAction(threadAction, `/threads/${id}`, form, { user: owner, params })).status).toBe(403);
    }
    expect((await getThread(id))!.events).toHaveLength(0);
    const ok = await callAction(threadAction, `/threads/${id}`, { intent: "acknowledge", note: "" }, { user: staff, params });
    expect(ok.status).toBe(302);
    expect((await getThread(id))!.status).toBe("acknowledged");
  });

  it("an official post of fewer than 20 characters, or a solution without its delivery, is refused with the text kept", async () => {
    const id = await makeThread({ authorId: owner.id, projectId });
    const params = { id: String(id) };
    const short = await callAction(
      threadAction,
      `/threads/${id}`,
      { intent: "official", kind: "solution", delivery: "done", body: "收到。" },
      { user: staff, params },
    );
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ intent: "official", errors: { body: "errors.officialTooShort" }, values: { body: "收到。" } });
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ body: ANSWER }, { kind: "actions.kindRequired" }],
      [{ kind: "solution", body: ANSWER }, { delivery: "actions.deliveryRequired" }],
      [{ kind: "solution", delivery: "date", body: ANSWER }, { promisedDate: "actions.promisedDateRequired" }],
      [{ kind: "solution", delivery: "date", promisedDate: "2026-02-30", body: ANSWER }, { promisedDate: "actions.promisedDateInvalid" }],
      [{ kind: "solution", delivery: "date", promisedDate: "2020-01-01", body: ANSWER }, { promisedDate: "actions.promisedDatePast" }],
    ];
    for (const [form, errors] of cases) {
      const res = await callAction(threadAction, `/threads/${id}`, { intent: "official", ...form }, { user: staff, params });
      expect(res.status, JSON.stringify(form)).toBe(400);
      const body = await res.json();
      expect(body.errors).toMatchObject(errors);
      expect(body.values.body).toBe(ANSWER);
    }
    expect((await getThread(id))!.answer?.metAt).toBeNull();
    expect((await getThread(id))!.replies).toHaveLength(0);
  });

  it("reopening through the page needs a comment", async () => {
    const id = await makeThread({ authorId: owner.id, projectId });
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, Date.now());
    const res = await callAction(threadAction, `/threads/${id}`, { intent: "reopen", comment: " " }, { user: owner, params: { id: String(id) } });
    expect(res.status).toBe(400);
    expect((await getThread(id))!.status).toBe("resolved");
  });
});

describe("the API shows the clocks", () => {
  it("with deadline, state, when met or missed, and time taken", async () => {
    const now = Date.now();
    const id = await makeThread({ authorId: owner.id, projectId, now: now - 14 * H });
    await acknowledgeThread({ threadId: id, staffId: staff.id }, now - 14 * H + 30 * M);
    const res = await callLoader(apiThread, `/api/threads/${id}`, { params: { id: String(id) } });
    const { thread } = await res.json();
    expect(thread.clocks.ack).toMatchObject({ state: "met", tookSeconds: 1800, lateBySeconds: 0, metAt: new Date(now - 14 * H + 30 * M).toISOString() });
    expect(thread.clocks.answer).toMatchObject({ state: "overdue", repliedAt: null, tookSeconds: null, deadline: new Date(now - 2 * H).toISOString() });
    expect(thread.clocks.answer.lateBySeconds).toBeGreaterThanOrEqual(7200);
    expect(thread.timeline.map((e: { kind: string }) => e.kind)).toEqual(["acknowledged"]);
    expect(await getDb().select().from(threadClocks).where(eq(threadClocks.threadId, id)).all()).toHaveLength(2);
  });
});
