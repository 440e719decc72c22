// Demo data for a fictional developer. Runs only on an empty database, so it is safe to
// call at every start; `npm run db:seed` runs it by hand.
//
// Twelve months of complaints: the hand-written ones (db/seed-content.ts) and many more
// drawn by a seeded generator, each about one topic (db/topics) whose words it uses for
// its replies, official posts, comments and call-back notes. Every complaint's course is
// planned as timed steps through the real model functions; all steps of all complaints
// then run in time order, with the deadline scheduler caught up before each step, so that
// breaches are recorded when the scheduler would have recorded them.
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { and, isNull, sql } from "drizzle-orm";
import { mailOutbox, projects, threadClocks, users } from "./schema";
import { hashPassword } from "../app/lib/auth.server";
import { engine, getDb, migrateDatabase, sqliteClient, transaction } from "../app/lib/db.server";
import type { ComplaintType, Department, Severity } from "../app/lib/domain";
import { getEnv } from "../app/lib/env.server";
import { dayRange, endOfLocalDay, localDate, localDayKey } from "../app/lib/periods";
import { recordBreaches } from "../app/models/clocks.server";
import { createDraftFactor, publishDraft, reviseFactor, updateDraft, withdrawFactor } from "../app/models/disclosures.server";
import { addMeToo } from "../app/models/me-too.server";
import { hidePost, mergeThread, triageThread } from "../app/models/moderation.server";
import { approveVerification, recordRegisterSigned, refuseVerification, requestVerification, saveOwnerRecord } from "../app/models/owners.server";
import { assignProject, createRegionalUnit, HQ_UNIT_ID, seedHeadquartersRecipients, setRecipients, setStaffUnit } from "../app/models/org.server";
import {
  acknowledgeThread,
  confirmSolved,
  keepPromise,
  postOfficial,
  queueVerdictReminders,
  recordCallback,
  reopenThread,
} from "../app/models/responses.server";
import { createReply, createThread } from "../app/models/threads.server";
import { randomTools } from "./random";
import { demoPhotos, demoPicturesFor, keptPictures } from "./seed-photos";
import { seededRandom } from "./random";
import {
  DEMO_ACCOUNTS,
  DEMO_FACTORS,
  DEMO_OWNERS,
  DEMO_PASSWORDS,
  DEMO_PROJECTS,
  DEMO_STAFF,
  DEMO_THREADS,
  DEMO_UNITS,
  OWNER_SURNAMES,
  OWNERS_PER_PROJECT,
  type After,
  type HandWritten,
  type Path,
  type UnitKey,
} from "./seed-content";
import { fillTopicText, topic as topicByKey, TOPICS, type ProjectSlug, type Topic, type TopicVars } from "./topics";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Generated complaints per day on average, before the month's own rhythm. */
const DAILY_COMPLAINTS = 1.5;
const MONTH_RHYTHM: Record<number, number> = { 1: 0.9, 2: 0.7, 3: 1, 4: 1.1, 5: 1.2, 6: 1.3, 7: 1.3, 8: 1.2, 9: 1.1, 10: 0.9, 11: 1, 12: 1 };
const PROJECT_SHARE: Record<ProjectSlug, number> = { "yunqi-garden": 25, "nanshan-one": 18, "binjiang-li": 25, "qinghe-yuan": 16, "cuihu-bay": 16 };
/** Now and then an owner's title says a little more. */
const TITLE_ENDINGS = [",请尽快处理", ",报修两次都没结果", ",希望公司重视", ",求解决", ",拖了很久了", "!"];
/** The newest generated complaint is this old: the last hours belong to the hand-written ones the browser tests rely on. */
const GENERATED_UNTIL = 12 * HOUR;

export async function isDatabaseEmpty(): Promise<boolean> {
  const db = getDb();
  const u =
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from(users)
        .get()
    )?.n ?? 0;
  const p =
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from(projects)
        .get()
    )?.n ?? 0;
  return u === 0 && p === 0;
}

function must<T extends { ok: boolean }>(result: T, what: string): T {
  if (!result.ok) throw new Error(`demo data: ${what} failed (${(result as { reason?: string }).reason ?? "?"})`);
  return result;
}

type Project = { slug: ProjectSlug; id: number; unitId: number; unitName: string; buildings: number; floors: number; owners: string[] };
type Staff = { id: string; unit: UnitKey; desk: "service" | "engineering" | "supervision"; projects: readonly ProjectSlug[] };

/** One complaint as planned: who, where, when, about what, and its course. */
type Plan = {
  key?: string;
  topic: Topic;
  project: Project;
  title: string;
  body: string;
  createdAt: number;
  authorId: string;
  vars: TopicVars;
  path: Path;
  replyHours: number[];
  meToos: number;
  hiddenReply?: HandWritten["hiddenReply"];
  duplicateOf?: { plan: Plan; afterHours: number; reason: string };
  /** Filled as the steps run. */
  id: number;
};

export type SeedResult = { seeded: false } | { seeded: true; threads: number; topicOf: Map<number, string> };

