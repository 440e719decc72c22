// The three public clocks through every state, driven by the company's and the author's
// actions at fixed moments: 受理 (3 h), 答复 (12 h, stopped only by a solution) and 兑现
// (to the end of the promised day).
import { describe, expect, it } from "vitest";
import { applyClockChange, clockChanges, clockState, deadlineFrom, summarizeClock, type ClockAction, type CurrentClocks } from "../../app/lib/clock";
import { endOfLocalDay } from "../../app/lib/periods";

const H = 3_600_000;
const TZ = "Asia/Shanghai";
const T0 = Date.UTC(2026, 10, 23, 1, 0); // 09:00 on 23 November in Shanghai

const posted = (): CurrentClocks => ({
  ack: { kind: "ack", round: 1, startedAt: T0, deadline: deadlineFrom(T0, 3), metAt: null, closedAt: null },
  answer: { kind: "answer", round: 1, startedAt: T0, deadline: deadlineFrom(T0, 12), metAt: null, closedAt: null },
  promise: null,
});

function act(clocks: CurrentClocks, action: ClockAction, at: number) {
  return applyClockChange(clocks, clockChanges(clocks, action, at, 12), at);
}
const states = (c: CurrentClocks, now: number) => ({
  ack: c.ack && clockState(c.ack, now),
  answer: c.answer && clockState(c.answer, now),
  promise: c.promise && clockState(c.promise, now),
});

