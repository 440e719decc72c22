// The weekly and monthly reports against a recount. Generated data (two regional companies
// and a project without one; acknowledgements, progress notes, solutions done or promised,
// promises kept late or broken, call-backs, confirmations, reopenings, merges, triage) goes
// through the real model functions; every figure of the reports must then equal the one
// counted here in plain code from the raw rows, the clocks judged by lib/clock's clockState.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { callbacks, orgUnits, projects, threadClocks, threadRatings, threads } from "../../db/schema";
import { seededRandom } from "../../db/random";
import { clockState } from "../../app/lib/clock";
import { getDb } from "../../app/lib/db.server";
import { CALLBACK_OUTCOMES, DEPARTMENTS, type Department } from "../../app/lib/domain";
import { localDayKey } from "../../app/lib/periods";
import { reportPeriod, type ReportPeriod } from "../../app/lib/report-periods";
import { recordBreaches } from "../../app/models/clocks.server";
import { mergeThread, triageThread } from "../../app/models/moderation.server";
import { complaintReport } from "../../app/models/reports.server";
import { acknowledgeThread, confirmSolved, keepPromise, postOfficial, recordCallback, reopenThread } from "../../app/models/responses.server";
import { makeProject, makeThread, makeUnit, makeUser } from "../support/factories";

const H = 3_600_000;
const DAY = 24 * H;
const TZ = "Asia/Shanghai";
// Thursday 2 July 2026, 12:00 in Shanghai: inside week 27 (29 June to 5 July), which spans two months.
const NOW = Date.UTC(2026, 6, 2, 4);
const PERIODS = ["2026-W26", "2026-W27", "2026-06", "2026-07"].map((k) => reportPeriod(k, TZ)!);
const BODY = "您好,我们已经安排工程部上门查看并处理,请保持电话畅通,谢谢。";

const rnd = seededRandom(20260702);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const between = (a: number, b: number) => a + rnd() * (b - a);
// Whole milliseconds, as the site's clock gives them (PostgreSQL keeps times as bigint).
const atBetween = (a: number, b: number) => Math.round(between(a, b));
const score = () => 1 + Math.floor(rnd() * 5);

let raw: {
  threads: (typeof threads.$inferSelect)[];
  clocks: (typeof threadClocks.$inferSelect)[];
  projects: (typeof projects.$inferSelect)[];
  units: (typeof orgUnits.$inferSelect)[];
  ratings: (typeof threadRatings.$inferSelect)[];
  callbacks: (typeof callbacks.$inferSelect)[];
};

const statusOf = async (id: number) => (await getDb().select({ s: threads.status }).from(threads).where(eq(threads.id, id)).get())!.s;

