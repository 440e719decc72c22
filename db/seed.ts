// Demo data for a fictional developer. Runs only on an empty database, so it is
// safe to call at every start; `npm run db:seed` runs it by hand.
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { projects, users } from "./schema";
import { getDb, migrateDatabase } from "../app/lib/db.server";
import { createReply, createThread } from "../app/models/threads.server";
import { createUser } from "../app/models/users.server";
import {
  DEMO_ACCOUNTS,
  DEMO_OWNER_REPLIES,
  DEMO_OWNERS,
  DEMO_PASSWORDS,
  DEMO_PROJECTS,
  DEMO_STAFF_REPLIES,
  DEMO_THREADS,
} from "./seed-content";

const HOUR = 3_600_000;

/** A small seeded generator, so the demo looks the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function isDatabaseEmpty(): boolean {
  const db = getDb();
  const u = db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
  const p = db.select({ n: sql<number>`count(*)` }).from(projects).get()?.n ?? 0;
  return u === 0 && p === 0;
}

export async function seedDemoData(now = Date.now()) {
  const db = getDb();
  if (!isDatabaseEmpty()) return { seeded: false };
  const rand = random(20010108);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  const accounts: Record<string, string> = {};
  for (const a of DEMO_ACCOUNTS) {
    const u = await createUser({ ...a, now: now - 30 * 24 * HOUR });
    accounts[a.role] = u.id;
  }
  const ownerIds = [accounts.owner!];
  for (const o of DEMO_OWNERS) {
    const u = await createUser({ ...o, password: DEMO_PASSWORDS.owner, now: now - 28 * 24 * HOUR });
    ownerIds.push(u.id);
  }
  const staffIds = [accounts.staff!, accounts.admin!];

  const projectIds = new Map<string, number>();
  db.transaction((tx) => {
    for (const p of DEMO_PROJECTS) {
      const row = tx
        .insert(projects)
        .values({ ...p, createdAt: now - 400 * 24 * HOUR })
        .returning({ id: projects.id })
        .get();
      projectIds.set(p.slug, row.id);
    }
  });

  // Oldest first, spread over the past two weeks; the newest are a few minutes old.
  const count = DEMO_THREADS.length;
  DEMO_THREADS.forEach((t, i) => {
    const ageHours = ((count - i) / count) * 14 * 24 * (0.6 + rand() * 0.4) + rand() * 2;
    const createdAt = Math.round(now - ageHours * HOUR - 10 * 60_000);
    const authorId = i === count - 1 || i % 7 === 0 ? accounts.owner! : pick(ownerIds.slice(1));
    const threadId = createThread({
      authorId,
      projectId: projectIds.get(t.project)!,
      complaintType: t.type,
      title: t.title,
      body: t.body,
      now: createdAt,
    });
    const replies = Math.floor(rand() * 5);
    let at = createdAt;
    for (let r = 0; r < replies; r++) {
      at += Math.round((0.2 + rand() * 6) * HOUR);
      if (at >= now) break;
      const fromStaff = r === 0 && rand() < 0.5;
      createReply({
        threadId,
        authorId: fromStaff ? pick(staffIds) : pick(ownerIds.filter((id) => id !== authorId)),
        body: fromStaff ? pick(DEMO_STAFF_REPLIES) : pick(DEMO_OWNER_REPLIES),
        now: at,
      });
    }
  });
  return { seeded: true, threads: count };
}

// `npm run db:seed`
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  migrateDatabase(getDb());
  const result = await seedDemoData();
  console.log(result.seeded ? `Seeded ${result.threads} demo threads.` : "The database is not empty; nothing seeded.");
}
