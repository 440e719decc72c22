import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import {
  confirmSolved,
  keepPromise,
  postOfficial,
  queueVerdictReminders,
  recordCallback,
  reopenThread,
  threadVerdicts,
} from "../../app/models/responses.server";
import { getThread } from "../../app/models/threads.server";
import { action as staffThreadAction } from "../../app/routes/staff.threads.$id";
import { action as threadAction } from "../../app/routes/threads.$id";
import { mailOutbox } from "../../db/schema";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callAction } from "../support/remix";

const DAY = 86_400_000;
const ANSWER = "您好,维修已经完成,请确认是否还有问题,谢谢您的耐心。";
let owner: Awaited<ReturnType<typeof makeUser>>;
let staff: Awaited<ReturnType<typeof makeUser>>;
let projectId: number;

beforeAll(async () => {
  owner = await makeUser("owner");
  staff = await makeUser("staff");
  projectId = (await makeProject()).id;
});

const reminders = async () =>
  (await getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, owner.email)).all()).filter((m) => m.dedupeKey?.startsWith("verdict-reminder:"));

describe("the reminder to a silent author", () => {
  it("goes once, seven days after the solution was delivered, and again after a new one", async () => {
    const t0 = Date.UTC(2026, 5, 1);
    const id = await makeThread({ authorId: owner.id, projectId, now: t0 });
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, t0 + DAY);
    await queueVerdictReminders(t0 + 7 * DAY);
    expect(await reminders()).toHaveLength(0);
    await queueVerdictReminders(t0 + 8 * DAY + 1);
    await queueVerdictReminders(t0 + 9 * DAY);
    expect(await reminders()).toHaveLength(1);
    expect((await reminders())[0]!.textBody).toContain(`/threads/${id}`);
    // Reopened and answered again: a new answer earns a new reminder.
    await reopenThread({ threadId: id, userId: owner.id, comment: "还是漏" }, t0 + 10 * DAY);
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, t0 + 10 * DAY + 3_600_000);
    await queueVerdictReminders(t0 + 18 * DAY);
    await queueVerdictReminders(t0 + 19 * DAY);
    expect(await reminders()).toHaveLength(2);
  });

  it("does not go to an author who already resolved", async () => {
    const before = (await reminders()).length;
    const t0 = Date.UTC(2026, 6, 1);
    const id = await makeThread({ authorId: owner.id, projectId, now: t0 });
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, t0);
    await confirmSolved({ threadId: id, userId: owner.id, ratings: { overall: 4, attitude: 4, speed: 4, result: 4 } }, t0 + DAY);
    await queueVerdictReminders(t0 + 30 * DAY);
    expect(await reminders()).toHaveLength(before);
  });
});

describe("confirming through the page", () => {
  it("needs the overall score and the three others, each 1 to 5, and keeps what was entered", async () => {
    const id = await makeThread({ authorId: owner.id, projectId });
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, Date.now());
    const res = await callAction(
      threadAction,
      `/threads/${id}`,
      { intent: "resolve", attitude: "5", speed: "9", comment: "很好" },
      { user: owner, params: { id: String(id) } },
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toMatchObject({ overall: "verdict.ratingRequired", speed: "verdict.ratingRequired", result: "verdict.ratingRequired" });
    expect(body.values.comment).toBe("很好");
    expect((await getThread(id))!.status).toBe("resolved");
    const ok = await callAction(
      threadAction,
      `/threads/${id}`,
      { intent: "resolve", overall: "4", attitude: "5", speed: "3", result: "4" },
      { user: owner, params: { id: String(id) } },
    );
    expect(ok.status).toBe(302);
    expect((await getThread(id))!.status).toBe("closed");
    expect((await threadVerdicts(id, false)).ratings[0]).toMatchObject({ overall: 4, attitude: 5, speed: 3, result: 4 });
  });
});

describe("call-backs", () => {
  const call = (id: number, form: Record<string, string>) =>
    callAction(
      staffThreadAction,
      `/staff/threads/${id}`,
      { intent: "callback", calledAt: "2026-11-20", method: "phone", ...form },
      { user: staff, params: { id: String(id) } },
    );

  it("verify a delivered result: unreachable waits, satisfied closes; the outcome is public, the note only when marked so", async () => {
    const id = await makeThread({ authorId: owner.id, projectId });
    // A promise not yet kept: nothing to verify.
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER, promisedDate: "2099-01-01" }, Date.now());
    expect(
      await recordCallback(
        { threadId: id, staffId: staff.id, calledAt: Date.now(), method: "phone", outcome: "satisfied", note: null, isPublic: false },
        Date.now(),
      ),
    ).toEqual({ ok: false, reason: "wrongState" });
    expect((await keepPromise({ threadId: id, staffId: staff.id, note: "维修已完成,附验收单" }, Date.now())).ok).toBe(true);
    expect((await getThread(id, null))!.status).toBe("resolved");

    expect((await call(id, { outcome: "unreachable", note: "两次未接" })).status).toBe(302);
    expect((await getThread(id, null))!.status).toBe("resolved");
    expect((await call(id, { outcome: "satisfied", method: "visit", note: "二次回访,一切正常", isPublic: "1" })).status).toBe(302);
    const pub = (await getThread(id, null))!;
    expect(pub.status).toBe("closed");
    const callbackEvents = pub.events.filter((e) => e.kind === "callback");
    expect(callbackEvents.map((e) => [e.fromValue, e.toValue, e.note])).toEqual([
      ["phone", "unreachable", null],
      ["visit", "satisfied", "二次回访,一切正常"],
    ]);
    expect(pub.events.at(-1)!.kind).toBe("closed");
    expect((await threadVerdicts(id, false)).callbacks.map((c) => c.note)).toEqual(["二次回访,一切正常", null]);
    expect((await threadVerdicts(id, true)).callbacks.map((c) => c.note)).toEqual(["二次回访,一切正常", "两次未接"]);
    // Closed: no more call-backs to record.
    expect((await call(id, { outcome: "satisfied" })).status).toBe(409);
  });

  it("not satisfied reopens the complaint with a new answer clock", async () => {
    const id = await makeThread({ authorId: owner.id, projectId });
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, Date.now());
    expect((await call(id, { outcome: "not_satisfied" })).status).toBe(302);
    const t = (await getThread(id, null))!;
    expect(t.status).toBe("reopened");
    expect(t.answer).toMatchObject({ round: 2, metAt: null });
    expect(t.events.map((e) => e.kind)).toContain("callback_not_satisfied");
  });

  it("refuses a form without a date, a method or an outcome", async () => {
    const id = await makeThread({ authorId: owner.id, projectId });
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, Date.now());
    const bad = await call(id, { calledAt: "", method: "", outcome: "great" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toMatchObject({ calledAt: "verdict.dateRequired", method: "verdict.methodRequired", outcome: "verdict.outcomeRequired" });
  });
});
