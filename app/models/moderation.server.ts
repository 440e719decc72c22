// Staff triage and moderation. Nothing here deletes a row: hiding, locking and merging
// change the current state, and each change is an audit entry (and, where the public
// should know, a timeline event) in the same transaction.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { auditLog, flags, internalNotes, posts, threadClocks, threadEvents, threads, users } from "../../db/schema";
import { getDb, transaction, type Tx } from "~/lib/db.server";
import { distinctList, lockThreads } from "./sql.server";
import type { Department, FlagReason, Severity } from "~/lib/domain";
import { isStaffRole } from "~/lib/domain";
import { getEnv } from "~/lib/env.server";
import { audit } from "./audit.server";
import { applyClockAction } from "./clocks.server";
import { weightedFlagSum } from "./owners.server";

export type ModerationResult = { ok: true } | { ok: false; reason: "notFound" | "wrongState" | "invalid" };

// ---------------------------------------------------------------- triage

export type TriageInput = {
  complaintType: string;
  severity: Severity | null;
  validity: "valid" | "invalid" | null;
  invalidReason: string | null;
  department: Department | null;
  assigneeId: string | null;
};

const PUBLIC_TRIAGE_FIELDS = ["complaintType", "severity", "validity", "department"] as const;

/**
 * Sets type, severity, validity (an invalid decision carries a public reason), department
 * and assignee. Each changed field is a timeline event; the assignee's is internal.
 */
export async function triageThread(threadId: number, staffId: string, input: TriageInput, now: number): Promise<ModerationResult> {
  if (input.validity === "invalid" && !input.invalidReason?.trim()) return { ok: false, reason: "invalid" };
  return transaction(async (tx) => {
    // Locked, so that the changes and their events are counted from the state they change.
    await lockThreads(tx, [threadId]);
    const t = await tx
      .select({
        complaintType: threads.complaintType,
        severity: threads.severity,
        validity: threads.validity,
        invalidReason: threads.invalidReason,
        department: threads.department,
        assigneeId: threads.assigneeId,
      })
      .from(threads)
      .where(eq(threads.id, threadId))
      .get();
    if (!t) return { ok: false, reason: "notFound" };
    if (input.assigneeId) {
      const assignee = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.assigneeId)).get();
      if (!assignee || !isStaffRole(assignee.role)) return { ok: false, reason: "invalid" };
    }
    const next = { ...input, invalidReason: input.validity === "invalid" ? input.invalidReason!.trim() : null };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const event = async (kind: string, from: unknown, to: unknown, note: string | null = null, internal = false) =>
      await tx
        .insert(threadEvents)
        .values({
          threadId,
          kind,
          actorId: staffId,
          fromValue: from == null ? null : String(from),
          toValue: to == null ? null : String(to),
          note,
          internal,
          createdAt: now,
        })
        .run();
    for (const field of PUBLIC_TRIAGE_FIELDS) {
      if (t[field] !== next[field]) {
        before[field] = t[field];
        after[field] = next[field];
        await event(`set_${field}`, t[field], next[field], field === "validity" ? next.invalidReason : null);
      }
    }
    if (t.validity === "invalid" && next.validity === "invalid" && t.invalidReason !== next.invalidReason) {
      before.invalidReason = t.invalidReason;
      after.invalidReason = next.invalidReason;
      await event("set_validity", "invalid", "invalid", next.invalidReason);
    }
    if (t.assigneeId !== next.assigneeId) {
      before.assigneeId = t.assigneeId;
      after.assigneeId = next.assigneeId;
      await event("set_assignee", t.assigneeId, next.assigneeId, null, true);
    }
    if (Object.keys(after).length === 0) return { ok: true };
    await tx
      .update(threads)
      .set({
        complaintType: next.complaintType,
        severity: next.severity,
        validity: next.validity,
        invalidReason: next.invalidReason,
        department: next.department,
        assigneeId: next.assigneeId,
      })
      .where(eq(threads.id, threadId))
      .run();
    await audit(tx, { actorId: staffId, action: "triage", threadId, before, after, now });
    return { ok: true };
  });
}

