// The scoreboard against a straightforward recount of the same generated data.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { COMPLAINT_TYPES } from "../../app/lib/domain";
import { lastTwelveMonths, periodRange, PERIODS, type Range } from "../../app/lib/periods";
import { triageThread, mergeThread } from "../../app/models/moderation.server";
import { acknowledgeThread, postOfficial, reopenThread, confirmSolved, recordCallback } from "../../app/models/responses.server";
import { monthlySeries, RANK_MIN_THREADS, scoreboard } from "../../app/models/stats.server";
import { posts, projects, threadClocks, threadRatings, threads } from "../../db/schema";
import { seededRandom } from "../../db/random";
import { makeProject, makeThread, makeUser } from "../support/factories";

const H = 3_600_000;
const DAY = 24 * H;
const TZ = "Asia/Shanghai";
const NOW = Date.UTC(2026, 10, 23, 6, 0);
const ANSWER = "您好,工程部已完成现场核查并安排维修,请您留意后续情况。";

beforeAll(async () => {
  const rand = seededRandom(42);
  const staff = await makeUser("staff");
  const owners = [await makeUser("owner"), await makeUser("owner"), await makeUser("owner")];
  const ps = [makeProject({ name: "甲" }), makeProject({ name: "乙" }), makeProject({ name: "丙" }), makeProject({ name: "丁" })];
  const ids: number[] = [];
  for (let i = 0; i < 160; i++) {
    // Spread over 14 months, with a few very recent.
    const createdAt = NOW - Math.floor(rand() * 420 * DAY) - H;
    const project = ps[i % 7 === 0 ? 3 : Math.floor(rand() * 3)]!; // project 丁 gets few threads
    const author = owners[i % owners.length]!;
    const id = makeThread({ authorId: author.id, projectId: project.id, complaintType: COMPLAINT_TYPES[i % 6], now: createdAt });
    ids.push(id);
    const roll = rand();
    const ackAt = createdAt + Math.floor(rand() * 6 * H);
    if (roll < 0.8 && ackAt < NOW) acknowledgeThread({ threadId: id, staffId: staff.id }, ackAt);
    const answerAt = createdAt + Math.floor(rand() * 24 * H);
    if (roll < 0.65 && answerAt < NOW && answerAt > ackAt) {
      postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, answerAt);
      if (rand() < 0.6 && answerAt + DAY < NOW) {
        confirmSolved(
          {
            threadId: id,
            userId: author.id,
            ratings: {
              overall: 1 + Math.floor(rand() * 5),
              attitude: 1 + Math.floor(rand() * 5),
              speed: 1 + Math.floor(rand() * 5),
              result: 1 + Math.floor(rand() * 5),
            },
          },
          answerAt + DAY,
        );
      } else if (rand() < 0.3 && answerAt + DAY < NOW) {
        reopenThread({ threadId: id, userId: author.id, comment: "没修好" }, answerAt + DAY);
      }
    }
    if (rand() < 0.5) {
      const valid = rand() < 0.7;
      triageThread(
        id,
        staff.id,
        {
          complaintType: COMPLAINT_TYPES[i % 6]!,
          severity: 2,
          validity: valid ? "valid" : "invalid",
          invalidReason: valid ? null : "非公司责任",
          department: null,
          assigneeId: null,
        },
        Date.now(),
      );
    }
  }
  // A merged duplicate is not counted as a complaint, but its clocks are: one merged long
  // after its deadlines ran out, one merged while its clocks still ran.
  const rows = getDb().select({ id: threads.id, projectId: threads.projectId }).from(threads).all();
  const dup = rows.find((r) => r.id !== ids[0] && rows.some((o) => o.id < r.id && o.projectId === r.projectId))!;
  const target = rows.find((o) => o.id < dup.id && o.projectId === dup.projectId)!;
  mergeThread(dup.id, target.id, staff.id, "重复投诉", NOW - H);
  const running = makeThread({ authorId: owners[0]!.id, projectId: ps[0]!.id, now: NOW - 30 * 60_000 });
  const runningTarget = makeThread({ authorId: owners[1]!.id, projectId: ps[0]!.id, now: NOW - 40 * 60_000 });
  mergeThread(running, runningTarget, staff.id, "重复投诉", NOW - 20 * 60_000);
});