describe("the three clocks", () => {
  it("run pending, due soon and overdue, and a progress note stops nothing but the acknowledgement", () => {
    let c = posted();
    expect(states(c, T0 + H)).toEqual({ ack: "pending", answer: "pending", promise: null });
    expect(states(c, T0 + 2.5 * H)).toEqual({ ack: "due-soon", answer: "pending", promise: null });
    c = act(c, { type: "progress" }, T0 + 2.5 * H);
    expect(states(c, T0 + 2.5 * H)).toEqual({ ack: "met", answer: "pending", promise: null });
    // A second progress note, and a holding reply after the deadline, stop nothing.
    c = act(c, { type: "progress" }, T0 + 11.5 * H);
    expect(states(c, T0 + 11.5 * H)).toEqual({ ack: "met", answer: "due-soon", promise: null });
    c = act(c, { type: "progress" }, T0 + 13 * H);
    expect(states(c, T0 + 13 * H)).toEqual({ ack: "met", answer: "overdue", promise: null });
    expect(summarizeClock(c.answer!, T0 + 13 * H).lateByMs).toBe(H);
  });

  it("a solution that is done stops the answer clock and starts no promise", () => {
    let c = act(posted(), { type: "acknowledge" }, T0 + H);
    c = act(c, { type: "solution", promisedBy: null }, T0 + 5 * H);
    expect(states(c, T0 + 100 * H)).toEqual({ ack: "met", answer: "met", promise: null });
  });

  it("a solution after the deadline is missed, and it also acknowledges if nobody did", () => {
    const c = act(posted(), { type: "solution", promisedBy: null }, T0 + 14 * H);
    expect(states(c, T0 + 14 * H)).toEqual({ ack: "missed", answer: "missed", promise: null });
    expect(summarizeClock(c.answer!, T0 + 99 * H).lateByMs).toBe(2 * H);
  });

  it("a dated solution starts the promise clock to the end of that day; kept in time it is met, late it is missed", () => {
    const by = endOfLocalDay("2026-11-30", TZ)!;
    const c = act(act(posted(), { type: "acknowledge" }, T0 + H), { type: "solution", promisedBy: by }, T0 + 6 * H);
    expect(c.promise).toMatchObject({ kind: "promise", round: 1, deadline: by, startedAt: T0 + 6 * H });
    expect(states(c, T0 + 6 * H)).toEqual({ ack: "met", answer: "met", promise: "pending" });
    expect(states(c, by - 30 * 60_000).promise).toBe("due-soon");
    expect(states(c, by + 1).promise).toBe("overdue");
    const kept = act(c, { type: "promiseKept" }, by - H);
    expect(states(kept, by + 50 * H).promise).toBe("met");
    const late = act(c, { type: "promiseKept" }, by + 2 * H);
    expect(states(late, by + 50 * H).promise).toBe("missed");
    expect(summarizeClock(late.promise!, by + 50 * H).lateByMs).toBe(2 * H);
    // Keeping it again changes nothing.
    expect(clockChanges(kept, { type: "promiseKept" }, by, 12)).toEqual({ meet: [], close: [], start: [] });
  });

  it("a solution that says it is done meets a running promise; one with a new date replaces it", () => {
    const by = endOfLocalDay("2026-11-30", TZ)!;
    const c = act(posted(), { type: "solution", promisedBy: by }, T0 + 6 * H);
    const done = act(c, { type: "solution", promisedBy: null }, T0 + 30 * H);
    expect(done.promise).toMatchObject({ round: 1, metAt: T0 + 30 * H, closedAt: null });
    expect(states(done, by + 50 * H).promise).toBe("met");
    const sooner = endOfLocalDay("2026-11-27", TZ)!;
    const redated = act(c, { type: "solution", promisedBy: sooner }, T0 + 30 * H);
    expect(redated.promise).toMatchObject({ round: 2, deadline: sooner });
    expect(clockState(c.promise!, T0 + 30 * H)).toBe("pending");
  });

  it("a reopening after a solution starts a new answer clock; a promise not yet due is superseded", () => {
    const by = endOfLocalDay("2026-11-30", TZ)!;
    let c = act(act(posted(), { type: "acknowledge" }, T0 + H), { type: "solution", promisedBy: by }, T0 + 6 * H);
    const reopenedAt = T0 + 30 * H;
    c = act(c, { type: "reopen" }, reopenedAt);
    expect(c.answer).toMatchObject({ round: 2, startedAt: reopenedAt, deadline: reopenedAt + 12 * H, metAt: null });
    expect(c.promise).toMatchObject({ closedAt: reopenedAt, closeReason: "superseded" });
    expect(states(c, reopenedAt + H)).toEqual({ ack: "met", answer: "pending", promise: "closed" });
    expect(summarizeClock(c.promise!, by + 99 * H).lateByMs).toBe(0);
    // The second answer clock is stopped only by a new solution, which may promise again.
    c = act(c, { type: "progress" }, reopenedAt + 2 * H);
    expect(states(c, reopenedAt + 2 * H).answer).toBe("pending");
    c = act(c, { type: "solution", promisedBy: by + 7 * 24 * H }, reopenedAt + 3 * H);
    expect(states(c, reopenedAt + 3 * H)).toEqual({ ack: "met", answer: "met", promise: "pending" });
    expect(c.promise!.round).toBe(2);
  });

  it("a promise past its date is broken by a reopening, and stays missed", () => {
    const by = endOfLocalDay("2026-11-24", TZ)!;
    let c = act(posted(), { type: "solution", promisedBy: by }, T0 + 6 * H);
    const reopenedAt = by + 5 * H;
    c = act(c, { type: "reopen" }, reopenedAt);
    expect(c.promise).toMatchObject({ closedAt: reopenedAt, closeReason: "broken" });
    expect(states(c, reopenedAt + 100 * H).promise).toBe("missed");
    expect(summarizeClock(c.promise!, reopenedAt + 100 * H).lateByMs).toBe(5 * H);
  });

  it("a merge closes what runs: not yet due is closed, run out stays missed", () => {
    const c = act(act(posted(), { type: "acknowledge" }, T0 + 4 * H), { type: "merge" }, T0 + 5 * H);
    expect(states(c, T0 + 99 * H)).toEqual({ ack: "missed", answer: "closed", promise: null });
    const late = act(posted(), { type: "merge" }, T0 + 13 * H);
    expect(states(late, T0 + 99 * H)).toEqual({ ack: "missed", answer: "missed", promise: null });
  });
});
