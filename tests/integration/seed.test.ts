// The demo data, on a seeded database: what the README promises, every state the model
// knows, twelve months of history, and complaints that each say their own things.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { summarizeClock, type ClockFacts } from "../../app/lib/clock";
import { getDb } from "../../app/lib/db.server";
import { COMPLAINT_TYPES, THREAD_STATUSES, CALLBACK_OUTCOMES, SEVERITIES } from "../../app/lib/domain";
import { lastTwelveMonths } from "../../app/lib/periods";
import { verifyLogin } from "../../app/models/users.server";
import { isDatabaseEmpty, seedDemoData } from "../../db/seed";
import { DEMO_ACCOUNTS } from "../../db/seed-content";
import {
  callbacks,
  orgRecipients,
  orgUnits,
  posts,
  projects,
  promiseRecords,
  threadClocks,
  threadEvents,
  threadRatings,
  threads,
  users,
} from "../../db/schema";

const NOW = Date.UTC(2026, 10, 23, 6, 0);
const TZ = "Asia/Shanghai";
let topicOf = new Map<number, string>();

beforeAll(async () => {
  expect(await isDatabaseEmpty()).toBe(true);
  const result = await seedDemoData(NOW);
  expect(result.seeded).toBe(true);
  if (result.seeded) topicOf = result.topicOf;
}, 120_000);

