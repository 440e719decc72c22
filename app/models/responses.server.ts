// What staff and the author do to move a complaint along: acknowledge, answer, resolve, reopen.
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { callbacks, projects, threadClocks, threadEvents, threadRatings, threads, users } from "../../db/schema";
import { getDb, transaction, type Tx } from "~/lib/db.server";
import { acknowledgedEmail, localeOf, officialAnswerEmail, verdictReminderEmail } from "~/presenters/emails.server";
import { getEnv } from "~/lib/env.server";
import { enqueueMail } from "~/models/mail-outbox.server";
import { audit } from "./audit.server";
import { meetClock, startClock } from "./clocks.server";
import { insertPost } from "./posts.server";

export type ResponseResult<T = object> = ({ ok: true } & T) | { ok: false; reason: "notFound" | "notAllowed" | "wrongState" };

function loadThread(tx: Tx, threadId: number) {
  return tx
    .select({
      id: threads.id,
      title: threads.title,
      status: threads.status,
      createdAt: threads.createdAt,
      authorId: threads.authorId,
      ackClockId: threads.ackClockId,
      answerClockId: threads.answerClockId,
      projectName: projects.name,
      authorEmail: users.email,
      authorName: users.displayName,
      authorLocale: users.locale,
      lockedAt: threads.lockedAt,
    })
    .from(threads)
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(eq(threads.id, threadId))
    .get();
}

/** Staff acknowledge (受理) a complaint: the acknowledge clock stops. */
export function acknowledgeThread(input: { threadId: number; staffId: string; note?: string | null }, now: number): ResponseResult {
  return transaction((tx) => {
    const t = loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    if (!meetClock(tx, t.ackClockId, now)) return { ok: false, reason: "wrongState" };
    const note = input.note?.trim() || null;
    tx.insert(threadEvents).values({ threadId: t.id, kind: "acknowledged", actorId: input.staffId, clockId: t.ackClockId, note, createdAt: now }).run();
    if (t.status === "awaiting_ack") tx.update(threads).set({ status: "acknowledged" }).where(eq(threads.id, t.id)).run();
    audit(tx, {
      actorId: input.staffId,
      action: "acknowledge",
      threadId: t.id,
      before: { status: t.status },
      after: { status: t.status === "awaiting_ack" ? "acknowledged" : t.status, note },
      now,
    });
    const answer = t.answerClockId
      ? tx.select({ deadline: threadClocks.deadline }).from(threadClocks).where(eq(threadClocks.id, t.answerClockId)).get()
      : undefined;
    enqueueMail(
      tx,
      acknowledgedEmail({
        to: t.authorEmail,
        name: t.authorName,
        locale: localeOf(t.authorLocale),
        thread: t,
        at: now,
        answerDeadline: answer?.deadline ?? now,
        note,
      }),
      now,
    );
    return { ok: true };
  });
}

/**
 * The company's official answer (官方回复). Stops the answer clock, and the acknowledge
 * clock too if it was still running.
 */
export function postOfficialReply(input: { threadId: number; staffId: string; body: string }, now: number): ResponseResult<{ postId: number }> {
  return transaction((tx) => {
    const t = loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    const postId = insertPost(tx, { threadId: t.id, authorId: input.staffId, kind: "official", body: input.body, now });
    if (meetClock(tx, t.ackClockId, now, postId)) {
      tx.insert(threadEvents).values({ threadId: t.id, kind: "acknowledged", actorId: input.staffId, clockId: t.ackClockId, postId, createdAt: now }).run();
    }
    const answeredNow = meetClock(tx, t.answerClockId, now, postId);
    tx.insert(threadEvents)
      .values({ threadId: t.id, kind: "answered", actorId: input.staffId, clockId: answeredNow ? t.answerClockId : null, postId, createdAt: now })
      .run();
    const status = t.status === "resolved" || t.status === "merged" ? t.status : "answered";
    tx.update(threads)
      .set({
        status,
        firstOfficialAt: sql`coalesce(${threads.firstOfficialAt}, ${now})`,
        // A new answer deserves a new reminder if the author stays silent.
        ...(answeredNow ? { verdictReminderAt: null } : {}),
      })
      .where(eq(threads.id, t.id))
      .run();
    audit(tx, { actorId: input.staffId, action: "official_reply", threadId: t.id, postId, before: { status: t.status }, after: { status }, now });
    enqueueMail(tx, officialAnswerEmail({ to: t.authorEmail, name: t.authorName, locale: localeOf(t.authorLocale), thread: t, at: now }), now);
    return { ok: true, postId };
  });
}

export type Ratings = { attitude: number; speed: number; result: number; comment?: string | null };

/** The author confirms the problem is solved (已解决) and rates attitude, speed and result. */
export function resolveThread(input: { threadId: number; userId: string; ratings: Ratings }, now: number): ResponseResult {
  return transaction((tx) => {
    const t = loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    if (t.authorId !== input.userId) return { ok: false, reason: "notAllowed" };
    if (t.status !== "answered") return { ok: false, reason: "wrongState" };
    tx.update(threads).set({ status: "resolved" }).where(eq(threads.id, t.id)).run();
    const { attitude, speed, result } = input.ratings;
    tx.insert(threadRatings)
      .values({ threadId: t.id, userId: input.userId, attitude, speed, result, comment: input.ratings.comment?.trim() || null, createdAt: now })
      .run();
    tx.insert(threadEvents).values({ threadId: t.id, kind: "resolved", actorId: input.userId, createdAt: now }).run();
    return { ok: true };
  });
}

