// The scoreboard against a straightforward recount of the same generated data.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../app/lib/db.server";
import { COMPLAINT_TYPES } from "../../app/lib/domain";
import { lastTwelveMonths, localDayKey, periodRange, PERIODS, RANK_MIN_THREADS, type Range } from "../../app/lib/periods";
import { triageThread, mergeThread } from "../../app/models/moderation.server";
import { acknowledgeThread, confirmSolved, keepPromise, postOfficial, recordCallback, reopenThread } from "../../app/models/responses.server";
import { monthlySeries, scoreboard } from "../../app/models/stats.server";
import { posts, projects, threadClocks, threadRatings, threads } from "../../db/schema";
import { seededRandom } from "../../db/random";
import { loader as apiStatsLoader } from "../../app/routes/api.stats";
import { makeProject, makeThread, makeUnit, makeUser } from "../support/factories";
import { callLoader } from "../support/remix";
import { renderPage } from "../support/render";
import * as statsRoute from "../../app/routes/stats";
import { formatDate } from "../../app/lib/format";

const H = 3_600_000;
const DAY = 24 * H;
const TZ = "Asia/Shanghai";
const NOW = Date.UTC(2026, 10, 23, 6, 0);
const ANSWER = "您好,工程部已完成现场核查并安排维修,请您留意后续情况。";
const PROGRESS = "您好,工程部正在核查原因,方案确定后会在本帖回复。";