// ---------------------------------------------------------------- internal notes

export async function addInternalNote(threadId: number, staffId: string, body: string, now: number): Promise<ModerationResult> {
  return transaction(async (tx) => {
    if (!(await tx.select({ id: threads.id }).from(threads).where(eq(threads.id, threadId)).get())) return { ok: false, reason: "notFound" };
    const note = await tx.insert(internalNotes).values({ threadId, authorId: staffId, body, createdAt: now }).returning({ id: internalNotes.id }).get();
    // The audit records that a note was written, not its words, so the log never repeats them.
    await audit(tx, { actorId: staffId, action: "internal_note", threadId, after: { noteId: note.id }, now });
    return { ok: true };
  });
}

export function listInternalNotes(threadId: number) {
  return getDb()
    .select({ id: internalNotes.id, body: internalNotes.body, createdAt: internalNotes.createdAt, authorName: users.displayName })
    .from(internalNotes)
    .innerJoin(users, eq(users.id, internalNotes.authorId))
    .where(eq(internalNotes.threadId, threadId))
    .orderBy(asc(internalNotes.createdAt), asc(internalNotes.id))
    .all();
}

// ---------------------------------------------------------------- hiding, locking, merging

async function setPostHidden(tx: Tx, postId: number, staffId: string | null, reason: string | null, now: number) {
  const post = await tx
    .select({ threadId: posts.threadId, hiddenAt: posts.hiddenAt, hiddenReason: posts.hiddenReason })
    .from(posts)
    .where(eq(posts.id, postId))
    .get();
  if (!post) return null;
  await tx
    .update(posts)
    .set(reason ? { hiddenAt: now, hiddenReason: reason, hiddenBy: staffId } : { hiddenAt: null, hiddenReason: null, hiddenBy: null })
    .where(eq(posts.id, postId))
    .run();
  return post;
}

export async function hidePost(postId: number, staffId: string, reason: string, now: number): Promise<ModerationResult> {
  return transaction(async (tx) => {
    const post = await setPostHidden(tx, postId, staffId, reason, now);
    if (!post) return { ok: false, reason: "notFound" };
    await closeOpenFlags(tx, postId, staffId, "hidden", now);
    await audit(tx, {
      actorId: staffId,
      action: "hide_post",
      threadId: post.threadId,
      postId,
      before: { hidden: post.hiddenAt != null, reason: post.hiddenReason },
      after: { hidden: true, reason },
      now,
    });
    return { ok: true };
  });
}

export async function restorePost(postId: number, staffId: string, now: number): Promise<ModerationResult> {
  return transaction(async (tx) => {
    const post = await setPostHidden(tx, postId, null, null, now);
    if (!post) return { ok: false, reason: "notFound" };
    await closeOpenFlags(tx, postId, staffId, "kept", now);
    await audit(tx, {
      actorId: staffId,
      action: "restore_post",
      threadId: post.threadId,
      postId,
      before: { hidden: post.hiddenAt != null, reason: post.hiddenReason },
      after: { hidden: false },
      now,
    });
    return { ok: true };
  });
}

/**
 * Hiding and locking work the same way: a reason sets the state, null lifts it; each change
 * is a public timeline event and an audit entry.
 */
const THREAD_STATES = {
  hidden: {
    at: threads.hiddenAt,
    reason: threads.hiddenReason,
    atKey: "hiddenAt",
    reasonKey: "hiddenReason",
    on: "hidden",
    off: "restored",
    auditOn: "hide_thread",
    auditOff: "restore_thread",
  },
  locked: {
    at: threads.lockedAt,
    reason: threads.lockReason,
    atKey: "lockedAt",
    reasonKey: "lockReason",
    on: "locked",
    off: "unlocked",
    auditOn: "lock",
    auditOff: "unlock",
  },
} as const;

