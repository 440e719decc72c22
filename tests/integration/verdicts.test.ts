import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { postOfficialReply, queueVerdictReminders, recordCallback, reopenThread, resolveThread, threadVerdicts } from "../../app/models/responses.server";
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
  projectId = makeProject().id;
});

const reminders = () =>
  getDb()
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, owner.email))
    .all()
    .filter((m) => m.dedupeKey?.startsWith("verdict-reminder:"));

describe("the reminder to a silent author", () => {
  it("goes once, seven days after the official answer, and again after a new answer", () => {
    const t0 = Date.UTC(2026, 5, 1);
    const id = makeThread({ authorId: owner.id, projectId, now: t0 });
    postOfficialReply({ threadId: id, staffId: staff.id, body: ANSWER }, t0 + DAY);
    queueVerdictReminders(t0 + 7 * DAY);
    expect(reminders()).toHaveLength(0);
    queueVerdictReminders(t0 + 8 * DAY + 1);
    queueVerdictReminders(t0 + 9 * DAY);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.textBody).toContain(`/threads/${id}`);
    // Reopened and answered again: a new answer earns a new reminder.
    reopenThread({ threadId: id, userId: owner.id, comment: "还是漏" }, t0 + 10 * DAY);
    postOfficialReply({ threadId: id, staffId: staff.id, body: ANSWER }, t0 + 10 * DAY + 3_600_000);
    queueVerdictReminders(t0 + 18 * DAY);
    queueVerdictReminders(t0 + 19 * DAY);
    expect(reminders()).toHaveLength(2);
  });

  it("does not go to an author who already resolved", () => {
    const before = reminders().length;
    const t0 = Date.UTC(2026, 6, 1);
    const id = makeThread({ authorId: owner.id, projectId, now: t0 });
    postOfficialReply({ threadId: id, staffId: staff.id, body: ANSWER }, t0);
    resolveThread({ threadId: id, userId: owner.id, ratings: { attitude: 4, speed: 4, result: 4 } }, t0 + DAY);
    queueVerdictReminders(t0 + 30 * DAY);
    expect(reminders()).toHaveLength(before);
  });
});

describe("resolving through the page", () => {
  it("needs all three ratings, each 1 to 5, and keeps what was entered", async () => {
    const id = makeThread({ authorId: owner.id, projectId });
    postOfficialReply({ threadId: id, staffId: staff.id, body: ANSWER }, Date.now());
    const res = await callAction(
      threadAction,
      `/threads/${id}`,
      { intent: "resolve", attitude: "5", speed: "9", comment: "很好" },
      { user: owner, params: { id: String(id) } },
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toMatchObject({ speed: "verdict.ratingRequired", result: "verdict.ratingRequired" });
    expect(body.values.comment).toBe("很好");
    expect(getThread(id)!.status).toBe("answered");
  });
});

describe("call-backs", () => {
  it("come after resolution; the event is public, the details only when marked public", async () => {
    const id = makeThread({ authorId: owner.id, projectId });
    postOfficialReply({ threadId: id, staffId: staff.id, body: ANSWER }, Date.now());
    expect(recordCallback({ threadId: id, staffId: staff.id, calledAt: Date.now(), outcome: "x", satisfaction: 4, isPublic: false }, Date.now())).toEqual({
      ok: false,
      reason: "wrongState",
    });
    resolveThread({ threadId: id, userId: owner.id, ratings: { attitude: 5, speed: 5, result: 5 } }, Date.now());
    const params = { id: String(id) };
    const res = await callAction(
      staffThreadAction,
      `/staff/threads/${id}`,
      { intent: "callback", calledAt: "2026-11-20", outcome: "业主表示满意,私下提到邻居问题", satisfaction: "5" },
      { user: staff, params },
    );
    expect(res.status).toBe(302);
    await callAction(
      staffThreadAction,
      `/staff/threads/${id}`,
      { intent: "callback", calledAt: "2026-11-21", outcome: "二次回访,一切正常", satisfaction: "4", isPublic: "1" },
      { user: staff, params },
    );
    const pub = getThread(id, null)!;
    const callbackEvents = pub.events.filter((e) => e.kind === "callback");
    expect(callbackEvents).toHaveLength(2);
    expect(callbackEvents.map((e) => e.note)).toEqual([null, "二次回访,一切正常"]);
    expect(threadVerdicts(id, false).callbacks.map((c) => c.outcome)).toEqual(["二次回访,一切正常"]);
    expect(threadVerdicts(id, true).callbacks).toHaveLength(2);
    const bad = await callAction(
      staffThreadAction,
      `/staff/threads/${id}`,
      { intent: "callback", calledAt: "", outcome: "", satisfaction: "7" },
      { user: staff, params },
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toMatchObject({ calledAt: "verdict.dateRequired", outcome: "errors.required", satisfaction: "verdict.ratingRequired" });
  });
});