export async function seedDemoData(now = Date.now()): Promise<SeedResult> {
  if (!(await isDatabaseEmpty())) return { seeded: false };

  // ------------------------------------------------------------ people
  // One hash per password: the demo accounts share them, and hashing is the slow part.
  const hashes = {
    owner: await hashPassword(DEMO_PASSWORDS.owner),
    staff: await hashPassword(DEMO_PASSWORDS.staff),
    admin: await hashPassword(DEMO_PASSWORDS.admin),
  };
  // Everything else in one transaction (the models' own join it): much faster, and a
  // failure leaves the database empty, to be seeded again at the next start.
  if (engine() !== "sqlite") return transaction(() => seedAll(now, hashes));
  // On SQLite the models' few hundred distinct statements run thousands of times here, so
  // they are prepared once each while the seed runs (drizzle prepares on every call).
  const client = sqliteClient();
  const prepare = client.prepare.bind(client);
  const prepared = new Map<string, ReturnType<typeof prepare>>();
  client.prepare = ((source: string) => {
    let stmt = prepared.get(source);
    if (!stmt) prepared.set(source, (stmt = prepare(source)));
    // drizzle switches statements that return rows to raw mode for some calls only.
    else if (stmt.reader) stmt.raw(false);
    return stmt;
  }) as typeof client.prepare;
  try {
    return await transaction(() => seedAll(now, hashes));
  } finally {
    client.prepare = prepare;
  }
}

