// 我也遇到: owners saying a complaint affects them too, once each; the list can sort by it.
import { and, eq, sql } from "drizzle-orm";
import { meToos, threads } from "../../db/schema";
import { getDb, transaction } from "~/lib/db.server";
import type { ModerationResult } from "./moderation.server";
import { lockThreads } from "./sql.server";

/** An owner marks a thread as affecting them too, once. Returns whether it counted. */
export async function addMeToo(threadId: number, userId: string, now: number): Promise<ModerationResult> {
  return transaction(async (tx) => {
    await lockThreads(tx, [threadId]);
    const t = await tx.select({ authorId: threads.authorId, hiddenAt: threads.hiddenAt }).from(threads).where(eq(threads.id, threadId)).get();
    if (!t) return { ok: false, reason: "notFound" };
    if (t.authorId === userId || t.hiddenAt != null) return { ok: false, reason: "wrongState" };
    const r = await tx.insert(meToos).values({ threadId, userId, createdAt: now }).onConflictDoNothing().run();
    if (r.changes === 0) return { ok: false, reason: "wrongState" };
    await tx
      .update(threads)
      .set({ meTooCount: sql`${threads.meTooCount} + 1` })
      .where(eq(threads.id, threadId))
      .run();
    return { ok: true };
  });
}

export async function hasMeToo(threadId: number, userId: string) {
  return !!(await getDb()
    .select({ t: meToos.threadId })
    .from(meToos)
    .where(and(eq(meToos.threadId, threadId), eq(meToos.userId, userId)))
    .get());
}