describe("demo data", () => {
  it("has what the README promises: projects in several cities, every type, the demo logins", async () => {
    const db = getDb();
    const cities = await db.select({ city: projects.city }).from(projects).groupBy(projects.city).all();
    expect((await db.select().from(projects).all()).length).toBeGreaterThanOrEqual(4);
    expect(cities.length).toBeGreaterThanOrEqual(2);
    const all = await db.select().from(threads).all();
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(topicOf.size).toBe(all.length);
    expect(new Set(all.map((t) => t.complaintType))).toEqual(new Set(COMPLAINT_TYPES));
    expect(all.every((t) => t.createdAt < NOW)).toBe(true);
    for (const a of DEMO_ACCOUNTS) expect(await verifyLogin(a.email, a.password)).not.toBeNull();
    const staff = (await db
      .select()
      .from(users)
      .where(sql`${users.email} = 'staff@example.com'`)
      .get())!;
    const unit = (await db
      .select()
      .from(orgUnits)
      .where(sql`${orgUnits.id} = ${staff.unitId}`)
      .get())!;
    expect(unit.kind).toBe("regional");
  });

  it("has regional companies with their recipients, every project assigned, staff in every unit", async () => {
    const db = getDb();
    const regional = await db
      .select()
      .from(orgUnits)
      .where(sql`${orgUnits.kind} = 'regional'`)
      .all();
    expect(regional.length).toBeGreaterThanOrEqual(2);
    const recipients = await db.select().from(orgRecipients).all();
    for (const u of regional)
      for (const purpose of ["reports", "escalations", "briefings"])
        expect(
          recipients.some((r) => r.unitId === u.id && r.purpose === purpose && r.address.endsWith("@example.com")),
          `${u.name} ${purpose}`,
        ).toBe(true);
    const ps = await db.select().from(projects).all();
    expect(ps.every((p) => regional.some((u) => u.id === p.unitId))).toBe(true);
    const staff = await db
      .select()
      .from(users)
      .where(sql`${users.role} in ('staff', 'admin')`)
      .all();
    for (const u of [...regional.map((r) => r.id), 1]) expect(staff.some((s) => s.unitId === u)).toBe(true);
  });

  it("has complaints in every status, handed up to headquarters, triaged with every severity and an invalid one with its reason", async () => {
    const all = await getDb().select().from(threads).all();
    for (const s of THREAD_STATUSES)
      expect(
        all.some((t) => t.status === s),
        s,
      ).toBe(true);
    expect(all.some((t) => t.holder === "hq")).toBe(true);
    expect(all.some((t) => t.holder === "regional")).toBe(true);
    for (const s of SEVERITIES)
      expect(
        all.some((t) => t.severity === s),
        `severity ${s}`,
      ).toBe(true);
    const invalid = all.filter((t) => t.validity === "invalid");
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.every((t) => (t.invalidReason ?? "").length > 10)).toBe(true);
    expect(all.filter((t) => t.department != null).length).toBeGreaterThan(all.length * 0.9);
    expect(all.some((t) => t.relatedFactorId != null)).toBe(true);
  });

  it("has every clock state now, and promises met, missed, running and broken", async () => {
    const db = getDb();
    const clocks = await db.select().from(threadClocks).all();
    const states = new Set<string>();
    for (const t of await db.select().from(threads).all())
      for (const id of [t.ackClockId, t.answerClockId, t.promiseClockId]) {
        const c = clocks.find((x) => x.id === id);
        if (c) states.add(summarizeClock(c as ClockFacts, NOW).state);
      }
    expect([...states].sort()).toEqual(["closed", "due-soon", "met", "missed", "overdue", "pending"]);
    const promises = clocks.filter((c) => c.kind === "promise");
    expect(promises.some((c) => c.metAt != null && c.metAt <= c.deadline)).toBe(true); // kept on time
    expect(promises.some((c) => c.metAt != null && c.metAt > c.deadline)).toBe(true); // kept late
    expect(promises.some((c) => c.metAt == null && c.closedAt == null && c.deadline > NOW)).toBe(true); // running
    const broken = promises.filter((c) => c.metAt == null && c.breachedAt != null);
    expect(broken.some((c) => c.closedAt == null)).toBe(true); // broken, still open
    expect(broken.some((c) => c.closeReason === "broken")).toBe(true); // broken, and the author reopened it
    const notDelivered = await db
      .select()
      .from(threadEvents)
      .where(sql`${threadEvents.kind} = 'not_delivered'`)
      .all();
    expect(notDelivered.length).toBeGreaterThan(0);
    // Every breach was recorded when the scheduler would have: within its minute.
    const breached = clocks.filter((c) => c.breachedAt != null);
    expect(breached.length).toBeGreaterThan(0);
    expect(breached.every((c) => c.breachedAt! >= c.deadline && c.breachedAt! <= c.deadline + 60_000)).toBe(true);
    // Every promise staff record as kept has its public proof, and met its clock then.
    for (const r of await db.select().from(promiseRecords).all()) {
      expect(r.note.length).toBeGreaterThan(10);
      expect(promises.find((c) => c.id === r.clockId)!.metAt).toBe(r.createdAt);
    }
  });

  it("has call-backs of each outcome, closed complaints with overall scores, a merge and a hidden reply", async () => {
    const db = getDb();
    const calls = await db.select().from(callbacks).all();
    for (const o of CALLBACK_OUTCOMES)
      expect(
        calls.some((c) => c.outcome === o),
        o,
      ).toBe(true);
    const all = await db.select().from(threads).all();
    // An unreachable owner leaves the complaint awaiting its call-back.
    const lastCall = new Map<number, string>();
    for (const c of calls) lastCall.set(c.threadId, c.outcome);
    expect(all.some((t) => t.status === "resolved" && lastCall.get(t.id) === "unreachable")).toBe(true);
    const ratings = await db.select().from(threadRatings).all();
    expect(ratings.length).toBeGreaterThan(20);
    expect(ratings.every((r) => r.overall != null && r.overall >= 1 && r.overall <= 5)).toBe(true);
    expect(new Set(ratings.map((r) => r.overall)).size).toBeGreaterThanOrEqual(3);
    const merged = all.filter((t) => t.mergedIntoId != null);
    expect(merged.length).toBeGreaterThan(0);
    for (const m of merged) expect(all.find((t) => t.id === m.mergedIntoId)!.projectId).toBe(m.projectId);
    const mergeEvents = await db
      .select()
      .from(threadEvents)
      .where(sql`${threadEvents.kind} = 'merged_into'`)
      .all();
    expect(mergeEvents.every((e) => (e.note ?? "").length > 5)).toBe(true);
    const hidden = await db
      .select()
      .from(posts)
      .where(sql`${posts.hiddenAt} is not null`)
      .all();
    expect(hidden.some((p) => p.kind === "reply" && /\d{3} ?\d{4} ?\d{4}/.test(p.bodyMarkdown) && !!p.hiddenReason && !!p.hiddenBy)).toBe(true);
  });

  it("has complaints in each of the last twelve months, and nothing before what it answers or after now", async () => {
    const db = getDb();
    const all = await db.select().from(threads).all();
    for (const m of lastTwelveMonths(NOW, TZ)) expect(all.filter((t) => t.createdAt >= m.from && t.createdAt < m.to).length, m.key).toBeGreaterThan(0);
    // Apart from the month just begun, every month is full enough for the charts and reports.
    for (const m of lastTwelveMonths(NOW, TZ).slice(0, 11))
      expect(all.filter((t) => t.createdAt >= m.from && t.createdAt < m.to).length, m.key).toBeGreaterThanOrEqual(20);
    const created = new Map(all.map((t) => [t.id, t.createdAt]));
    for (const p of await db.select().from(posts).all()) expect(p.createdAt).toBeGreaterThanOrEqual(created.get(p.threadId)!);
    for (const e of await db.select().from(threadEvents).all()) {
      expect(e.createdAt).toBeGreaterThanOrEqual(created.get(e.threadId)!);
      expect(e.createdAt).toBeLessThan(NOW);
    }
    for (const c of await db.select().from(callbacks).all()) expect(c.calledAt).toBeGreaterThan(created.get(c.threadId)!);
  });

  it("never uses one reply, official post or comment on complaints of different topics, or of different types", async () => {
    const db = getDb();
    const all = await db.select().from(threads).all();
    const typeOf = new Map(all.map((t) => [t.id, t.complaintType]));
    const texts: { threadId: number; text: string; what: string }[] = [
      ...(
        await db
          .select()
          .from(posts)
          .where(sql`${posts.kind} <> 'opening'`)
          .all()
      ).map((p) => ({ threadId: p.threadId, text: p.bodyMarkdown, what: p.kind })),
      ...(await db.select().from(threadRatings).all())
        .filter((r) => r.comment)
        .map((r) => ({ threadId: r.threadId, text: r.comment!, what: "rating comment" })),
      ...(await db.select().from(callbacks).all()).filter((c) => c.note).map((c) => ({ threadId: c.threadId, text: c.note!, what: "call-back note" })),
      ...(await db.select().from(promiseRecords).all()).map((r) => ({ threadId: r.threadId, text: r.note, what: "promise kept" })),
      ...(await db.select().from(threadEvents).all()).filter((e) => e.note).map((e) => ({ threadId: e.threadId, text: e.note!, what: `${e.kind} note` })),
    ];
    expect(texts.length).toBeGreaterThan(1000);
    const topicsOfText = new Map<string, Set<string>>();
    const typesOfText = new Map<string, Set<string>>();
    for (const { threadId, text } of texts) {
      (topicsOfText.get(text) ?? topicsOfText.set(text, new Set()).get(text)!).add(topicOf.get(threadId)!);
      (typesOfText.get(text) ?? typesOfText.set(text, new Set()).get(text)!).add(typeOf.get(threadId)!);
    }
    const sharedTopics = [...topicsOfText].filter(([, s]) => s.size > 1).map(([text, s]) => `${[...s].join("/")}: ${text}`);
    expect(sharedTopics).toEqual([]);
    const sharedTypes = [...typesOfText].filter(([, s]) => s.size > 1).map(([text]) => text);
    expect(sharedTypes).toEqual([]);
  });

  it("is written only into an empty database", async () => {
    const before = (await getDb().select().from(threads).all()).length;
    expect((await seedDemoData(NOW)).seeded).toBe(false);
    expect((await getDb().select().from(threads).all()).length).toBe(before);
  });
});