/** The straightforward recount: read the raw rows and count in plain code. */
function recount(range: Range, filter: (t: { projectId: number; complaintType: string }) => boolean) {
  const db = getDb();
  const inRange = db
    .select()
    .from(threads)
    .all()
    .filter((t) => t.createdAt >= range.from && t.createdAt < range.to && filter(t));
  const ts = inRange.filter((t) => t.status !== "merged");
  const clocks = db.select().from(threadClocks).all();
  const officials = db
    .select()
    .from(posts)
    .all()
    .filter((p) => p.kind === "official");
  const ratings = db.select().from(threadRatings).all();
  let ackDecided = 0,
    ackOnTime = 0,
    answerDecided = 0,
    answerOnTime = 0;
  const times: number[] = [];
  let scores = 0,
    satisfied = 0;
  // Clocks of every thread, merged duplicates included: a merge never hides a miss.
  for (const t of inRange) {
    const ack = clocks.find((c) => c.threadId === t.id && c.kind === "ack" && c.round === 1)!;
    const ans = clocks.find((c) => c.threadId === t.id && c.kind === "answer" && c.round === 1)!;
    for (const [c, inc] of [
      [ack, "ack"],
      [ans, "answer"],
    ] as const) {
      const decided = c.metAt !== null || (c.closedAt === null ? c.deadline <= NOW : c.closedAt >= c.deadline);
      const onTime = c.metAt !== null && c.metAt <= c.deadline;
      if (inc === "ack") {
        ackDecided += +decided;
        ackOnTime += +onTime;
      } else {
        answerDecided += +decided;
        answerOnTime += +onTime;
      }
    }
  }
  for (const t of ts) {
    const first = officials
      .filter((p) => p.threadId === t.id)
      .map((p) => p.createdAt)
      .sort((a, b) => a - b)[0];
    if (first !== undefined) times.push(first - t.createdAt);
    for (const r of ratings.filter((r) => r.threadId === t.id && r.overall !== null)) {
      scores++;
      if (r.overall! >= 4) satisfied++;
    }
  }
  times.sort((a, b) => a - b);
  const nearest = (q: number) => (times.length ? times[Math.ceil(q * times.length) - 1] : null);
  const div = (a: number, b: number) => (b ? a / b : null);
  const classified = ts.filter((t) => t.validity !== null).length;
  return {
    threads: ts.length,
    replyRate: div(times.length, ts.length),
    ackOnTimeRate: div(ackOnTime, ackDecided),
    answerOnTimeRate: div(answerOnTime, answerDecided),
    medianFirstReplyMs: nearest(0.5),
    p90FirstReplyMs: nearest(0.9),
    resolutionRate: div(ts.filter((t) => t.status === "closed").length, ts.length),
    satisfactionRate: div(satisfied, scores),
    validRate: div(ts.filter((t) => t.validity === "valid").length, classified),
  };
}

const pick = (m: Record<string, unknown>) => ({
  threads: m.threads,
  replyRate: m.replyRate,
  ackOnTimeRate: m.ackOnTimeRate,
  answerOnTimeRate: m.answerOnTimeRate,
  medianFirstReplyMs: m.medianFirstReplyMs,
  p90FirstReplyMs: m.p90FirstReplyMs,
  resolutionRate: m.resolutionRate,
  satisfactionRate: m.satisfactionRate,
  validRate: m.validRate,
});