beforeAll(async () => {
  const admin = await makeUser("admin");
  const staff = await makeUser("staff");
  const owners = [await makeUser("owner"), await makeUser("owner"), await makeUser("owner")];
  const p = await Promise.all([
    makeProject({ city: "深圳", name: "甲苑" }),
    makeProject({ city: "深圳", name: "乙苑" }),
    makeProject({ city: "广州", name: "丙苑" }),
    makeProject({ city: "佛山", name: "丁苑" }),
    makeProject({ city: "东莞", name: "戊苑" }),
  ]);
  await makeUnit(admin.id, { name: "华南公司", projectIds: [p[0]!.id, p[1]!.id] });
  await makeUnit(admin.id, { name: "广佛公司", projectIds: [p[2]!.id, p[3]!.id] });
  await makeUnit(admin.id, { name: "空公司" }); // runs nothing yet: a row of zeros

  // The first complaint of each project is never merged, so duplicates have a target.
  const anchors = new Map<number, number>();
  const start = Date.UTC(2026, 4, 25);
  const posts: { projectId: number; at: number }[] = p.map((x) => ({ projectId: x.id, at: start - DAY }));
  for (let i = 0; i < 160; i++) posts.push({ projectId: pick(p).id, at: atBetween(start, NOW - H) });
  posts.sort((a, b) => a.at - b.at);

  for (const post of posts) {
    const author = pick(owners);
    const id = await makeThread({ authorId: author.id, projectId: post.projectId, now: post.at });
    if (!anchors.has(post.projectId)) anchors.set(post.projectId, id);
    let t = post.at;
    // Each step happens some hours after the last, and never at or after NOW.
    const later = (minH: number, maxH: number) => {
      t += Math.round(between(minH, maxH) * H);
      return t < NOW;
    };
    const ok = (r: { ok: boolean }, what: string) => expect(r.ok, `${what} on #${id}`).toBe(true);

    if (rnd() < 0.8) {
      const validity = pick(["valid", "valid", "valid", "invalid", null] as const);
      const at = Math.min(NOW - 1, Math.round(post.at + between(0.1, 30) * H));
      ok(
        await triageThread(
          id,
          staff.id,
          {
            complaintType: "quality",
            severity: pick([1, 2, 3, 4, null] as const),
            validity,
            invalidReason: validity === "invalid" ? "非公司责任" : null,
            department: pick([...DEPARTMENTS, null] as (Department | null)[]),
            assigneeId: null,
          },
          at,
        ),
        "triage",
      );
    }
    const first = rnd();
    if (first < 0.3 && later(0.5, 5)) ok(await acknowledgeThread({ threadId: id, staffId: staff.id }, t), "acknowledge");
    else if (first < 0.45 && later(0.5, 5)) ok(await postOfficial({ threadId: id, staffId: staff.id, kind: "progress", body: BODY }, t), "progress");

    for (let step = 0; step < 7; step++) {
      const status = await statusOf(id);
      const r = rnd();
      if (status === "awaiting_ack" || status === "acknowledged" || status === "reopened") {
        if (r < 0.2 || !later(0.5, 20)) break;
        const promisedDate = rnd() < 0.5 ? localDayKey(t + between(0, 4) * DAY, TZ) : null;
        ok(await postOfficial({ threadId: id, staffId: staff.id, kind: "solution", body: BODY, promisedDate }, t), "solution");
      } else if (status === "answered") {
        if (r < 0.15 || !later(2, 120)) break;
        if (r < 0.7) ok(await keepPromise({ threadId: id, staffId: staff.id, note: "已完成维修,附照片。" }, t), "keep");
        else if (r < 0.85) ok(await reopenThread({ threadId: id, userId: author.id, comment: "没有按时完成。", notDelivered: true }, t), "not delivered");
        else
          ok(
            await confirmSolved({ threadId: id, userId: author.id, ratings: { overall: score(), attitude: score(), speed: score(), result: score() } }, t),
            "confirm",
          );
      } else if (status === "resolved") {
        if (r < 0.15 || !later(2, 72)) break;
        if (r < 0.65) {
          const outcome = pick(CALLBACK_OUTCOMES);
          ok(await recordCallback({ threadId: id, staffId: staff.id, calledAt: t, method: "phone", outcome, note: null, isPublic: false }, t), "callback");
        } else if (r < 0.9) {
          ok(
            await confirmSolved({ threadId: id, userId: author.id, ratings: { overall: score(), attitude: score(), speed: score(), result: score() } }, t),
            "confirm",
          );
        } else ok(await reopenThread({ threadId: id, userId: author.id, comment: "问题还在。" }, t), "reopen");
      } else if (status === "closed") {
        if (r < 0.75 || !later(2, 72)) break;
        ok(await reopenThread({ threadId: id, userId: author.id, comment: "又漏水了。" }, t), "reopen closed");
      } else break;
    }
    if (anchors.get(post.projectId) !== id && rnd() < 0.1 && later(0.5, 30))
      ok(await mergeThread(id, anchors.get(post.projectId)!, staff.id, "重复投诉", t), "merge");
  }

  const db = getDb();
  // Rows from before overall scores existed: a later rating without one never replaces a score.
  const scored = (await db.select().from(threadRatings).all()).filter((r) => r.overall! >= 4 && within(r.createdAt, PERIODS[2]!)).slice(0, 6);
  for (const r of scored)
    await db
      .insert(threadRatings)
      .values({ threadId: r.threadId, userId: r.userId, overall: null, attitude: 3, speed: 3, result: 3, createdAt: Math.min(NOW - 1, r.createdAt + H) })
      .run();
  // A department written before the list was fixed still gets its own row.
  const legacy = (await db.select().from(threads).where(eq(threads.projectId, p[4]!.id)).all()).find(
    (t) => t.status !== "merged" && within(t.createdAt, PERIODS[2]!),
  )!;
  await db.update(threads).set({ department: "legacy" }).where(eq(threads.id, legacy.id)).run();
  await recordBreaches(NOW);

  raw = {
    threads: await db.select().from(threads).all(),
    clocks: await db.select().from(threadClocks).all(),
    projects: await db.select().from(projects).all(),
    units: await db.select().from(orgUnits).all(),
    ratings: await db.select().from(threadRatings).all(),
    callbacks: await db.select().from(callbacks).all(),
  };
});