async function seedAll(now: number, hashes: Record<"owner" | "staff" | "admin", string>): Promise<SeedResult> {
  const db = getDb();
  const env = getEnv();
  const tz = env.SITE_TIME_ZONE;
  const ACK = env.ACK_HOURS;
  const ANSWER = env.ANSWER_HOURS;
  const R = randomTools(seededRandom(20010108));
  const start = now - 365 * DAY;
  const cutoff = now - 2 * MINUTE;
  const userIds = new Map<string, string>();
  const peopleSince = start - 40 * DAY;
  const ownersByProject = new Map<ProjectSlug, string[]>(DEMO_PROJECTS.map((p) => [p.slug, []]));
  await transaction(async (tx) => {
    const add = async (email: string, displayName: string, role: "owner" | "staff" | "admin", createdAt: number) => {
      const id = randomUUID();
      const passwordHash = role === "admin" ? hashes.admin : role === "staff" ? hashes.staff : hashes.owner;
      await tx.insert(users).values({ id, email, displayName, passwordHash, role, createdAt, emailVerifiedAt: createdAt }).run();
      userIds.set(email, id);
      return id;
    };
    for (const s of DEMO_STAFF) {
      const account = DEMO_ACCOUNTS.find((a) => a.email === s.email);
      await add(s.email, s.displayName, account?.role === "admin" ? "admin" : "staff", peopleSince);
    }
    for (const o of DEMO_OWNERS) ownersByProject.get(o.project)!.push(await add(o.email, o.displayName, "owner", peopleSince + R.int(0, 30) * DAY));
    // More owners per project, so that "me too" and replies come from many people.
    let n = 0;
    for (const p of DEMO_PROJECTS) {
      const list = ownersByProject.get(p.slug)!;
      while (list.length < OWNERS_PER_PROJECT) {
        n++;
        const name = `${R.pick(OWNER_SURNAMES)}${R.chance(0.5) ? "先生" : "女士"}${R.chance(0.6) ? `(${R.int(1, p.buildings)}栋)` : ""}`;
        list.push(await add(`${p.slug.split("-")[0]}.owner${String(n).padStart(2, "0")}@example.com`, name, "owner", peopleSince + R.int(0, 60) * DAY));
      }
    }
  });
  const adminId = userIds.get("admin@example.com")!;

  // ------------------------------------------------------------ organisation
  const orgAt = start - 30 * DAY;
  await seedHeadquartersRecipients({ hq: env.HQ_EMAIL, escalation: env.ESCALATION_EMAIL }, orgAt);
  const unitIds = new Map<UnitKey, number>([["hq", HQ_UNIT_ID]]);
  const unitNames = new Map<UnitKey, string>([["hq", "集团总部"]]);
  for (const u of DEMO_UNITS) {
    const created = must(await createRegionalUnit(adminId, { slug: u.key, name: u.name }, orgAt), `unit ${u.key}`);
    unitIds.set(u.key, created.ok ? created.id! : 0);
    unitNames.set(u.key, u.name);
    for (const purpose of ["reports", "escalations", "briefings"] as const)
      must(await setRecipients(adminId, unitIds.get(u.key)!, purpose, u.recipients[purpose], orgAt), "recipients");
  }
  const staff: Staff[] = [];
  for (const s of DEMO_STAFF) {
    const id = userIds.get(s.email)!;
    must(await setStaffUnit(adminId, id, unitIds.get(s.unit)!, orgAt), `staff unit ${s.email}`);
    staff.push({ id, unit: s.unit, desk: s.desk, projects: s.projects ?? [] });
  }
  const projectBySlug = new Map<ProjectSlug, Project>();
  for (const p of DEMO_PROJECTS) {
    const row = await db
      .insert(projects)
      .values({ slug: p.slug, name: p.name, city: p.city, address: p.address, createdAt: start - 60 * DAY })
      .returning({ id: projects.id })
      .get();
    must(await assignProject(adminId, row.id, unitIds.get(p.unit)!, orgAt), `project ${p.slug}`);
    projectBySlug.set(p.slug, {
      slug: p.slug,
      id: row.id,
      unitId: unitIds.get(p.unit)!,
      unitName: unitNames.get(p.unit)!,
      buildings: p.buildings,
      floors: p.floors,
      owners: ownersByProject.get(p.slug)!,
    });
  }
  const unitOf = (p: Project) => DEMO_PROJECTS.find((d) => d.slug === p.slug)!.unit;
  const serviceStaff = (p: Project) => R.pick(staff.filter((s) => s.desk === "service" && s.projects.includes(p.slug))).id;
  const engineer = (p: Project) => R.pick(staff.filter((s) => s.desk === "engineering" && s.unit === unitOf(p))).id;
  const supervisors = staff.filter((s) => s.desk === "supervision");
  const supervisor = () => (R.chance(0.8) ? supervisors.find((s) => s.id !== adminId)! : supervisors[0]!).id;

  // ------------------------------------------------------------ disclosures
  const factorIds = new Map<string, number>();
  const publishFactor = async (f: (typeof DEMO_FACTORS)[number], at: number) => {
    const { key, project, publishedDaysAgo: _p, disclosedAnswering: _d, revisions, withdrawn, ...fields } = f;
    const p = projectBySlug.get(project)!;
    const by = serviceStaff(p);
    const base = { ...fields, mitigation: fields.mitigation ?? null, sourceNote: fields.sourceNote ?? null };
    const { factorId, versionId } = await createDraftFactor(p.id, by, base, at - HOUR);
    await publishDraft(versionId, by, at);
    let current = base;
    for (const r of revisions ?? []) {
      const t = now - r.daysAgo * DAY;
      const draft = await reviseFactor(factorId, by, t - HOUR);
      if (!draft.ok) throw new Error("demo revision failed");
      current = { ...current, ...Object.fromEntries(Object.entries(r).filter(([k]) => k !== "daysAgo")) };
      await updateDraft(draft.versionId, by, current, t - HOUR);
      await publishDraft(draft.versionId, by, t);
    }
    if (withdrawn) await withdrawFactor(factorId, by, withdrawn.reason, now - withdrawn.daysAgo * DAY);
    factorIds.set(key, factorId);
  };
  for (const f of DEMO_FACTORS) if (f.publishedDaysAgo != null) await publishFactor(f, now - f.publishedDaysAgo * DAY);

  // ------------------------------------------------------------ the complaints, planned
  const month = (t: number) => localDate(t, tz).month;
  const dayStart = (t: number) => dayRange(localDayKey(t, tz), tz)!.from;
  /**
   * Moves work done at night into working hours: to the next morning, or, if that would be
   * after `latest`, back to the evening before, if that is not before `earliest`. Times are
   * whole milliseconds, as the site's clock gives them.
   */
  const office = (t: number, options: { latest?: number; earliest?: number; from?: number; to?: number } = {}) => Math.round(officeHours(t, options));
  const officeHours = (t: number, { latest = Infinity, earliest = -Infinity, from = 8, to = 21.5 }) => {
    const hour = (t - dayStart(t)) / HOUR;
    if (hour >= from && hour < to) return t;
    const forward = dayStart(hour >= to ? t + DAY : t) + (from + R.between(0, 2)) * HOUR;
    if (forward <= latest) return forward;
    const back = dayStart(hour >= to ? t : t - DAY) + (to - R.between(0.1, 1.5)) * HOUR;
    return back >= earliest && back < t ? back : t;
  };
  /** Owners rarely write between one and half past six in the morning. */
  const awake = (t: number) => office(t, { from: 6.5, to: 25 });
  const drawVars = (p: Project, fixed: HandWritten["vars"] = {}): TopicVars => ({
    b: fixed.b ?? R.int(1, p.buildings),
    u: fixed.u ?? R.int(1, 3),
    r: fixed.r ?? `${R.int(2, p.floors)}0${R.int(1, 4)}`,
    p: fixed.p ?? `${R.pick(["A", "B", "C", "D"])}-${String(R.int(1, 260)).padStart(3, "0")}`,
    unit: p.unitName,
  });
  const drawReplies = (weights: Record<string, number>, spanHours: number) => {
    const n = Number(R.weighted(weights));
    // Most replies come soon after the complaint is posted.
    return Array.from({ length: n }, () => 0.3 + spanHours * R.rand() ** 2).sort((a, b) => a - b);
  };
  const plans: Plan[] = [];
  const byKey = new Map<string, Plan>();

  for (const h of DEMO_THREADS) {
    const t = topicByKey(h.topic);
    const p = projectBySlug.get(h.project)!;
    let createdAt: number;
    if (h.duplicateOf) {
      const target = DEMO_THREADS.find((x) => x.key === h.duplicateOf!.key)!;
      createdAt = byKey.get(target.key)!.createdAt + (target.ageDays - h.ageDays) * DAY;
    } else {
      createdAt = now - h.ageDays * DAY;
      const months = h.months ?? t.months;
      if (months) while (!months.includes(month(createdAt))) createdAt -= 10 * DAY;
      // Older complaints are posted at a plausible hour; the newest keep their exact age.
      if (h.ageDays >= 2) createdAt = Math.round(dayStart(createdAt) + R.between(8, 22.5) * HOUR);
    }
    const author = h.author
      ? userIds.get(h.author)!
      : h.sameAuthorAs
        ? byKey.get(h.sameAuthorAs)!.authorId
        : R.pick(p.owners.filter((id) => id !== userIds.get("owner@example.com")));
    const plan: Plan = {
      key: h.key,
      topic: t,
      project: p,
      title: h.title,
      body: h.body,
      createdAt: Math.round(createdAt),
      authorId: author,
      vars: drawVars(p, h.vars),
      path: h.path,
      replyHours: Array.isArray(h.replies) ? h.replies : drawReplies(h.replies != null ? { [String(h.replies)]: 1 } : { "1": 2, "2": 3, "3": 2 }, 72),
      meToos: h.meToos ?? R.int(0, 3),
      hiddenReply: h.hiddenReply,
      id: 0,
    };
    if (h.duplicateOf) plan.duplicateOf = { plan: byKey.get(h.duplicateOf.key)!, afterHours: h.duplicateOf.afterHours, reason: h.duplicateOf.reason };
    plans.push(plan);
    byKey.set(h.key, plan);
  }

  // Generated complaints, day by day over the year, fewer in the Spring Festival month and
  // more in the rainy season; the company gets better at its clocks as the year goes on.
  const recentByTopic = new Map<string, Plan[]>();
  for (let day = dayStart(start + DAY); day < now - GENERATED_UNTIL; day += DAY) {
    const m = month(day + 12 * HOUR);
    const expected = DAILY_COMPLAINTS * MONTH_RHYTHM[m]!;
    let n = Math.floor(expected) + (R.chance(expected - Math.floor(expected)) ? 1 : 0);
    const wobble = R.rand();
    if (wobble < 0.2) n += 1;
    else if (wobble < 0.4 && n > 0) n -= 1;
    for (let i = 0; i < n; i++) {
      const createdAt = Math.round(day + (R.chance(0.75) ? R.between(8, 22) : R.chance(0.7) ? R.between(22, 23.8) : R.between(6.5, 8)) * HOUR);
      if (createdAt >= now - GENERATED_UNTIL) continue;
      const p = projectBySlug.get(R.weighted(PROJECT_SHARE))!;
      const candidates = TOPICS.filter((t) => t.weight > 0 && t.variants.length > 0 && t.projects.includes(p.slug) && (!t.months || t.months.includes(m)));
      const t = candidates[Number(R.weighted(Object.fromEntries(candidates.map((c, k) => [String(k), c.weight]))))]!;
      const variant = R.pick(t.variants);
      const vars = drawVars(p);
      const title = fillTopicText(variant.title, vars);
      const ageDays = (now - createdAt) / DAY;
      const recent = (recentByTopic.get(`${p.slug}/${t.key}`) ?? []).filter((o) => createdAt - o.createdAt < 7 * DAY && !o.duplicateOf);
      const plan: Plan = {
        topic: t,
        project: p,
        title: R.chance(0.35) ? `${title}${R.pick(TITLE_ENDINGS)}` : title,
        body: fillTopicText(variant.body, vars),
        createdAt,
        authorId: R.pick(p.owners),
        vars,
        path: generatedPath(t, ageDays),
        replyHours: drawReplies({ "0": 35, "1": 30, "2": 20, "3": 10, "4": 5 }, 96),
        meToos: Number(R.weighted({ "0": 45, "1": 25, "2": 15, "3": 8, "5": 5, "8": 2 })),
        id: 0,
      };
      // Now and then someone posts the same problem again: staff merge it into the first.
      const original = recent.find((o) => o.authorId !== plan.authorId);
      if (original && R.chance(0.25)) {
        plan.duplicateOf = { plan: original, afterHours: R.between(0.4, 8), reason: `与 #{target} 反映的是同一问题(${t.subject}),合并到原帖统一处理和答复。` };
        plan.replyHours = [];
        plan.meToos = 0;
      }
      plans.push(plan);
      const list = recentByTopic.get(`${p.slug}/${t.key}`) ?? [];
      list.push(plan);
      recentByTopic.set(`${p.slug}/${t.key}`, list.slice(-5));
    }
  }

  function generatedPath(t: Topic, ageDays: number): Path {
    const age = Math.min(1, ageDays / 365);
    const ack = R.chance(0.03 + 0.07 * age) ? "late" : "onTime";
    const late = R.chance(0.04 + 0.12 * age);
    const progress = Number(R.weighted({ "0": 50, "1": 35, "2": 15 }));
    if (t.invalid && R.chance(t.invalid.share))
      return {
        ack,
        answer: late ? "late" : "onTime",
        progress,
        invalid: true,
        solution: "done",
        after: R.weighted<After>({ callbackOk: 5, confirm: 3, none: 1 }),
      };
    // A fix done within hours may be answered as done; a longer one gets a date.
    const fix = R.chance(0.15) ? 1 : 0;
    const quick = t.fixes[fix].days[0] <= 3;
    const quickAgain = t.fixes[1 - fix]!.days[0] <= 3;
    const solution = quick ? (R.chance(0.55) ? "done" : "dated") : R.chance(0.04) ? "done" : "dated";
    return {
      ack,
      progress,
      answer: late || (solution === "done" && !quick) ? "late" : "onTime",
      solution,
      fix,
      promise: R.weighted({ kept: 74, keptLate: 12, brokenReopened: 6, broken: ageDays < 45 ? 5 : 0 }),
      after: R.weighted<After>({
        callbackOk: 42,
        confirm: 30,
        callbackNo: 6,
        unreachableThenOk: 7,
        unreachable: ageDays < 25 ? 8 : 0,
        reopen: 6,
        none: ageDays < 20 ? 4 : 1,
      }),
      round2: {
        solution: quickAgain && R.chance(0.6) ? "done" : "dated",
        answer: R.chance(0.1) ? "late" : "onTime",
        promise: R.chance(0.88) ? "kept" : "keptLate",
        after: R.weighted<After>({ callbackOk: 6, confirm: 4 }),
      },
    };
  }

  // ------------------------------------------------------------ the complaints' courses, as timed steps
  const steps: { at: number; seq: number; run: () => Promise<void> | void }[] = [];
  const at = (t: number, run: () => Promise<void> | void) => steps.push({ at: Math.round(t), seq: steps.length, run });
  const topicOf = new Map<number, string>();
  const dateLabel = (key: string) => {
    const [, mo, d] = key.split("-");
    return `${Number(mo)}月${Number(d)}日`;
  };

  for (const plan of plans) planSteps(plan);

  function planSteps(plan: Plan) {
    const { topic: t, project: p, path } = plan;
    const c = plan.createdAt;
    const fill = (text: string) => fillTopicText(text, plan.vars);
    const h = (hours: number) => Math.round(c + hours * HOUR);
    const relatedFactor = t.factor?.[p.slug];
    at(c, async () => {
      plan.id = await createThread(
        {
          authorId: plan.authorId,
          projectId: p.id,
          complaintType: t.type as ComplaintType,
          title: plan.title,
          body: plan.body,
          relatedFactorId: relatedFactor ? (factorIds.get(relatedFactor) ?? null) : null,
          photos: await demoPhotos(plan.authorId, demoPicturesFor(t.key), c),
        },
        c,
      );
      topicOf.set(plan.id, t.key);
    });

    // Other owners of the project reply and say "me too".
    const others = R.shuffle(p.owners.filter((id) => id !== plan.authorId));
    const replyTexts = R.shuffle(t.replies);
    plan.replyHours.slice(0, replyTexts.length).forEach((hours, i) => {
      const author = others[i % others.length]!;
      at(h(hours), async () => {
        await createReply({ threadId: plan.id, authorId: author, body: fill(replyTexts[i]!) }, h(hours));
      });
    });
    R.shuffle(others)
      .slice(0, plan.meToos)
      .forEach((userId) => {
        const when = h(R.between(0.2, 120));
        at(when, async () => void must(await addMeToo(plan.id, userId, when), "me too"));
      });
    if (plan.hiddenReply) {
      const hr = plan.hiddenReply;
      const author = others[others.length - 1]!;
      let postId = 0;
      at(h(hr.atHours), async () => void (postId = await createReply({ threadId: plan.id, authorId: author, body: hr.body }, h(hr.atHours))));
      const moderator = serviceStaff(p);
      at(
        h(hr.atHours + hr.hiddenAfterHours),
        async () => void must(await hidePost(postId, moderator, hr.reason, h(hr.atHours + hr.hiddenAfterHours)), "hide post"),
      );
    }

    if (plan.duplicateOf) {
      const target = plan.duplicateOf.plan;
      const when = h(plan.duplicateOf.afterHours);
      const by = serviceStaff(p);
      const reason = plan.duplicateOf.reason;
      at(when, async () => void must(await mergeThread(plan.id, target.id, by, reason.replace("{target}", String(target.id)), when), "merge"));
      return;
    }

    // Acknowledgement (and triage), or headquarters stepping in once it was missed.
    const cs = serviceStaff(p);
    const unitName = p.unitName;
    const triage = {
      complaintType: t.type,
      severity: R.pick(t.severity) as Severity,
      department: t.department as Department,
      assigneeId: t.department === "engineering" ? engineer(p) : cs,
    };
    const triageAt = (when: number, validity: "valid" | "invalid" | null) =>
      at(when, async () => {
        must(await triageThread(plan.id, cs, { ...triage, validity, invalidReason: validity === "invalid" ? t.invalid!.reason : null }, when), "triage");
      });
    const hqNote = (at0: number, text: string, latest = Infinity) => {
      const when = office(at0, { latest });
      const by = supervisor();
      at(when, async () => void must(await postOfficial({ kind: "progress", threadId: plan.id, staffId: by, body: text }, when), "supervision note"));
    };
    const late = { ack: path.ack === "late", answer: path.answer === "late", promise: false, reopened: false };
    if (path.ack === "never") return;
    const ackH = path.ackAt ?? (late.ack ? ACK + R.between(0.4, 5) : 0.1 + (ACK - 0.5) * R.rand() ** 1.7);
    if (late.ack && path.hqNote) {
      hqNote(
        h(ACK + R.between(0.2, Math.max(0.3, ackH - ACK - 0.1))),
        `集团客户关系中心督办:这条关于${t.subject}的投诉未能在 ${ACK} 小时内受理,已通报${unitName},现由集团跟进。${unitName}工作人员今天内会与您联系。`,
        0,
      );
    }
    const ackNote = R.chance(0.75) ? fill(R.pick(t.ack)) : null;
    at(h(ackH), async () => {
      // Headquarters' note may have acknowledged it already.
      await acknowledgeThread({ threadId: plan.id, staffId: cs, note: ackNote }, h(ackH));
    });

    // Triage, progress notes, then the solution.
    let solH =
      path.solutionAt ??
      (late.answer
        ? ANSWER +
          Math.max(
            R.between(1.5, 36),
            path.solution === "done" && t.fixes[path.fix ?? 0].days[0] > 3 ? t.fixes[path.fix ?? 0].days[0] * 24 * R.between(0.6, 1) : 0,
          )
        : ackH + 0.4 + (ANSWER - ackH - 0.8) * R.rand() ** 1.2);
    if (path.solutionAt == null) solH = (office(h(solH), { latest: late.answer ? Infinity : h(ANSWER) - 5 * MINUTE, earliest: h(ackH + 0.4) }) - c) / HOUR;
    const firstAfterAck = path.answer === "never" ? ANSWER : solH;
    // Classified as it is acknowledged; one found not to be the company's doing is judged invalid as it is answered.
    triageAt(h(ackH + R.between(0.03, Math.min(0.5, (firstAfterAck - ackH) / 2))), path.invalid || path.answer === "never" ? null : "valid");
    const window = [ackH + 0.6, solH - 0.2] as const;
    const progressH =
      path.progressAt ??
      (window[1] - window[0] < 0.5
        ? []
        : Array.from(
            { length: Math.min(path.progress ?? 0, t.progress.length) },
            () => (office(h(R.between(window[0], window[1])), { latest: h(solH) - 10 * MINUTE, earliest: h(window[0]) }) - c) / HOUR,
          ).sort((a, b) => a - b));
    progressH.forEach((ph, i) => {
      const by = t.department === "engineering" && R.chance(0.5) ? engineer(p) : cs;
      const body = fill(t.progress[i]!);
      at(h(ph), async () => void must(await postOfficial({ kind: "progress", threadId: plan.id, staffId: by, body }, h(ph)), "progress"));
    });
    if ((path.answer === "late" || path.answer === "never") && path.hqNote && !late.ack) {
      hqNote(
        h(ANSWER + R.between(0.5, 2)),
        `集团客户关系中心督办:${t.subject}未能在 ${ANSWER} 小时内给出解决方案,已通报${unitName}负责人,要求明天中午前在本帖答复具体方案,集团跟进到结案。`,
        path.answer === "never" ? now - HOUR : h(solH) - 10 * MINUTE,
      );
    }
    if (path.answer === "never") return;

    const fixIndex = path.fix ?? 0;
    const solved = (when: number, round: 1 | 2): number | null => {
      // Posts a solution at `when`; returns when it is delivered (null: not within this plan).
      const fix = t.fixes[round === 1 ? fixIndex : 1 - fixIndex]!;
      const r2 = path.round2 ?? {};
      const kind = round === 1 ? (path.solution ?? "dated") : (r2.solution ?? "dated");
      if (round === 1 && path.invalid) triageAt(when - 2 * MINUTE, "invalid");
      if (round === 1) {
        // A factor the company had failed to disclose is disclosed as it answers.
        const owed = DEMO_FACTORS.find((f) => f.disclosedAnswering && f.disclosedAnswering === plan.key);
        if (owed) at(when - 20 * MINUTE, () => publishFactor(owed, when - 20 * MINUTE));
      }
      const by = cs;
      if (path.invalid && round === 1) {
        const body = fill(t.invalid!.answer);
        at(
          when,
          async () => void must(await postOfficial({ kind: "solution", threadId: plan.id, staffId: by, body, promisedDate: null }, when), "invalid answer"),
        );
        return when;
      }
      if (kind === "done") {
        const body = fill(fix.done);
        at(
          when,
          async () => void must(await postOfficial({ kind: "solution", threadId: plan.id, staffId: by, body, promisedDate: null }, when), "solution (done)"),
        );
        return when;
      }
      const days = round === 1 && path.promiseDays != null ? path.promiseDays : R.int(fix.days[0], fix.days[1]);
      const date = localDayKey(when + days * DAY, tz);
      const deadline = endOfLocalDay(date, tz)!;
      const vars = { ...plan.vars, date: dateLabel(date) };
      const body = fillTopicText(fix.plan, vars);
      at(
        when,
        async () => void must(await postOfficial({ kind: "solution", threadId: plan.id, staffId: by, body, promisedDate: date }, when), "solution (dated)"),
      );
      const outcome = round === 1 ? path.promise : (r2.promise ?? "kept");
      const note = fillTopicText(fix.kept, vars);
      if (outcome === "kept") {
        const keptAt = office(when + Math.max(HOUR, (deadline - when) * R.between(0.45, 0.95)), { latest: deadline - HOUR, earliest: when + HOUR });
        at(
          keptAt,
          async () =>
            void must(
              await keepPromise({ threadId: plan.id, staffId: by, note, photos: await demoPhotos(by, keptPictures(plan.topic.key), keptAt) }, keptAt),
              "keep promise",
            ),
        );
        return keptAt;
      }
      if (outcome === "keptLate") {
        late.promise = true;
        const keptAt = office(deadline + R.between(0.4, 6) * DAY);
        at(keptAt, async () => void must(await keepPromise({ threadId: plan.id, staffId: by, note }, keptAt), "keep promise late"));
        return keptAt;
      }
      if (outcome === "broken") {
        late.promise = true;
        if (path.hqNote || R.chance(0.6))
          hqNote(
            deadline + R.between(0.5, 2) * DAY,
            `集团客户关系中心督办:${t.subject}承诺的${dateLabel(date)}已过,尚未兑现。已要求${unitName}说明原因并在三天内给出新的完成日期,集团跟进到结案。`,
          );
        return null;
      }
      if (outcome === "brokenReopened") {
        late.promise = true;
        late.reopened = true;
        const reopenAt = awake(deadline + R.between(0.3, 2.5) * DAY);
        const comment = fillTopicText(R.pick(t.notDelivered), vars);
        const author = plan.authorId;
        at(reopenAt, async () => void must(await reopenThread({ threadId: plan.id, userId: author, comment, notDelivered: true }, reopenAt), "not delivered"));
        secondRound(reopenAt);
        return null;
      }
      // No outcome: the promise is still running.
      return null;
    };

    const secondRound = (reopenedAt: number) => {
      const r2 = path.round2 ?? {};
      if (r2.answer === "never") return;
      const lateAgain = r2.answer === "late";
      const when = office(reopenedAt + (lateAgain ? ANSWER + R.between(1, 20) : R.between(1, ANSWER - 0.5)) * HOUR, {
        latest: lateAgain ? Infinity : reopenedAt + ANSWER * HOUR - 5 * MINUTE,
        earliest: reopenedAt + HOUR,
      });
      const delivered = solved(when, 2);
      if (delivered != null) afterDelivery(delivered, r2.after ?? "callbackOk", 2);
    };

    const ratings = (overallGiven?: number) => {
      const slow = late.ack || late.answer || late.promise;
      const base = overallGiven ?? Math.max(1, Math.min(5, 5 - (slow ? 1 : 0) - (late.reopened ? 1 : 0) - (path.invalid ? 2 : 0) + R.int(-1, 0)));
      const near = (d: number) => Math.max(1, Math.min(5, base + d + R.int(-1, 1)));
      const overall = base;
      const comment = R.chance(0.7) ? fill(R.pick(overall >= 4 ? t.praise : t.grumble)) : null;
      return { overall, attitude: near(0), speed: near(slow ? -1 : 0), result: near(0), comment };
    };
    /** Records a call-back around `around`, at the hour its note implies; returns when. */
    const callback = (around: number, outcome: "satisfied" | "not_satisfied" | "unreachable") => {
      const note =
        outcome === "unreachable"
          ? R.pick([`${t.subject}回访:电话两次无人接听,已发短信说明,将另约时间再联系。`, `${t.subject}回访:业主电话关机,已在本帖留言,明天再联系。`])
          : fill(R.pick(outcome === "satisfied" ? t.callbackOk : t.callbackNo));
      const when = /夜间/.test(note)
        ? office(around, { from: 19.5, to: 22 })
        : /早高峰/.test(note)
          ? office(around, { from: 7.5, to: 8.8 })
          : office(around, { from: 9, to: 20 });
      const method = /座谈会/.test(note)
        ? "event"
        : /上门|现场|夜间|雪后|早高峰|周末/.test(note)
          ? "visit"
          : /电话/.test(note) || R.chance(0.85)
            ? "phone"
            : "online";
      const isPublic = outcome !== "unreachable" && R.chance(0.65);
      const by = cs;
      at(
        when,
        async () =>
          void must(await recordCallback({ threadId: plan.id, staffId: by, calledAt: when, method, outcome, note, isPublic }, when), `callback ${outcome}`),
      );
      return when;
    };
    const afterDelivery = (delivered: number, after: After, round: 1 | 2) => {
      switch (after) {
        case "confirm": {
          const when = awake(delivered + R.between(0.2, 4) * DAY);
          const given = ratings(path.overall);
          const author = plan.authorId;
          at(when, async () => void must(await confirmSolved({ threadId: plan.id, userId: author, ratings: given }, when), "confirm"));
          break;
        }
        case "callbackOk":
          callback(delivered + R.between(0.5, 4) * DAY, "satisfied");
          break;
        case "callbackNo": {
          const when = callback(delivered + R.between(0.5, 4) * DAY, "not_satisfied");
          if (round === 1) {
            late.reopened = true;
            secondRound(when);
          }
          break;
        }
        case "unreachable":
          callback(delivered + R.between(0.5, 3) * DAY, "unreachable");
          break;
        case "unreachableThenOk": {
          const first = callback(delivered + R.between(0.5, 3) * DAY, "unreachable");
          callback(first + R.between(1, 4) * DAY, "satisfied");
          break;
        }
        case "reopen": {
          if (round === 2) break;
          const when = path.reopenAt != null ? h(path.reopenAt) : awake(delivered + R.between(2, 20) * DAY);
          const comment = fill(R.pick(t.reopen));
          const author = plan.authorId;
          at(when, async () => void must(await reopenThread({ threadId: plan.id, userId: author, comment }, when), "reopen"));
          late.reopened = true;
          secondRound(when);
          break;
        }
        case "none":
          break;
      }
    };

    const delivered = solved(h(solH), 1);
    if (delivered != null) afterDelivery(delivered, path.after ?? (path.invalid ? "callbackOk" : "none"), 1);
  }

  // ------------------------------------------------------------ run them in time order
  // The scheduler, as it would have run every minute: breaches recorded a minute after
  // their deadline, verdict reminders once a day.
  // Asked before every step, on the scheduler's own index.
  const nextDue = async () =>
    (
      await db
        .select({ d: sql<number | null>`min(${threadClocks.deadline})` })
        .from(threadClocks)
        .where(and(isNull(threadClocks.metAt), isNull(threadClocks.closedAt), isNull(threadClocks.breachedAt)))
        .get()
    )?.d ?? null;
  let nextReminders = dayStart(start) + DAY + 9 * HOUR;
  const schedulerUntil = async (t: number) => {
    for (let d = await nextDue(); d != null && d <= t; d = await nextDue()) if ((await recordBreaches(Math.min(d + MINUTE, t))) === 0) break;
    for (; nextReminders <= t; nextReminders += DAY) await queueVerdictReminders(nextReminders);
  };
  steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const step of steps) {
    if (step.at >= cutoff) continue;
    await schedulerUntil(step.at);
    await step.run();
  }
  await schedulerUntil(cutoff);

  await seedOwnerRecords(now, tz, userIds, projectBySlug);

  // Demo notifications stay unsent: they were "sent" in the past.
  await db.update(mailOutbox).set({ status: "suppressed", lastError: "demo data" }).run();
  return { seeded: true, threads: topicOf.size, topicOf };
}