beforeAll(async () => {
  const rand = seededRandom(42);
  const staff = await makeUser("staff");
  const admin = await makeUser("admin");
  const owners = [await makeUser("owner"), await makeUser("owner"), await makeUser("owner")];
  const ps = await Promise.all([makeProject({ name: "甲" }), makeProject({ name: "乙" }), makeProject({ name: "丙" }), makeProject({ name: "丁" })]);
  // Two regional companies; project 丁 belongs to none.
  await makeUnit(admin.id, { name: "南方公司", projectIds: [ps[0]!.id, ps[1]!.id] });
  await makeUnit(admin.id, { name: "北方公司", projectIds: [ps[2]!.id] });
  const ids: number[] = [];
  for (let i = 0; i < 160; i++) {
    // Spread over 14 months, with a few very recent.
    const createdAt = NOW - Math.floor(rand() * 420 * DAY) - H;
    const project = ps[i % 7 === 0 ? 3 : Math.floor(rand() * 3)]!; // project 丁 gets few threads
    const author = owners[i % owners.length]!;
    const id = await makeThread({ authorId: author.id, projectId: project.id, complaintType: COMPLAINT_TYPES[i % 6], now: createdAt });
    ids.push(id);
    const roll = rand();
    const ackAt = createdAt + Math.floor(rand() * 6 * H);
    if (roll < 0.8 && ackAt < NOW) await acknowledgeThread({ threadId: id, staffId: staff.id }, ackAt);
    const answerAt = createdAt + Math.floor(rand() * 24 * H);
    if (roll < 0.65 && answerAt < NOW && answerAt > ackAt) {
      if (rand() < 0.3) await postOfficial({ kind: "progress", threadId: id, staffId: staff.id, body: PROGRESS }, answerAt - 1);
      // Some solutions promise a date (kept in time, late, or not at all); the others are done.
      const promised = rand() < 0.5;
      const days = 1 + Math.floor(rand() * 6);
      const promisedDate = localDayKey(answerAt + days * DAY, TZ);
      await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER, promisedDate: promised ? promisedDate : null }, answerAt);
      if (promised) {
        const keptAt = answerAt + Math.floor(rand() * (days + 3)) * DAY;
        if (rand() < 0.8 && keptAt < NOW) await keepPromise({ threadId: id, staffId: staff.id, note: "已按方案完成维修" }, keptAt);
      }
      const callAt = answerAt + 10 * DAY;
      const delivered = async () => (await getDb().select({ s: threads.status }).from(threads).where(eq(threads.id, id)).get())!.s === "resolved";
      if (rand() < 0.4 && callAt < NOW && (await delivered())) {
        const outcome = (["satisfied", "satisfied", "not_satisfied", "unreachable"] as const)[Math.floor(rand() * 4)]!;
        await recordCallback({ threadId: id, staffId: staff.id, calledAt: callAt, method: "phone", outcome, note: null, isPublic: false }, callAt);
      } else if (
        rand() < 0.6 &&
        answerAt + DAY < NOW &&
        ["answered", "resolved"].includes((await getDb().select({ s: threads.status }).from(threads).where(eq(threads.id, id)).get())!.s)
      ) {
        await confirmSolved(
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
        await reopenThread({ threadId: id, userId: author.id, comment: "没修好", notDelivered: rand() < 0.5 }, answerAt + DAY);
      }
    }
    if (rand() < 0.5) {
      const valid = rand() < 0.7;
      await triageThread(
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
  const rows = await getDb().select({ id: threads.id, projectId: threads.projectId }).from(threads).all();
  const dup = rows.find((r) => r.id !== ids[0] && rows.some((o) => o.id < r.id && o.projectId === r.projectId))!;
  const target = rows.find((o) => o.id < dup.id && o.projectId === dup.projectId)!;
  await mergeThread(dup.id, target.id, staff.id, "重复投诉", NOW - H);
  const running = await makeThread({ authorId: owners[0]!.id, projectId: ps[0]!.id, now: NOW - 30 * 60_000 });
  const runningTarget = await makeThread({ authorId: owners[1]!.id, projectId: ps[0]!.id, now: NOW - 40 * 60_000 });
  await mergeThread(running, runningTarget, staff.id, "重复投诉", NOW - 20 * 60_000);
});

/** The straightforward recount: read the raw rows and count in plain code. */
async function recount(range: Range, filter: (t: { projectId: number; complaintType: string }) => boolean) {
  const db = getDb();
  const inRange = (await db.select().from(threads).all()).filter((t) => t.createdAt >= range.from && t.createdAt < range.to && filter(t));
  const ts = inRange.filter((t) => t.status !== "merged");
  const clocks = await db.select().from(threadClocks).all();
  const solutionPosts = (await db.select().from(posts).all()).filter((p) => p.kind === "official" && p.officialKind === "solution");
  const ratings = await db.select().from(threadRatings).all();
  let ackDecided = 0,
    ackOnTime = 0,
    answerDecided = 0,
    answerOnTime = 0,
    promiseDecided = 0,
    promiseOnTime = 0;
  // A deadline is the last instant on time.
  const decidedBy = (c: { metAt: number | null; closedAt: number | null; deadline: number }) =>
    c.metAt !== null || (c.closedAt === null ? c.deadline < NOW : c.closedAt > c.deadline);
  const times: number[] = [];
  let scores = 0,
    satisfied = 0;
  // Clocks of every thread, merged duplicates included: a merge never hides a miss.
  for (const t of inRange) {
    const ack = clocks.find((c) => c.threadId === t.id && c.kind === "ack" && c.round === 1)!;
    ackDecided += +decidedBy(ack);
    ackOnTime += +(ack.metAt !== null && ack.metAt <= ack.deadline);
    // Every answer round: the first, and each reopening's.
    for (const a of clocks.filter((c) => c.threadId === t.id && c.kind === "answer")) {
      answerDecided += +decidedBy(a);
      answerOnTime += +(a.metAt !== null && a.metAt <= a.deadline);
    }
    for (const p of clocks.filter((c) => c.threadId === t.id && c.kind === "promise")) {
      promiseDecided += +decidedBy(p);
      promiseOnTime += +(p.metAt !== null && p.metAt <= p.deadline);
    }
  }
  for (const t of ts) {
    const first = solutionPosts
      .filter((p) => p.threadId === t.id)
      .map((p) => p.createdAt)
      .sort((a, b) => a - b)[0];
    if (first !== undefined) times.push(first - t.createdAt);
    // The author's last overall score, one per complaint.
    const last = ratings.filter((r) => r.threadId === t.id && r.overall !== null).sort((a, b) => b.id - a.id)[0];
    if (last) {
      scores++;
      if (last.overall! >= 4) satisfied++;
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
    promiseKeptRate: div(promiseOnTime, promiseDecided),
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
  promiseKeptRate: m.promiseKeptRate,
  medianFirstReplyMs: m.medianFirstReplyMs,
  p90FirstReplyMs: m.p90FirstReplyMs,
  resolutionRate: m.resolutionRate,
  satisfactionRate: m.satisfactionRate,
  validRate: m.validRate,
});

describe("scoreboard", () => {
  for (const period of PERIODS) {
    it(`matches the recount for ${period}: overall, by project and by type`, async () => {
      const range = periodRange(period, NOW, TZ);
      const board = await scoreboard(range, NOW);
      expect(pick(board.overall)).toEqual(await recount(range, () => true));
      expect(board.overall.threads).toBeGreaterThan(0);
      if (period === "12_months") {
        // The generated data exercises every figure: promises kept and not, closures, overall scores.
        expect(board.overall.promiseDecided).toBeGreaterThan(board.overall.promiseOnTime);
        expect(board.overall.promiseOnTime).toBeGreaterThan(0);
        expect(board.overall.resolved).toBeGreaterThan(0);
        expect(board.overall.ratingScores).toBeGreaterThan(board.overall.satisfiedScores);
      }
      for (const row of board.byProject) expect(pick(row.metrics)).toEqual(await recount(range, (t) => t.projectId === row.id));
      for (const row of board.byType) expect(pick(row.metrics)).toEqual(await recount(range, (t) => t.complaintType === row.type));
      // Each regional company, and the projects without one, as its projects recounted together.
      const all = await getDb().select().from(projects).all();
      expect(board.byCompany.map((c) => c.unit?.name ?? "-").sort()).toEqual(["-", "北方公司", "南方公司"].sort());
      for (const row of board.byCompany) {
        const mine = new Set(all.filter((p) => p.unitId === (row.unit?.id ?? null)).map((p) => p.id));
        expect(pick(row.metrics)).toEqual(await recount(range, (t) => mine.has(t.projectId)));
      }
      // Only projects with enough threads are ranked, best on-time answer rate first.
      const ranked = board.byProject.filter((r) => r.rank !== null);
      expect(ranked.every((r) => r.metrics.threads >= RANK_MIN_THREADS)).toBe(true);
      expect(board.byProject.filter((r) => r.rank === null).every((r) => r.metrics.threads < RANK_MIN_THREADS)).toBe(true);
      for (let i = 1; i < ranked.length; i++)
        expect(ranked[i]!.metrics.answerOnTimeRate ?? -1).toBeLessThanOrEqual(ranked[i - 1]!.metrics.answerOnTimeRate ?? -1);
    });
  }

  it("a project's own scoreboard equals its row in the site's", async () => {
    const range = periodRange("12_months", NOW, TZ);
    const site = await scoreboard(range, NOW);
    const id = site.byProject[0]!.id;
    const own = await scoreboard(range, NOW, id);
    expect(own.overall).toEqual(site.byProject.find((p) => p.id === id)!.metrics);
    expect(own.byProject).toHaveLength(1);
  });

  it("monthly volume and on-time rate match the recount for each of twelve months", async () => {
    const series = await monthlySeries(NOW, TZ);
    const months = lastTwelveMonths(NOW, TZ);
    expect(series.map((s) => s.key)).toEqual(months.map((m) => m.key));
    for (const [i, s] of series.entries()) {
      const r = await recount(months[i]!, () => true);
      expect(s.threads).toBe(r.threads);
      expect(s.answerOnTimeRate).toEqual(r.answerOnTimeRate);
    }
    expect((await getDb().select().from(projects).all()).length).toBeGreaterThanOrEqual(4);
  });

  it("the /stats page and /api/stats show the site-wide board, with its companies", async () => {
    const page = await (await callLoader(statsRoute.loader, "/stats?period=12_months")).json();
    const api = await (await callLoader(apiStatsLoader, "/api/stats?period=12_months")).json();
    expect(page.overall.threads).toBeGreaterThan(0);
    expect(api.overall).toEqual(page.overall);
    expect(api.byCompany.map((c: { company: { name: string } | null }) => c.company?.name ?? "-").sort()).toEqual(["-", "北方公司", "南方公司"].sort());
    expect(page.byCompany).toHaveLength(3);
  });

  it("the /stats page names a past month by its first and last day", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    try {
      for (const locale of ["zh-CN", "en"] as const) {
        const { html } = await renderPage(statsRoute, "/stats", "/stats?period=last_month", { locale });
        const page = html.replace(/<!-- -->/g, "");
        const d = (ms: number) => formatDate(ms, locale, TZ);
        const { from, to } = periodRange("last_month", NOW, TZ);
        // October 2026: the 1st to the 31st, not to the 1st of November, where the period ends.
        expect(page).toContain(`${d(from)} – ${d(to - 1)}`);
        expect(d(to - 1)).not.toBe(d(to));
        expect(page).not.toContain(`– ${d(to)}`);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});
