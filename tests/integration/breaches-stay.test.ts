// A missed deadline can never be made to disappear: every staff action on an overdue
// thread leaves every public figure of it as bad as it was, or worse.
import { beforeAll, describe, expect, it } from "vitest";
import { monthRange } from "../../app/lib/periods";
import { apiThreadSummary } from "../../app/presenters/api";
import { recordBreaches } from "../../app/models/clocks.server";
import {
  addInternalNote,
  hidePost,
  mergeThread,
  restorePost,
  setThreadHidden,
  setThreadLocked,
  triageThread,
  unmergeThread,
} from "../../app/models/moderation.server";
import { complaintReport } from "../../app/models/reports.server";
import { acknowledgeThread, postOfficial } from "../../app/models/responses.server";
import { monthlySeries, scoreboard } from "../../app/models/stats.server";
import { createReply, getThread } from "../../app/models/threads.server";
import { makeProject, makeThread, makeUser } from "../support/factories";

const H = 3_600_000;
const TZ = "Asia/Shanghai";
const MONTH = monthRange("2026-03", TZ)!;
// Posted on the 10th; both clocks ran out the same day, the breaches were recorded.
const POSTED = MONTH.from + 9 * 24 * H;
let NOW = POSTED + 20 * H;

type Figures = {
  ackMissed: number;
  answerMissed: number;
  ackOnTimeRate: number | null;
  answerOnTimeRate: number | null;
  projectAnswerOnTimeRate: number | null;
  typesAnswerMissed: number;
  monthAnswerOnTimeRate: number | null;
  reportBreaches: number;
  apiAckState: string;
  apiAnswerState: string;
  apiLateSeconds: number;
};

let staff: Awaited<ReturnType<typeof makeUser>>;
let admin: Awaited<ReturnType<typeof makeUser>>;
let projectId: number;

async function figures(threadId: number): Promise<Figures> {
  const range = { from: MONTH.from, to: MONTH.to };
  const board = await scoreboard(range, NOW);
  const o = board.overall;
  const project = board.byProject.find((p) => p.id === projectId)!.metrics;
  const thread = (await getThread(threadId, staff))!;
  const api = apiThreadSummary(thread, NOW);
  const month = (await monthlySeries(NOW, TZ)).find((m) => m.key === "2026-03");
  return {
    ackMissed: o.ackDecided - o.ackOnTime,
    answerMissed: o.answerDecided - o.answerOnTime,
    ackOnTimeRate: o.ackOnTimeRate,
    answerOnTimeRate: o.answerOnTimeRate,
    projectAnswerOnTimeRate: project.answerOnTimeRate,
    typesAnswerMissed: board.byType.reduce((n, t) => n + t.metrics.answerDecided - t.metrics.answerOnTime, 0),
    monthAnswerOnTimeRate: month?.answerOnTimeRate ?? null,
    reportBreaches: (await complaintReport(range, NOW)).breaches.filter((b) => b.threadId === threadId).length,
    apiAckState: api.clocks.ack!.state,
    apiAnswerState: api.clocks.answer!.state,
    apiLateSeconds: (api.clocks.ack!.lateBySeconds ?? 0) + (api.clocks.answer!.lateBySeconds ?? 0),
  };
}

/** True when `after` is better than `before` in any figure. */
function improvements(before: Figures, after: Figures) {
  const worse = (a: number | null, b: number | null) => (a ?? 0) > (b ?? 0);
  const found: string[] = [];
  if (after.ackMissed < before.ackMissed) found.push("ackMissed");
  if (after.answerMissed < before.answerMissed) found.push("answerMissed");
  if (after.typesAnswerMissed < before.typesAnswerMissed) found.push("typesAnswerMissed");
  if (after.reportBreaches < before.reportBreaches) found.push("reportBreaches");
  for (const k of ["ackOnTimeRate", "answerOnTimeRate", "projectAnswerOnTimeRate", "monthAnswerOnTimeRate"] as const)
    if (worse(after[k], before[k])) found.push(k);
  for (const k of ["apiAckState", "apiAnswerState"] as const) if (!["overdue", "missed"].includes(after[k])) found.push(k);
  if (after.apiLateSeconds <= 0) found.push("apiLateSeconds");
  return found;
}

