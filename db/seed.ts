// Demo data for a fictional developer. Runs only on an empty database, so it is
// safe to call at every start; `npm run db:seed` runs it by hand.
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { mailOutbox, projects, users } from "./schema";
import { getDb, migrateDatabase, transaction } from "../app/lib/db.server";
import { recordBreaches } from "../app/models/clocks.server";
import { createDraftFactor, publishDraft, reviseFactor, updateDraft, withdrawFactor } from "../app/models/disclosures.server";
import { acknowledgeThread, postOfficial, reopenThread, confirmSolved } from "../app/models/responses.server";
import { createReply, createThread } from "../app/models/threads.server";
import { createUser } from "../app/models/users.server";
import {
  DEMO_ACK_NOTES,
  DEMO_RATING_COMMENTS,
  DEMO_FACTORS,
  DEMO_REOPEN_COMMENTS,
  DEMO_ACCOUNTS,
  DEMO_OWNER_REPLIES,
  DEMO_OWNERS,
  DEMO_PASSWORDS,
  DEMO_PROJECTS,
  DEMO_STAFF_REPLIES,
  DEMO_THREADS,
} from "./seed-content";
import { seededRandom } from "./random";

const HOUR = 3_600_000;

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

export async function seedDemoData(now = Date.now()) {
  const db = getDb();
  if (!(await isDatabaseEmpty())) return { seeded: false };
  const rand = seededRandom(20010108);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  const accounts: Record<string, string> = {};
  for (const a of DEMO_ACCOUNTS) {
    const u = await createUser({ ...a, emailVerified: true }, now - 30 * 24 * HOUR);
    accounts[a.role] = u.id;
  }
  const ownerIds = [accounts.owner!];
  for (const o of DEMO_OWNERS) {
    const u = await createUser({ ...o, password: DEMO_PASSWORDS.owner, emailVerified: true }, now - 28 * 24 * HOUR);
    ownerIds.push(u.id);
  }
  const staffIds = [accounts.staff!, accounts.admin!];

  const projectIds = new Map<string, number>();
  await transaction(async (tx) => {
    for (const p of DEMO_PROJECTS) {
      const row = await tx
        .insert(projects)
        .values({ ...p, createdAt: now - 400 * 24 * HOUR })
        .returning({ id: projects.id })
        .get();
      projectIds.set(p.slug, row.id);
    }
  });

  // Each project's disclosures, with a revision or a withdrawal here and there.
  const DAY = 24 * HOUR;
  const factorIds = new Map<string, number>();
  for (const f of DEMO_FACTORS) {
    const { key, project, publishedDaysAgo, revisions, withdrawn, ...fields } = f;
    const base = { ...fields, mitigation: fields.mitigation ?? null, sourceNote: fields.sourceNote ?? null };
    const t0 = now - publishedDaysAgo * DAY;
    const { factorId, versionId } = await createDraftFactor(projectIds.get(project)!, accounts.staff!, base, t0 - HOUR);
    await publishDraft(versionId, accounts.staff!, t0);
    let current = base;
    for (const r of revisions ?? []) {
      const at = now - r.daysAgo * DAY;
      const draft = await reviseFactor(factorId, accounts.staff!, at - HOUR);
      if (!draft.ok) throw new Error("demo revision failed");
      current = { ...current, ...Object.fromEntries(Object.entries(r).filter(([k]) => k !== "daysAgo")) };
      await updateDraft(draft.versionId, accounts.staff!, current, at - HOUR);
      await publishDraft(draft.versionId, accounts.staff!, at);
    }
    if (withdrawn) await withdrawFactor(factorId, accounts.staff!, withdrawn.reason, now - withdrawn.daysAgo * DAY);
    factorIds.set(key, factorId);
  }

  // Oldest first, spread over the past two weeks. The company's record is mixed on purpose:
  // most complaints answered on time, some late, a few ignored, so every clock state shows.
  const SCENARIOS = ["answered", "resolved", "ackLate", "answered", "answerLate", "ignored", "resolved", "reopened", "answered", "acknowledged"] as const;
  // The five newest threads show running clocks: pending, due soon, overdue.
  const RECENT: { ageHours: number; ackAfterHours?: number }[] = [
    { ageHours: 20, ackAfterHours: 2 }, // answer overdue
    { ageHours: 11.4, ackAfterHours: 1 }, // answer due soon
    { ageHours: 5 }, // acknowledgement overdue
    { ageHours: 2.2 }, // acknowledgement due soon
    { ageHours: 0.15 }, // both pending
  ];
  const count = DEMO_THREADS.length;
  const staff = () => pick(staffIds);
  const before = (t: number) => t < now - 5 * 60_000;

  for (const [i, t] of DEMO_THREADS.entries()) {
    const recent = RECENT[i - (count - RECENT.length)];
    const ageHours = recent ? recent.ageHours : 30 + ((count - RECENT.length - i) / count) * 13 * 24 * (0.7 + rand() * 0.3);
    const createdAt = Math.round(now - ageHours * HOUR);
    const authorId = i === count - 1 || i % 7 === 0 ? accounts.owner! : pick(ownerIds.slice(1));
    const threadId = await createThread(
      {
        authorId,
        projectId: projectIds.get(t.project)!,
        complaintType: t.type,
        title: t.title,
        body: t.body,
        relatedFactorId: t.factor ? factorIds.get(t.factor) : null,
      },
      createdAt,
    );
    const at = (hours: number) => Math.round(createdAt + hours * HOUR);
    const ack = async (hours: number) => {
      if (before(at(hours))) await acknowledgeThread({ threadId, staffId: staff(), note: pick(DEMO_ACK_NOTES) }, at(hours));
    };
    const answer = async (hours: number) => {
      if (before(at(hours))) await postOfficial({ kind: "solution", threadId, staffId: staff(), body: pick(DEMO_STAFF_REPLIES) }, at(hours));
    };
    // A late action is preceded by the breach the scheduler would have recorded at the time.
    const breachesAt = (hours: number) => recordBreaches(at(hours));

    if (recent) {
      if (recent.ackAfterHours) await ack(recent.ackAfterHours);
    } else {
      const scenario = SCENARIOS[i % SCENARIOS.length]!;
      const ackAt = 0.3 + rand() * 2.4;
      const answerAt = ackAt + 1 + rand() * 8;
      switch (scenario) {
        case "answered":
        case "resolved":
        case "reopened":
          await ack(ackAt);
          await answer(answerAt);
          if (scenario === "resolved" && before(at(answerAt + 20)))
            await confirmSolved(
              {
                threadId,
                userId: authorId,
                ratings: {
                  overall: 3 + Math.floor(rand() * 3),
                  attitude: 3 + Math.floor(rand() * 3),
                  speed: 2 + Math.floor(rand() * 4),
                  result: 3 + Math.floor(rand() * 3),
                  comment: pick(DEMO_RATING_COMMENTS),
                },
              },
              at(answerAt + 20),
            );
          if (scenario === "reopened" && before(at(answerAt + 26))) {
            await reopenThread({ threadId, userId: authorId, comment: pick(DEMO_REOPEN_COMMENTS) }, at(answerAt + 26));
          }
          break;
        case "ackLate":
          await breachesAt(3.1);
          await ack(4 + rand() * 4);
          await answer(10 + rand());
          break;
        case "answerLate":
          await ack(ackAt);
          await breachesAt(12.1);
          await answer(14 + rand() * 16);
          break;
        case "acknowledged":
          await ack(ackAt);
          break;
        case "ignored":
          break;
      }
    }
    // Other owners chime in.
    const replies = Math.floor(rand() * 4);
    let when = createdAt;
    for (let r = 0; r < replies; r++) {
      when += Math.round((0.5 + rand() * 8) * HOUR);
      if (!before(when)) break;
      await createReply({ threadId, authorId: pick(ownerIds.filter((id) => id !== authorId)), body: pick(DEMO_OWNER_REPLIES) }, when);
    }
  }

  // Demo notifications stay unsent: they were "sent" in the past. Breaches still open now
  // are escalated by the server's scheduler when it starts, as after any downtime.
  await db.update(mailOutbox).set({ status: "suppressed", lastError: "demo data" }).run();
  return { seeded: true, threads: count };
}

// `npm run db:seed`
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await migrateDatabase();
  const result = await seedDemoData();
  console.log(result.seeded ? `Seeded ${result.threads} demo threads.` : "The database is not empty; nothing seeded.");
}