async function setThreadState(
  state: keyof typeof THREAD_STATES,
  threadId: number,
  staffId: string,
  reason: string | null,
  now: number,
): Promise<ModerationResult> {
  const s = THREAD_STATES[state];
  return transaction(async (tx) => {
    await lockThreads(tx, [threadId]);
    const t = await tx.select({ at: s.at, reason: s.reason }).from(threads).where(eq(threads.id, threadId)).get();
    if (!t) return { ok: false, reason: "notFound" };
    await tx
      .update(threads)
      .set({ [s.atKey]: reason ? now : null, [s.reasonKey]: reason })
      .where(eq(threads.id, threadId))
      .run();
    await tx
      .insert(threadEvents)
      .values({ threadId, kind: reason ? s.on : s.off, actorId: staffId, note: reason, createdAt: now })
      .run();
    await audit(tx, {
      actorId: staffId,
      action: reason ? s.auditOn : s.auditOff,
      threadId,
      before: { [state]: t.at != null, reason: t.reason },
      after: { [state]: !!reason, reason },
      now,
    });
    return { ok: true };
  });
}

export const setThreadHidden = (threadId: number, staffId: string, reason: string | null, now: number) =>
  setThreadState("hidden", threadId, staffId, reason, now);
export const setThreadLocked = (threadId: number, staffId: string, reason: string | null, now: number) =>
  setThreadState("locked", threadId, staffId, reason, now);

export type MergeResult = { ok: true } | { ok: false; reason: "notFound" | "wrongState" | "invalid" | "otherProject" };

/**
 * Merges a duplicate into another thread of the same project, with a public reason: the
 * duplicate redirects there and both timelines say so. A clock that had already run out
 * keeps its breach: it is recorded (and escalated) now if the scheduler had not yet done
 * so, and closes as missed. Only clocks still running and not yet due close as merged.
 */
export async function mergeThread(duplicateId: number, targetId: number, staffId: string, reason: string, now: number): Promise<MergeResult> {
  if (duplicateId === targetId || !reason.trim()) return { ok: false, reason: "invalid" };
  return transaction(async (tx) => {
    // Both locked, so that two merges at once (A into B and B into A, or A into B twice) take
    // turns and the second finds the first's merge.
    await lockThreads(tx, [duplicateId, targetId]);
    const dup = await tx
      .select({ status: threads.status, mergedIntoId: threads.mergedIntoId, projectId: threads.projectId })
      .from(threads)
      .where(eq(threads.id, duplicateId))
      .get();
    const target = await tx
      .select({ id: threads.id, mergedIntoId: threads.mergedIntoId, projectId: threads.projectId })
      .from(threads)
      .where(eq(threads.id, targetId))
      .get();
    if (!dup) return { ok: false, reason: "notFound" };
    if (!target) return { ok: false, reason: "invalid" };
    if (target.projectId !== dup.projectId) return { ok: false, reason: "otherProject" };
    if (dup.mergedIntoId != null || target.mergedIntoId != null) return { ok: false, reason: "wrongState" };
    const note = reason.trim();
    await applyClockAction(tx, duplicateId, { type: "merge" }, now);
    await tx.update(threads).set({ mergedIntoId: targetId, status: "merged" }).where(eq(threads.id, duplicateId)).run();
    await tx
      .insert(threadEvents)
      .values({ threadId: duplicateId, kind: "merged_into", actorId: staffId, toValue: String(targetId), note, createdAt: now })
      .run();
    await tx
      .insert(threadEvents)
      .values({ threadId: targetId, kind: "merged_from", actorId: staffId, fromValue: String(duplicateId), note, createdAt: now })
      .run();
    await audit(tx, {
      actorId: staffId,
      action: "merge",
      threadId: duplicateId,
      before: { status: dup.status },
      after: { status: "merged", mergedIntoId: targetId, reason: note },
      now,
    });
    return { ok: true };
  });
}