/**
 * Owners' private records: some verified (their request approved by their project's
 * customer service), one request waiting, one refused, purchase dates, a pseudonym, a
 * register signed at the sales office. Written after the complaints, so that no flag or
 * page seen while they ran depends on them.
 */
async function seedOwnerRecords(now: number, tz: string, userIds: Map<string, string>, projectBySlug: Map<ProjectSlug, Project>) {
  const day = (daysAgo: number) => localDayKey(now - daysAgo * DAY, tz);
  const user = (email: string) => userIds.get(email)!;
  type Demo = {
    owner: string;
    project: ProjectSlug;
    record: { building?: string; unit?: string; phone?: string; purchaseDate?: string; pseudonym?: string };
    request?: { contract: string; daysAgo: number; decision?: { by: string; daysAgo: number; refused?: string } };
    register?: { by: string; signedDaysAgo: number };
  };
  const demos: Demo[] = [
    {
      owner: "owner@example.com",
      project: "yunqi-garden",
      record: { building: "3栋", unit: "1202", phone: "138 2651 0472", purchaseDate: day(640) },
      request: { contract: "CW-YQ-2024-031202", daysAgo: 300, decision: { by: "staff@example.com", daysAgo: 299 } },
      register: { by: "staff@example.com", signedDaysAgo: 640 },
    },
    {
      owner: "song.jie@example.com",
      project: "cuihu-bay",
      record: { building: "6栋", unit: "2单元1503", phone: "024-2378 6615", purchaseDate: day(420), pseudonym: "翠湖湾老宋" },
      request: { contract: "CW-CH-2025-061503", daysAgo: 210, decision: { by: "gao.sy@example.com", daysAgo: 208 } },
    },
    {
      owner: "li.na@example.com",
      project: "yunqi-garden",
      record: { building: "7栋", unit: "803", phone: "+86 139 0265 1187", purchaseDate: day(95) },
      request: { contract: "CW-YQ-2026-070803", daysAgo: 2 },
    },
    {
      owner: "wang.jun@example.com",
      project: "nanshan-one",
      record: { building: "2栋", unit: "3101" },
      request: {
        contract: "NS-2025-3101",
        daysAgo: 40,
        decision: { by: "xu.sz@example.com", daysAgo: 38, refused: "合同编号与房号登记信息不符,请核对购房合同后重新提交。" },
      },
    },
    {
      owner: "xu.jing@example.com",
      project: "binjiang-li",
      record: { building: "11栋", unit: "1704", phone: "186 7102 4439", purchaseDate: day(510) },
      request: { contract: "CW-BJL-2024-111704", daysAgo: 150, decision: { by: "zheng.wh@example.com", daysAgo: 149 } },
    },
  ];
  // A few of the generated owners too: the last of each project's list, verified.
  const services: Record<ProjectSlug, string> = {
    "yunqi-garden": "xu.sz@example.com",
    "nanshan-one": "xu.sz@example.com",
    "binjiang-li": "zheng.wh@example.com",
    "qinghe-yuan": "ma.bj@example.com",
    "cuihu-bay": "gao.sy@example.com",
  };
  const emailOf = new Map([...userIds].map(([email, id]) => [id, email]));
  let n = 0;
  for (const [slug, p] of projectBySlug) {
    n++;
    demos.push({
      owner: emailOf.get(p.owners.at(-1)!)!,
      project: slug,
      record: { building: `${(n % p.buildings) + 1}栋`, unit: `${n + 4}0${n}`, purchaseDate: day(300 + 40 * n) },
      request: { contract: `CW-${slug.slice(0, 2).toUpperCase()}-2025-00${n}`, daysAgo: 100 + n, decision: { by: services[slug], daysAgo: 99 + n } },
    });
  }
  for (const d of demos) {
    const projectId = projectBySlug.get(d.project)!.id;
    const owner = user(d.owner);
    const createdAt = now - (d.request?.daysAgo ?? 30) * DAY - HOUR;
    must(await saveOwnerRecord(owner, projectId, d.record, createdAt), `owner record ${d.owner}`);
    if (d.request) {
      const asked = must(
        await requestVerification(owner, projectId, { contractNumber: d.request.contract }, now - d.request.daysAgo * DAY),
        "verification request",
      );
      const decision = d.request.decision;
      if (asked.ok && decision) {
        const at = now - decision.daysAgo * DAY;
        must(
          decision.refused
            ? await refuseVerification(user(decision.by), asked.id, decision.refused, at)
            : await approveVerification(user(decision.by), asked.id, at),
          "verification decision",
        );
      }
    }
    if (d.register) must(await recordRegisterSigned(user(d.register.by), owner, projectId, day(d.register.signedDaysAgo), createdAt), "register signed");
  }
}

// `npm run db:seed`
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await migrateDatabase();
  const started = Date.now();
  const result = await seedDemoData();
  console.log(result.seeded ? `Seeded ${result.threads} demo threads in ${Date.now() - started} ms.` : "The database is not empty; nothing seeded.");
}