/** 回访: staff record a call-back on a resolved thread. The event is public; the details only if marked so. */
export function recordCallback(
  input: {
    threadId: number;
    staffId: string;
    calledAt: number;
    outcome: string;
    satisfaction: number;
    isPublic: boolean;
  },
  now: number,
): ResponseResult {
  return transaction((tx) => {
    const t = loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    if (t.status !== "resolved") return { ok: false, reason: "wrongState" };
    const cb = tx
      .insert(callbacks)
      .values({
        threadId: t.id,
        staffId: input.staffId,
        calledAt: input.calledAt,
        outcome: input.outcome,
        satisfaction: input.satisfaction,
        isPublic: input.isPublic,
        createdAt: now,
      })
      .returning({ id: callbacks.id })
      .get();
    tx.insert(threadEvents)
      .values({
        threadId: t.id,
        kind: "callback",
        actorId: input.staffId,
        note: input.isPublic ? input.outcome : null,
        toValue: input.isPublic ? String(input.satisfaction) : null,
        createdAt: now,
      })
      .run();
    audit(tx, {
      actorId: input.staffId,
      action: "callback",
      threadId: t.id,
      after: { callbackId: cb.id, satisfaction: input.satisfaction, public: input.isPublic },
      now,
    });
    return { ok: true };
  });
}

/**
 * Reminds authors who have not said, VERDICT_REMINDER_DAYS after the official answer,
 * whether it solved their problem. Once per answer.
 */
export function queueVerdictReminders(now: number, limit = 200): number {
  const db = getDb();
  const cutoff = now - getEnv().VERDICT_REMINDER_DAYS * 86_400_000;
  const due = db
    .select({ id: threads.id })
    .from(threads)
    .innerJoin(threadClocks, eq(threadClocks.id, threads.answerClockId))
    .where(and(eq(threads.status, "answered"), isNull(threads.verdictReminderAt), lte(threadClocks.metAt, cutoff)))
    .limit(limit)
    .all();
  for (const { id } of due) {
    transaction((tx) => {
      const t = loadThread(tx, id);
      if (!t || t.status !== "answered") return;
      const claimed = tx
        .update(threads)
        .set({ verdictReminderAt: now })
        .where(and(eq(threads.id, id), isNull(threads.verdictReminderAt)))
        .run();
      if (claimed.changes === 0) return;
      enqueueMail(
        tx,
        verdictReminderEmail({ to: t.authorEmail, name: t.authorName, locale: localeOf(t.authorLocale), thread: t, answerClockId: t.answerClockId ?? 0 }),
        now,
      );
    });
  }
  return due.length;
}

/**
 * The author says it is not solved: their comment is posted and a new answer clock starts.
 * Earlier clocks keep their outcomes.
 */
export function reopenThread(input: { threadId: number; userId: string; comment: string }, now: number): ResponseResult<{ postId: number }> {
  return transaction((tx) => {
    const t = loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    if (t.authorId !== input.userId) return { ok: false, reason: "notAllowed" };
    if ((t.status !== "answered" && t.status !== "resolved") || t.lockedAt != null) return { ok: false, reason: "wrongState" };
    const previous = t.answerClockId
      ? tx.select({ round: threadClocks.round }).from(threadClocks).where(eq(threadClocks.id, t.answerClockId)).get()
      : undefined;
    const postId = insertPost(tx, { threadId: t.id, authorId: input.userId, kind: "reply", body: input.comment, now });
    const clock = startClock(tx, t.id, "answer", (previous?.round ?? 0) + 1, now);
    tx.update(threads).set({ status: "reopened" }).where(eq(threads.id, t.id)).run();
    tx.insert(threadEvents).values({ threadId: t.id, kind: "reopened", actorId: input.userId, postId, clockId: clock.id, createdAt: now }).run();
    return { ok: true, postId };
  });
}

/** The author's ratings of a thread, newest first, and the call-backs (details only when public unless staff). */
export function threadVerdicts(threadId: number, staff: boolean) {
  const db = getDb();
  const ratings = db
    .select({
      id: threadRatings.id,
      attitude: threadRatings.attitude,
      speed: threadRatings.speed,
      result: threadRatings.result,
      comment: threadRatings.comment,
      createdAt: threadRatings.createdAt,
    })
    .from(threadRatings)
    .where(eq(threadRatings.threadId, threadId))
    .orderBy(sql`${threadRatings.id} desc`)
    .all();
  const calls = db
    .select({ id: callbacks.id, calledAt: callbacks.calledAt, outcome: callbacks.outcome, satisfaction: callbacks.satisfaction, isPublic: callbacks.isPublic })
    .from(callbacks)
    .where(eq(callbacks.threadId, threadId))
    .orderBy(sql`${callbacks.id} desc`)
    .all()
    .filter((c) => staff || c.isPublic);
  return { ratings, callbacks: calls };
}