beforeAll(async () => {
  staff = await makeUser("staff");
  admin = await makeUser("admin");
  projectId = (await makeProject()).id;
});

describe("a breach recorded on a thread", () => {
  it("survives every staff action: triage, invalid ruling, notes, hiding, locking, merging, unmerging, late answers", async () => {
    const owner = await makeUser("owner");
    const other = await makeUser("owner");
    const id = await makeThread({ authorId: owner.id, projectId, now: POSTED });
    const target = await makeThread({ authorId: other.id, projectId, now: POSTED - H });
    // A thread answered on time, so that the rates have something to rise towards.
    const good = await makeThread({ authorId: other.id, projectId, now: POSTED });
    await postOfficial({ kind: "solution", threadId: good, staffId: staff.id, body: "您好,已安排维修人员上门处理,今天下午完成。" }, POSTED + H);
    const replyId = await createReply({ threadId: id, authorId: other.id, body: "我家也一样" }, POSTED + H);
    await recordBreaches(POSTED + 13 * H);

    const start = await figures(id);
    expect(start.ackMissed).toBeGreaterThan(0);
    expect(start.reportBreaches).toBe(2);
    expect(start.apiAckState).toBe("overdue");

    const actions: [string, () => Promise<{ ok: boolean }>][] = [
      [
        "reclassify",
        () =>
          triageThread(
            id,
            staff.id,
            { complaintType: "sales", severity: 1, validity: null, invalidReason: null, department: "sales", assigneeId: staff.id },
            NOW,
          ),
      ],
      [
        "rule invalid",
        () =>
          triageThread(
            id,
            staff.id,
            { complaintType: "other", severity: 1, validity: "invalid", invalidReason: "非公司责任", department: null, assigneeId: null },
            NOW,
          ),
      ],
      ["internal note", () => addInternalNote(id, staff.id, "客户情绪激动", NOW)],
      ["hide a reply", () => hidePost(replyId, staff.id, "含个人信息", NOW)],
      ["restore it", () => restorePost(replyId, staff.id, NOW)],
      ["hide the thread", () => setThreadHidden(id, staff.id, "含个人信息", NOW)],
      ["restore the thread", () => setThreadHidden(id, staff.id, null, NOW)],
      ["lock", () => setThreadLocked(id, staff.id, "争吵", NOW)],
      ["unlock", () => setThreadLocked(id, staff.id, null, NOW)],
      ["merge", () => mergeThread(id, target, staff.id, "与目标帖重复", NOW)],
      ["unmerge", () => unmergeThread(id, admin.id, "并非重复", NOW)],
      ["acknowledge late", () => acknowledgeThread({ threadId: id, staffId: staff.id }, NOW)],
      ["answer late", () => postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: "您好,抱歉回复晚了,已安排工程部今天上门。" }, NOW)],
      ["merge after answering", () => mergeThread(id, target, staff.id, "与目标帖重复", NOW)],
    ];
    let before = start;
    for (const [name, act] of actions) {
      NOW += 10 * 60_000;
      expect((await act()).ok, name).toBe(true);
      const after = await figures(id);
      expect(improvements(before, after), name).toEqual([]);
      expect(improvements(start, after), name).toEqual([]);
      before = after;
    }
  });

  it("a merge records a breach the scheduler had not yet seen, and escalates it once", async () => {
    const owner = await makeUser("owner");
    const id = await makeThread({ authorId: owner.id, projectId, now: POSTED });
    const target = await makeThread({ authorId: owner.id, projectId, now: POSTED - H });
    // Three and a half hours on: the acknowledgement ran out, the scheduler has not run.
    expect((await mergeThread(id, target, staff.id, "重复", POSTED + 3.5 * H)).ok).toBe(true);
    const thread = (await getThread(id, null))!;
    expect(thread.events.filter((e) => e.kind === "ack_breached")).toHaveLength(1);
    expect(thread.ack).toMatchObject({ closedAt: POSTED + 3.5 * H });
    const api = apiThreadSummary(thread, POSTED + 100 * H);
    expect(api.clocks.ack).toMatchObject({ state: "missed", lateBySeconds: 30 * 60 });
    // The answer clock was not yet due: it closes as merged, and no breach is made up.
    expect(api.clocks.answer).toMatchObject({ state: "closed", lateBySeconds: 0 });
    await recordBreaches(POSTED + 100 * H);
    expect((await getThread(id, null))!.events.filter((e) => e.kind.endsWith("_breached")).map((e) => e.kind)).toEqual(["ack_breached"]);
  });

  it("a late answer records the breach the scheduler had not yet seen, and escalates it once; at its deadline an answer is on time", async () => {
    const owner = await makeUser("owner");
    const late = await makeThread({ authorId: owner.id, projectId, now: POSTED });
    // Three hours and a second on, the acknowledgement comes before any tick of the scheduler.
    expect((await acknowledgeThread({ threadId: late, staffId: staff.id }, POSTED + 3 * H + 1000)).ok).toBe(true);
    const thread = (await getThread(late, null))!;
    expect(thread.events.map((e) => e.kind)).toEqual(["ack_breached", "escalated_hq", "acknowledged"]);
    expect(thread.holder).toBe("hq");
    expect(apiThreadSummary(thread, POSTED + 100 * H).clocks.ack).toMatchObject({ state: "missed", lateBySeconds: 1 });
    await recordBreaches(POSTED + 100 * H);
    // The scheduler, coming after, finds nothing more to record.
    expect((await getThread(late, null))!.events.filter((e) => e.kind === "ack_breached")).toHaveLength(1);

    // The deadline is the last instant on time: acknowledged then, nothing is breached.
    const onTime = await makeThread({ authorId: owner.id, projectId, now: POSTED });
    await recordBreaches(POSTED + 3 * H);
    expect((await acknowledgeThread({ threadId: onTime, staffId: staff.id }, POSTED + 3 * H)).ok).toBe(true);
    const kept = (await getThread(onTime, null))!;
    expect(kept.events.map((e) => e.kind)).toEqual(["acknowledged"]);
    expect(apiThreadSummary(kept, POSTED + 100 * H).clocks.ack).toMatchObject({ state: "met" });
  });

  it("an admin's unmerge sets the clocks the merge stopped running again, to their old deadlines", async () => {
    const owner = await makeUser("owner");
    const id = await makeThread({ authorId: owner.id, projectId, now: POSTED });
    const target = await makeThread({ authorId: owner.id, projectId, now: POSTED - H });
    await acknowledgeThread({ threadId: id, staffId: staff.id }, POSTED + H);
    await mergeThread(id, target, staff.id, "重复", POSTED + 2 * H);
    expect(await unmergeThread(id, admin.id, "", POSTED + 20 * H)).toEqual({ ok: false, reason: "invalid" });
    expect((await unmergeThread(id, admin.id, "并非重复", POSTED + 20 * H)).ok).toBe(true);
    const thread = (await getThread(id, null))!;
    expect(thread.status).toBe("acknowledged");
    expect(thread.mergedIntoId).toBeNull();
    // Merged for eighteen hours is no reprieve: the answer clock is overdue again.
    expect(apiThreadSummary(thread, POSTED + 20 * H).clocks.answer).toMatchObject({ state: "overdue" });
    await recordBreaches(POSTED + 20 * H);
    expect((await getThread(id, null))!.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["merged_into", "unmerged", "answer_breached"]));
    expect((await getThread(target, null))!.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["merged_from", "unmerged_from"]));
  });
});
