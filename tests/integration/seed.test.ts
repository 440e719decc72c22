import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { COMPLAINT_TYPES } from "../../app/lib/domain";
import { verifyLogin } from "../../app/models/users.server";
import { isDatabaseEmpty, seedDemoData } from "../../db/seed";
import { DEMO_ACCOUNTS } from "../../db/seed-content";
import { posts, projects, threads } from "../../db/schema";

describe("demo data", () => {
  it("fills an empty database once, with everything the README promises", async () => {
    expect(await isDatabaseEmpty()).toBe(true);
    const now = Date.UTC(2026, 10, 23, 6, 0);
    expect((await seedDemoData(now)).seeded).toBe(true);
    const db = getDb();
    const cities = await db.select({ city: projects.city }).from(projects).groupBy(projects.city).all();
    expect((await db.select().from(projects).all()).length).toBeGreaterThanOrEqual(4);
    expect(cities.length).toBeGreaterThanOrEqual(2);
    const all = await db.select().from(threads).all();
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(new Set(all.map((t) => t.complaintType))).toEqual(new Set(COMPLAINT_TYPES));
    expect(all.every((t) => t.createdAt < now)).toBe(true);
    expect(new Set(all.map((t) => new Date(t.createdAt).toISOString().slice(0, 10))).size).toBeGreaterThan(5);
    const replies = (await db
      .select({ n: sql<number>`count(*)` })
      .from(posts)
      .where(sql`${posts.kind} = 'reply'`)
      .get())!.n;
    expect(replies).toBeGreaterThan(20);
    for (const a of DEMO_ACCOUNTS) expect(await verifyLogin(a.email, a.password)).not.toBeNull();

    expect((await seedDemoData(now)).seeded).toBe(false);
    expect((await db.select().from(threads).all()).length).toBe(all.length);
  });
});