describe("scoreboard", () => {
  for (const period of PERIODS) {
    it(`matches the recount for ${period}: overall, by project and by type`, () => {
      const range = periodRange(period, NOW, TZ);
      const board = scoreboard(range, NOW);
      expect(pick(board.overall)).toEqual(recount(range, () => true));
      expect(board.overall.threads).toBeGreaterThan(0);
      for (const row of board.byProject) expect(pick(row.metrics)).toEqual(recount(range, (t) => t.projectId === row.id));
      for (const row of board.byType) expect(pick(row.metrics)).toEqual(recount(range, (t) => t.complaintType === row.type));
      // Only projects with enough threads are ranked, best on-time answer rate first.
      const ranked = board.byProject.filter((r) => r.rank !== null);
      expect(ranked.every((r) => r.metrics.threads >= RANK_MIN_THREADS)).toBe(true);
      expect(board.byProject.filter((r) => r.rank === null).every((r) => r.metrics.threads < RANK_MIN_THREADS)).toBe(true);
      for (let i = 1; i < ranked.length; i++)
        expect(ranked[i]!.metrics.answerOnTimeRate ?? -1).toBeLessThanOrEqual(ranked[i - 1]!.metrics.answerOnTimeRate ?? -1);
    });
  }

  it("a project's own scoreboard equals its row in the site's", () => {
    const range = periodRange("12_months", NOW, TZ);
    const site = scoreboard(range, NOW);
    const id = site.byProject[0]!.id;
    const own = scoreboard(range, NOW, id);
    expect(own.overall).toEqual(site.byProject.find((p) => p.id === id)!.metrics);
    expect(own.byProject).toHaveLength(1);
  });

  it("monthly volume and on-time rate match the recount for each of twelve months", () => {
    const series = monthlySeries(NOW, TZ);
    const months = lastTwelveMonths(NOW, TZ);
    expect(series.map((s) => s.key)).toEqual(months.map((m) => m.key));
    series.forEach((s, i) => {
      const r = recount(months[i]!, () => true);
      expect(s.threads).toBe(r.threads);
      expect(s.answerOnTimeRate).toEqual(r.answerOnTimeRate);
    });
    expect(getDb().select().from(projects).all().length).toBeGreaterThanOrEqual(4);
  });
});

describe("what the scoreboard counts as resolved and satisfied", () => {
  it("counts complaints closed (by the author or a satisfied call-back), not those only delivered; satisfaction is the overall score", async () => {
    const staff = await makeUser("staff");
    const author = await makeUser("owner");
    const p = makeProject({ name: "戊" });
    const t0 = NOW - 10 * DAY;
    const answer = (id: number, at: number) => postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, at);
    const confirmed = makeThread({ authorId: author.id, projectId: p.id, now: t0 });
    answer(confirmed, t0 + H);
    confirmSolved({ threadId: confirmed, userId: author.id, ratings: { overall: 5, attitude: 1, speed: 1, result: 1 } }, t0 + DAY);
    const calledBack = makeThread({ authorId: author.id, projectId: p.id, now: t0 + H });
    answer(calledBack, t0 + 2 * H);
    recordCallback(
      { threadId: calledBack, staffId: staff.id, calledAt: t0 + DAY, method: "phone", outcome: "satisfied", note: null, isPublic: false },
      t0 + DAY,
    );
    const delivered = makeThread({ authorId: author.id, projectId: p.id, now: t0 + 2 * H });
    answer(delivered, t0 + 3 * H);
    const unhappy = makeThread({ authorId: author.id, projectId: p.id, now: t0 + 3 * H });
    answer(unhappy, t0 + 4 * H);
    confirmSolved({ threadId: unhappy, userId: author.id, ratings: { overall: 2, attitude: 5, speed: 5, result: 5 } }, t0 + DAY);

    const board = scoreboard({ from: t0, to: NOW }, NOW, p.id).overall;
    expect(board).toMatchObject({ threads: 4, resolved: 3, ratingScores: 2, satisfiedScores: 1, resolutionRate: 0.75, satisfactionRate: 0.5 });
  });
});
