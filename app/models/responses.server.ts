// What staff and the author do to move a complaint along: acknowledge, answer, resolve, reopen.
import { eq } from "drizzle-orm";
import { projects, threadClocks, threadEvents, threads, users } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { acknowledgedEmail, localeOf, officialAnswerEmail } from "~/lib/emails.server";
import { enqueueMail } from "~/lib/mail.server";
import { audit } from "./audit.server";
import { meetClock, startClock } from "./clocks.server";
import { insertPost, type Tx } from "./posts.server";

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
export function acknowledgeThread(input: { threadId: number; staffId: string; note?: string | null; now?: number }): ResponseResult {
  const now = input.now ?? Date.now();
  return getDb().transaction((tx) => {
    const t = loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    if (!meetClock(tx, t.ackClockId, now)) return { ok: false, reason: "wrongState" };
    const note = input.note?.trim() || null;
    tx.insert(threadEvents)
      .values({ threadId: t.id, kind: "acknowledged", actorId: input.staffId, clockId: t.ackClockId, note, createdAt: now })
      .run();
    if (t.status === "awaiting_ack") tx.update(threads).set({ status: "acknowledged" }).where(eq(threads.id, t.id)).run();
    audit(tx, { actorId: input.staffId, action: "acknowledge", threadId: t.id, before: { status: t.status }, after: { status: t.status === "awaiting_ack" ? "acknowledged" : t.status, note }, now });
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
export function postOfficialReply(input: { threadId: number; staffId: string; body: string; now?: number }): ResponseResult<{ postId: number }> {
  const now = input.now ?? Date.now();
  return getDb().transaction((tx) => {
    const t = loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    const postId = insertPost(tx, { threadId: t.id, authorId: input.staffId, kind: "official", body: input.body, now });
    if (meetClock(tx, t.ackClockId, now, postId)) {
      tx.insert(threadEvents)
        .values({ threadId: t.id, kind: "acknowledged", actorId: input.staffId, clockId: t.ackClockId, postId, createdAt: now })
        .run();
    }
    const answeredNow = meetClock(tx, t.answerClockId, now, postId);
    tx.insert(threadEvents)
      .values({ threadId: t.id, kind: "answered", actorId: input.staffId, clockId: answeredNow ? t.answerClockId : null, postId, createdAt: now })
      .run();
    const status = t.status === "resolved" || t.status === "merged" ? t.status : "answered";
    tx.update(threads).set({ status }).where(eq(threads.id, t.id)).run();
    audit(tx, { actorId: input.staffId, action: "official_reply", threadId: t.id, postId, before: { status: t.status }, after: { status }, now });
    enqueueMail(
      tx,
      officialAnswerEmail({ to: t.authorEmail, name: t.authorName, locale: localeOf(t.authorLocale), thread: t, at: now }),
      now,
    );
    return { ok: true, postId };
  });
}

/** The author confirms the problem is solved (已解决). */
export function resolveThread(input: { threadId: number; userId: string; now?: number }): ResponseResult {
  const now = input.now ?? Date.now();
  return getDb().transaction((tx) => {
    const t = loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    if (t.authorId !== input.userId) return { ok: false, reason: "notAllowed" };
    if (t.status !== "answered") return { ok: false, reason: "wrongState" };
    tx.update(threads).set({ status: "resolved" }).where(eq(threads.id, t.id)).run();
    tx.insert(threadEvents).values({ threadId: t.id, kind: "resolved", actorId: input.userId, createdAt: now }).run();
    return { ok: true };
  });
}

/**
 * The author says it is not solved: their comment is posted and a new answer clock starts.
 * Earlier clocks keep their outcomes.
 */
export function reopenThread(input: { threadId: number; userId: string; comment: string; now?: number }): ResponseResult<{ postId: number }> {
  const now = input.now ?? Date.now();
  return getDb().transaction((tx) => {
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
    tx.insert(threadEvents)
      .values({ threadId: t.id, kind: "reopened", actorId: input.userId, postId, clockId: clock.id, createdAt: now })
      .run();
    return { ok: true, postId };
  });
}
