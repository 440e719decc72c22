import { describe, expect, it } from "vitest";
import { clockState, deadlineFrom, formatDuration, summarizeClock, type ClockFacts } from "../../app/lib/clock";

const H = 3_600_000;
const M = 60_000;
const T0 = Date.UTC(2026, 10, 23, 6, 0); // 14:00 in Shanghai

const ack = (metAt: number | null = null): ClockFacts => ({ kind: "ack", round: 1, startedAt: T0, deadline: deadlineFrom(T0, 3), metAt });
const answer = (metAt: number | null = null, round = 1, startedAt = T0): ClockFacts => ({
  kind: "answer",
  round,
  startedAt,
  deadline: deadlineFrom(startedAt, 12),
  metAt,
});

describe("clockState", () => {
  it("runs green, turns amber in the last hour, red after the deadline, its last instant on time", () => {
    expect(clockState(ack(), T0)).toBe("pending");
    expect(clockState(ack(), T0 + 2 * H - 1)).toBe("pending");
    expect(clockState(ack(), T0 + 2 * H)).toBe("due-soon");
    expect(clockState(ack(), T0 + 3 * H - 1)).toBe("due-soon");
    expect(clockState(ack(), T0 + 3 * H)).toBe("due-soon");
    expect(clockState(ack(), T0 + 3 * H + 1)).toBe("overdue");
    expect(clockState(ack(), T0 + 30 * H)).toBe("overdue");
  });

  it("stops when met, and stays met whatever the time", () => {
    const c = ack(T0 + 2 * H + 14 * M);
    for (const now of [T0 + 2 * H + 14 * M, T0 + 3 * H + 1, T0 + 1000 * H]) expect(clockState(c, now)).toBe("met");
  });

  it("a reply after the deadline is missed, permanently", () => {
    const c = answer(T0 + 13 * H + 5 * M);
    expect(clockState(c, T0 + 13 * H + 5 * M)).toBe("missed");
    expect(clockState(c, T0 + 1000 * H)).toBe("missed");
    expect(clockState(answer(T0 + 12 * H), T0 + 20 * H)).toBe("met"); // exactly on the deadline counts
  });

  it("a reopened thread's new answer clock starts from the reopening; the earlier one keeps its outcome", () => {
    const first = answer(T0 + 5 * H);
    const reopenedAt = T0 + 30 * H;
    const second = answer(null, 2, reopenedAt);
    expect(second.deadline).toBe(reopenedAt + 12 * H);
    expect(clockState(first, reopenedAt + H)).toBe("met");
    expect(clockState(second, reopenedAt + H)).toBe("pending");
    expect(clockState(second, reopenedAt + 11.5 * H)).toBe("due-soon");
    expect(clockState(second, reopenedAt + 12 * H + 1)).toBe("overdue");
    expect(clockState({ ...second, metAt: reopenedAt + 14 * H }, reopenedAt + 20 * H)).toBe("missed");
  });
});

describe("a clock closed without an answer (a merged duplicate)", () => {
  it("closes quietly before its deadline, but stays missed when it had run out", () => {
    const closedEarly = { ...ack(), closedAt: T0 + H };
    expect(clockState(closedEarly, T0 + 100 * H)).toBe("closed");
    expect(summarizeClock(closedEarly, T0 + 100 * H)).toMatchObject({ remainingMs: null, lateByMs: 0 });
    const closedLate = { ...ack(), closedAt: T0 + 4 * H };
    expect(clockState(closedLate, T0 + 100 * H)).toBe("missed");
    expect(summarizeClock(closedLate, T0 + 100 * H)).toMatchObject({ remainingMs: null, tookMs: null, lateByMs: H });
    // Closed at its deadline, it was still on time; a moment later, it had run out.
    expect(clockState({ ...ack(), closedAt: T0 + 3 * H }, T0 + 3 * H)).toBe("closed");
    expect(clockState({ ...ack(), closedAt: T0 + 3 * H + 1 }, T0 + 3 * H + 1)).toBe("missed");
  });
});

describe("summarizeClock", () => {
  it("gives time left while running and how overdue after", () => {
    expect(summarizeClock(ack(), T0 + H)).toMatchObject({ state: "pending", remainingMs: 2 * H, tookMs: null, lateByMs: 0 });
    expect(summarizeClock(ack(), T0 + 4 * H + 5 * M)).toMatchObject({ state: "overdue", remainingMs: -(H + 5 * M), lateByMs: H + 5 * M });
  });

  it("gives time taken when met, and how late when missed", () => {
    expect(summarizeClock(ack(T0 + 2 * H + 14 * M), T0 + 50 * H)).toMatchObject({ state: "met", remainingMs: null, tookMs: 2 * H + 14 * M, lateByMs: 0 });
    expect(summarizeClock(answer(T0 + 13 * H + 5 * M), T0 + 50 * H)).toMatchObject({ state: "missed", tookMs: 13 * H + 5 * M, lateByMs: H + 5 * M });
  });
});

describe("formatDuration", () => {
  it("speaks Chinese and English", () => {
    expect(formatDuration(2 * H + 14 * M, "zh-CN")).toBe("2小时14分");
    expect(formatDuration(H + 5 * M, "zh-CN")).toBe("1小时05分");
    expect(formatDuration(2 * H + 14 * M + 5000, "zh-CN", true)).toBe("2小时14分05秒");
    expect(formatDuration(59 * M + 59_999, "en", true)).toBe("59m 59s");
    expect(formatDuration(2 * H + 14 * M, "en")).toBe("2h 14m");
    expect(formatDuration(27 * H + 3 * M, "en")).toBe("1d 3h 03m");
    expect(formatDuration(-(H + 5 * M), "zh-CN")).toBe("1小时05分");
  });
});