/**
 * An admin undoes a merge: the thread gets back the status it had and the clocks the merge
 * stopped run again to their same deadlines, so time spent merged is no reprieve (one that
 * had run out is overdue again, its breach already on record). Both timelines say so.
 */
export async function unmergeThread(threadId: number, adminId: string, reason: string, now: number): Promise<ModerationResult> {
  if (!reason.trim()) return { ok: false, reason: "invalid" };
  return transaction(async (tx) => {
    // Both threads, as a merge locks them (its events on the other thread would otherwise wait
    // on a merge of the same two that waits on this one).
    const into = (await tx.select({ id: threads.mergedIntoId }).from(threads).where(eq(threads.id, threadId)).get())?.id;
    await lockThreads(tx, into == null ? [threadId] : [threadId, into]);
    const t = await tx.select({ status: threads.status, mergedIntoId: threads.mergedIntoId }).from(threads).where(eq(threads.id, threadId)).get();
    if (!t) return { ok: false, reason: "notFound" };
    if (t.mergedIntoId == null) return { ok: false, reason: "wrongState" };
    // The status before the merge, as the merge's own audit entry recorded it.
    const merged = await tx
      .select({ before: auditLog.before })
      .from(auditLog)
      .where(and(eq(auditLog.threadId, threadId), eq(auditLog.action, "merge")))
      .orderBy(desc(auditLog.id))
      .limit(1)
      .get();
    const previous = (merged?.before ? (JSON.parse(merged.before) as { status?: string }).status : undefined) ?? "awaiting_ack";
    await tx
      .update(threadClocks)
      .set({ closedAt: null, closeReason: null })
      .where(and(eq(threadClocks.threadId, threadId), eq(threadClocks.closeReason, "merged"), isNull(threadClocks.metAt)))
      .run();
    await tx.update(threads).set({ mergedIntoId: null, status: previous }).where(eq(threads.id, threadId)).run();
    const note = reason.trim();
    await tx
      .insert(threadEvents)
      .values({ threadId, kind: "unmerged", actorId: adminId, fromValue: String(t.mergedIntoId), note, createdAt: now })
      .run();
    await tx
      .insert(threadEvents)
      .values({ threadId: t.mergedIntoId, kind: "unmerged_from", actorId: adminId, fromValue: String(threadId), note, createdAt: now })
      .run();
    await audit(tx, {
      actorId: adminId,
      action: "unmerge",
      threadId,
      before: { status: t.status, mergedIntoId: t.mergedIntoId },
      after: { status: previous, reason: note },
      now,
    });
    return { ok: true };
  });
}

// ---------------------------------------------------------------- flags

async function closeOpenFlags(tx: Tx, postId: number, staffId: string, decision: "kept" | "hidden", now: number) {
  await tx
    .update(flags)
    .set({ reviewedAt: now, reviewedBy: staffId, decision })
    .where(and(eq(flags.postId, postId), isNull(flags.reviewedAt)))
    .run();
}

export type FlagResult = { ok: true; autoHidden: boolean } | { ok: false; reason: "notFound" | "already" | "ownPost" };

/**
 * The open flags on a post that count towards hiding it: those from accounts with a
 * verified address that are at least FLAG_MIN_ACCOUNT_DAYS old or have written
 * FLAG_MIN_POSTS posts, so that a handful of fresh accounts cannot silence anyone. A flag
 * from an owner verified in the thread's project counts FLAG_VERIFIED_OWNER_WEIGHT times.
 */