const rate = (n: number, d: number) => (d === 0 ? null : n / d);
const within = (ms: number, p: ReportPeriod) => ms >= p.from && ms < p.to;

/** The report of a period, counted from the raw rows without SQL. */
function recount(p: ReportPeriod, now: number) {
  const threadById = new Map(raw.threads.map((t) => [t.id, t]));
  const projectById = new Map(raw.projects.map((x) => [x.id, x]));
  const unitById = new Map(raw.units.map((u) => [u.id, { id: u.id, slug: u.slug, name: u.name }]));
  const complaints = raw.threads.filter((t) => within(t.createdAt, p) && t.status !== "merged");
  const due = raw.clocks.filter((c) => within(c.deadline, p));
  const state = (c: (typeof raw.clocks)[number]) => clockState(c, now);
  const decided = (c: (typeof raw.clocks)[number]) => ["met", "missed", "overdue"].includes(state(c));
  const unitOf = (projectId: number) => projectById.get(projectId)!.unitId;
  const closure = (ts: typeof complaints) => {
    const valid = ts.filter((t) => t.validity === "valid");
    const closed = valid.filter((t) => t.status === "closed").length;
    return { complaints: ts.length, valid: valid.length, closed, closureRate: rate(closed, valid.length) };
  };
  const onTime = (cs: typeof due) => {
    const d = cs.filter(decided);
    const met = d.filter((c) => state(c) === "met").length;
    return { decided: d.length, onTime: met, rate: rate(met, d.length) };
  };

  const perProject = [...raw.projects]
    .sort((a, b) => (a.city < b.city ? -1 : a.city > b.city ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((x) => ({
      slug: x.slug,
      name: x.name,
      city: x.city,
      unit: x.unitId == null ? null : unitById.get(x.unitId)!,
      ...closure(complaints.filter((t) => t.projectId === x.id)),
    }));

  const unitIds = [...raw.units.filter((u) => u.kind === "regional").map((u) => u.id), ...raw.projects.map((x) => x.unitId)];
  const units = [...new Set(unitIds)].filter((u): u is number => u != null).sort((a, b) => unitById.get(a)!.name.localeCompare(unitById.get(b)!.name, "zh-CN"));
  const perCompany = [...units, null].map((u) => {
    const inUnit = (projectId: number) => unitOf(projectId) === u;
    const clocksOf = (kind: string) => due.filter((c) => c.kind === kind && inUnit(threadById.get(c.threadId)!.projectId));
    return {
      unit: u == null ? null : unitById.get(u)!,
      projects: raw.projects.filter((x) => x.unitId === u).length,
      ...closure(complaints.filter((t) => inUnit(t.projectId))),
      answers: onTime(clocksOf("answer")),
      promises: onTime(clocksOf("promise")),
    };
  });
  const all = (kind: string) => due.filter((c) => c.kind === kind);
  const totals = { projects: raw.projects.length, ...closure(complaints), answers: onTime(all("answer")), promises: onTime(all("promise")) };

  const answersDue = all("answer");
  const seen = new Set<string | null>([...complaints.map((t) => t.department), ...answersDue.map((c) => threadById.get(c.threadId)!.department)]);
  const others = [...seen].filter((d): d is string => d != null && !(DEPARTMENTS as readonly string[]).includes(d)).sort();
  const perDepartment = [...DEPARTMENTS, ...others, null].map((department) => {
    const ts = complaints.filter((t) => t.department === department);
    return {
      department,
      complaints: ts.length,
      closed: ts.filter((t) => t.status === "closed").length,
      answers: onTime(answersDue.filter((c) => threadById.get(c.threadId)!.department === department)),
    };
  });

  const breaches = due
    .filter((c) => c.deadline <= now && ["missed", "overdue"].includes(state(c)))
    .sort((a, b) => a.deadline - b.deadline || a.id - b.id)
    .map((c) => ({
      threadId: c.threadId,
      kind: c.kind,
      round: c.round,
      deadline: c.deadline,
      lateByMs: (c.metAt ?? c.closedAt ?? now) - c.deadline,
      stillOpen: c.metAt == null && c.closedAt == null,
    }));

  const serious = complaints
    .filter((t) => (t.severity ?? 0) >= 3)
    .sort((a, b) => b.severity! - a.severity! || a.createdAt - b.createdAt || a.id - b.id)
    .map((t) => t.id);

  const latest = new Map<number, (typeof raw.ratings)[number]>();
  for (const r of raw.ratings) if (r.overall != null && within(r.createdAt, p) && r.id > (latest.get(r.threadId)?.id ?? 0)) latest.set(r.threadId, r);
  const scores = [...latest.values()].filter((r) => threadById.get(r.threadId)!.status !== "merged");
  const satisfied = scores.filter((r) => r.overall! >= 4).length;
  const calls = raw.callbacks.filter((c) => within(c.calledAt, p) && threadById.get(c.threadId)!.status !== "merged");
  const byOutcome = Object.fromEntries(CALLBACK_OUTCOMES.map((o) => [o, calls.filter((c) => c.outcome === o).length]));

  return {
    perProject,
    perCompany,
    totals,
    perDepartment,
    breaches,
    serious,
    satisfaction: { scored: scores.length, satisfied, rate: rate(satisfied, scores.length), callbacks: { ...byOutcome, total: calls.length } },
  };
}

describe("every figure of the weekly and monthly reports equals a recount from the raw rows", () => {
  it("the generated data covers every case the figures distinguish", () => {
    const kinds = (pred: (c: (typeof raw.clocks)[number]) => boolean) => new Set(raw.clocks.filter(pred).map((c) => c.kind));
    expect(kinds((c) => clockState(c, NOW) === "missed")).toEqual(new Set(["ack", "answer", "promise"]));
    expect(kinds((c) => clockState(c, NOW) === "overdue")).toEqual(new Set(["ack", "answer", "promise"]));
    expect(raw.clocks.some((c) => c.closeReason === "merged")).toBe(true);
    expect(raw.clocks.some((c) => c.closeReason === "broken")).toBe(true);
    expect(raw.clocks.some((c) => c.closeReason === "superseded")).toBe(true);
    expect(raw.clocks.some((c) => c.kind === "answer" && c.round > 1)).toBe(true);
    expect(raw.threads.filter((t) => t.status === "merged").length).toBeGreaterThan(3);
    for (const s of ["awaiting_ack", "acknowledged", "answered", "resolved", "closed", "reopened"])
      expect(
        raw.threads.some((t) => t.status === s),
        s,
      ).toBe(true);
    for (const o of CALLBACK_OUTCOMES) expect(raw.callbacks.some((c) => c.outcome === o)).toBe(true);
    const rated = raw.ratings.filter((r) => r.overall != null).map((r) => r.threadId);
    expect(new Set(rated).size).toBeLessThan(rated.length); // some complaint was scored twice
    for (const p of PERIODS) {
      const r = recount(p, NOW);
      expect(r.totals.complaints, p.key).toBeGreaterThan(5);
      expect(r.totals.answers.decided - r.totals.answers.onTime, p.key).toBeGreaterThan(0);
      expect(r.perDepartment.find((d) => d.department === null)!.complaints, p.key).toBeGreaterThan(0);
    }
    const june = recount(PERIODS[2]!, NOW);
    expect(june.totals.promises.decided - june.totals.promises.onTime).toBeGreaterThan(0);
    expect(june.satisfaction.scored).toBeGreaterThan(3);
    expect(raw.ratings.filter((r) => r.overall == null && within(r.createdAt, PERIODS[2]!)).length).toBeGreaterThan(2);
    expect(june.perDepartment.some((d) => d.department === "legacy")).toBe(true);
  });

  for (const p of PERIODS) {
    describe(`${p.kind} ${p.key}`, () => {
      const pair = async () => ({ report: await complaintReport(p, NOW), expected: recount(p, NOW) });

      it("per project, with its regional company", async () => {
        const { report, expected } = await pair();
        expect(report.perProject).toEqual(expected.perProject);
      });

      it("per regional company, a row for projects without one, and the totals", async () => {
        const { report, expected } = await pair();
        expect(report.perCompany).toEqual(expected.perCompany);
        expect(report.perCompany.at(-1)!.unit).toBeNull();
        expect(report.totals).toEqual(expected.totals);
      });

      it("per department, a row for no department", async () => {
        const { report, expected } = await pair();
        expect(report.perDepartment).toEqual(expected.perDepartment);
      });

      it("every missed deadline, and as many as the on-time figures leave missing", async () => {
        const { report, expected } = await pair();
        expect(
          report.breaches.map(({ threadId, kind, round, deadline, lateByMs, stillOpen }) => ({ threadId, kind, round, deadline, lateByMs, stillOpen })),
        ).toEqual(expected.breaches);
        for (const [kind, o] of [
          ["answer", report.totals.answers],
          ["promise", report.totals.promises],
        ] as const)
          expect(report.breaches.filter((b) => b.kind === kind)).toHaveLength(o.decided - o.onTime);
      });

      it("serious complaints and satisfaction", async () => {
        const { report, expected } = await pair();
        expect(report.serious.map((s) => s.id)).toEqual(expected.serious);
        expect(report.satisfaction).toEqual(expected.satisfaction);
      });
    });
  }

  it("a month is the sum of its days: the weeks inside June and the parts of the weeks at its edges", async () => {
    // Complaints counted by the month equal those of ranges that tile it.
    const june = PERIODS[2]!;
    const cuts = [june.from, reportPeriod("2026-W24", TZ)!.from, reportPeriod("2026-W26", TZ)!.from, june.to];
    const parts = await Promise.all(cuts.slice(1).map((to, i) => complaintReport({ from: cuts[i]!, to }, NOW)));
    const month = await complaintReport(june, NOW);
    for (const k of ["complaints", "valid", "closed"] as const) expect(parts.reduce((n, r) => n + r.totals[k], 0)).toBe(month.totals[k]);
    for (const k of ["answers", "promises"] as const)
      for (const f of ["decided", "onTime"] as const) expect(parts.reduce((n, r) => n + r.totals[k][f], 0)).toBe(month.totals[k][f]);
    expect(parts.reduce((n, r) => n + r.breaches.length, 0)).toBe(month.breaches.length);
  });
});