async function weightyFlagCount(tx: Tx, postId: number, threadId: number, now: number): Promise<number> {
  const env = getEnv();
  const oldEnough = now - env.FLAG_MIN_ACCOUNT_DAYS * 86_400_000;
  const counted = (await tx
    .select({ n: weightedFlagSum(flags.userId, threadId) })
    .from(flags)
    .innerJoin(users, eq(users.id, flags.userId))
    .where(
      and(
        eq(flags.postId, postId),
        isNull(flags.reviewedAt),
        sql`${users.emailVerifiedAt} is not null`,
        sql`(${users.createdAt} <= ${oldEnough} or (select count(*) from ${posts} where ${posts.authorId} = ${flags.userId}) >= ${env.FLAG_MIN_POSTS})`,
      ),
    )
    .get())!.n;
  // PostgreSQL sums to a bigint, which arrives as a string.
  return Number(counted);
}

/**
 * A user flags a post once. Enough weighty flags hide an owner's post until staff decide
 * (recorded in the audit log, under the flag that tipped it); the company's official
 * answers and staff posts are never hidden by flags, only sent to review.
 */
export async function flagPost(postId: number, userId: string, reason: FlagReason, now: number): Promise<FlagResult> {
  return transaction(async (tx) => {
    const post = await tx
      .select({ threadId: posts.threadId, authorId: posts.authorId, hiddenAt: posts.hiddenAt, kind: posts.kind, authorRole: users.role })
      .from(posts)
      .innerJoin(users, eq(users.id, posts.authorId))
      .where(eq(posts.id, postId))
      .get();
    if (!post) return { ok: false, reason: "notFound" };
    if (post.authorId === userId) return { ok: false, reason: "ownPost" };
    const inserted = await tx.insert(flags).values({ postId, userId, reason, createdAt: now }).onConflictDoNothing().run();
    if (inserted.changes === 0) return { ok: false, reason: "already" };
    const companyPost = post.kind === "official" || isStaffRole(post.authorRole);
    if (companyPost || post.hiddenAt != null) return { ok: true, autoHidden: false };
    const counted = await weightyFlagCount(tx, postId, post.threadId, now);
    if (counted < getEnv().FLAG_HIDE_THRESHOLD) return { ok: true, autoHidden: false };
    await setPostHidden(tx, postId, null, "flagged", now);
    await audit(tx, {
      actorId: userId,
      action: "auto_hide_post",
      threadId: post.threadId,
      postId,
      before: { hidden: false },
      after: { hidden: true, reason: "flagged", countedFlags: counted },
      now,
    });
    return { ok: true, autoHidden: true };
  });
}

/** Posts with flags not yet reviewed, most flagged first. */
export function listFlagQueue() {
  return getDb()
    .select({
      postId: posts.id,
      threadId: posts.threadId,
      threadTitle: threads.title,
      authorName: users.displayName,
      bodyHtml: posts.bodyHtml,
      hiddenAt: posts.hiddenAt,
      hiddenReason: posts.hiddenReason,
      flagCount: sql<number>`count(${flags.id})`,
      reasons: distinctList(flags.reason),
      firstFlaggedAt: sql<number>`min(${flags.createdAt})`,
    })
    .from(flags)
    .innerJoin(posts, eq(posts.id, flags.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(isNull(flags.reviewedAt))
    .groupBy(posts.id, threads.id, users.id)
    .orderBy(sql`count(${flags.id}) desc`, sql`min(${flags.createdAt})`)
    .limit(100)
    .all();
}

/** Staff decide on a flagged post: keep it (restored if flags had hidden it) or hide it. */
export async function reviewFlags(postId: number, staffId: string, decision: "kept" | "hidden", reason: string | null, now: number): Promise<ModerationResult> {
  if (decision === "hidden") return hidePost(postId, staffId, reason?.trim() || "flagged", now);
  return restorePost(postId, staffId, now);
}

// ---------------------------------------------------------------- flags of a viewer

export async function hasFlagged(postIds: number[], userId: string): Promise<number[]> {
  if (postIds.length === 0) return [];
  return (
    await getDb()
      .select({ postId: flags.postId })
      .from(flags)
      .where(
        and(
          eq(flags.userId, userId),
          sql`${flags.postId} in (${sql.join(
            postIds.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        ),
      )
      .all()
  ).map((r) => r.postId);
}
