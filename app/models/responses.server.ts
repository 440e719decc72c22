// What the company and the author do to move a complaint along, as the company's rules
// have it: acknowledge and report to headquarters (3 h); post progress notes, and a
// solution (12 h) that is done or promises a date; keep the promise (兑现); call the owner
// back to verify the result (回访); the author confirms it closed, or reopens it.
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { callbacks, hqReports, projects, promiseRecords, solutions, threadEvents, threadRatings, threads, users } from "../../db/schema";
import type { ClockAction } from "~/lib/clock";
import { getDb, transaction, type Tx } from "~/lib/db.server";
import type { CallbackMethod, CallbackOutcome, OfficialKind } from "~/lib/domain";
import { getEnv } from "~/lib/env.server";
import { endOfLocalDay } from "~/lib/periods";
import { acknowledgedEmail, hqReportEmail, localeOf, officialPostEmail, promiseKeptEmail, verdictReminderEmail } from "~/presenters/emails.server";
import { audit } from "./audit.server";
import { applyClockAction, currentClocks } from "./clocks.server";
import { enqueueMail } from "./mail-outbox.server";
import { dutyRecipients } from "./org.server";
import { insertPost } from "./posts.server";
import { attachPhotos, photosFor, type AttachedPhoto } from "./photos.server";
import { accountLock, lockThreads } from "./sql.server";
import type { Viewer } from "./threads.server";
import type { PhotoView } from "~/lib/views";

export type ResponseResult<T = object> = ({ ok: true } & T) | { ok: false; reason: "notFound" | "notAllowed" | "wrongState" | "invalid" | "promisePutOff" };

/**
 * The thread a step of its life starts from, locked for the rest of the transaction (see
 * `lockThreads`), so that the state it is checked in is the state it moves from. `writer`, who
 * will post in it, takes their account's turn first, in the order writing a post takes them.
 */
async function loadThread(tx: Tx, threadId: number, writer?: string) {
  if (writer) await accountLock(tx, writer);
  await lockThreads(tx, [threadId]);
  return await tx
    .select({
      id: threads.id,
      title: threads.title,
      status: threads.status,
      createdAt: threads.createdAt,
      authorId: threads.authorId,
      projectId: threads.projectId,
      unitId: projects.unitId,
      projectName: projects.name,
      authorEmail: users.email,
      authorName: users.displayName,
      authorLocale: users.locale,
      lockedAt: threads.lockedAt,
      mergedIntoId: threads.mergedIntoId,
    })
    .from(threads)
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(eq(threads.id, threadId))
    .get();
}
type LoadedThread = NonNullable<Awaited<ReturnType<typeof loadThread>>>;

type ThreadUpdate = Parameters<ReturnType<Tx["update"]>["set"]>[0] & Partial<Record<keyof typeof threads.$inferInsert, unknown>>;
async function setStatus(tx: Tx, threadId: number, status: string, extra: Omit<ThreadUpdate, "status"> = {}) {
  await tx
    .update(threads)
    .set({ status, ...extra } as Partial<typeof threads.$inferInsert>)
    .where(eq(threads.id, threadId))
    .run();
}

/**
 * The acknowledgement (受理) and its report to headquarters (上报总部): the acknowledge clock
 * stops, the report is recorded for headquarters' view and emailed to its report
 * recipients once, and the public timeline says it was acknowledged and reported.
 * Returns false when the acknowledgement had already happened.
 */
async function acknowledgeAndReport(tx: Tx, t: LoadedThread, staffId: string, note: string | null, now: number, postId?: number): Promise<boolean> {
  const clocks = await currentClocks(tx, t.id);
  const ackClockId = (await applyClockAction(tx, t.id, { type: "acknowledge" }, now, postId)).metIds.ack;
  if (!ackClockId) return false;
  await tx.insert(hqReports).values({ threadId: t.id, unitId: t.unitId, staffId, clockId: ackClockId, note, createdAt: now }).onConflictDoNothing().run();
  const hq = await dutyRecipients(tx, t.projectId, "reports", false);
  const hqNames = hq.map((u) => u.name).join("、");
  await tx
    .insert(threadEvents)
    .values({ threadId: t.id, kind: "acknowledged", actorId: staffId, clockId: ackClockId, postId: postId ?? null, note, toValue: hqNames, createdAt: now })
    .run();
  for (const address of hq.flatMap((u) => u.addresses)) {
    await enqueueMail(tx, hqReportEmail({ to: address, thread: t, at: now, note, clockId: ackClockId }), now);
  }
  if (t.status === "awaiting_ack") await setStatus(tx, t.id, "acknowledged");
  await enqueueMail(
    tx,
    acknowledgedEmail({
      to: t.authorEmail,
      name: t.authorName,
      locale: localeOf(t.authorLocale),
      thread: t,
      at: now,
      answerDeadline: clocks.answer?.deadline ?? now,
      note,
    }),
    now,
  );
  return true;
}

/** Staff acknowledge (受理) a complaint and report it to headquarters. */
export async function acknowledgeThread(input: { threadId: number; staffId: string; note?: string | null }, now: number): Promise<ResponseResult> {
  return transaction(async (tx) => {
    const t = await loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    const note = input.note?.trim() || null;
    if (!(await acknowledgeAndReport(tx, t, input.staffId, note, now))) return { ok: false, reason: "wrongState" };
    await audit(tx, {
      actorId: input.staffId,
      action: "acknowledge",
      threadId: t.id,
      before: { status: t.status },
      after: { status: t.status === "awaiting_ack" ? "acknowledged" : t.status, note },
      now,
    });
    return { ok: true };
  });
}

export type OfficialPostInput = {
  threadId: number;
  staffId: string;
  body: string;
  kind: OfficialKind;
  /** For a solution: the local date "YYYY-MM-DD" by which it will be done, or null when done. */
  promisedDate?: string | null;
  /** The staff member's pending photos to attach, in order. */
  photos?: AttachedPhoto[];
};

/**
 * An official post (官方回复). Any official post acknowledges and reports the complaint if
 * that had not happened yet. A progress note (进展说明) stops nothing else. A solution
 * (解决方案) stops the answer clock; one that promises a date starts the promise clock,
 * due at the end of that day in the site's time zone; one that says it is done means the
 * solution is delivered and the call-back is due.
 */
export async function postOfficial(input: OfficialPostInput, now: number): Promise<ResponseResult<{ postId: number }>> {
  const env = getEnv();
  const promisedBy = input.kind === "solution" && input.promisedDate ? endOfLocalDay(input.promisedDate, env.SITE_TIME_ZONE) : null;
  if (input.kind === "solution" && input.promisedDate && (promisedBy == null || promisedBy < now)) return { ok: false, reason: "invalid" };
  return transaction(async (tx) => {
    const t = await loadThread(tx, input.threadId, input.staffId);
    if (!t) return { ok: false, reason: "notFound" };
    if (t.mergedIntoId != null || t.status === "closed") return { ok: false, reason: "wrongState" };
    // A promise not yet due can be brought forward, never put off: a later date would stop its
    // clock without the promise being kept. Once its date has passed it is missed whatever comes next.
    if (promisedBy != null) {
      const { promise } = await currentClocks(tx, t.id);
      if (promise && promise.metAt == null && promise.closedAt == null && now <= promise.deadline && promisedBy > promise.deadline)
        return { ok: false, reason: "promisePutOff" };
    }
    const postId = await insertPost(tx, { threadId: t.id, authorId: input.staffId, kind: "official", officialKind: input.kind, body: input.body, now });
    await attachPhotos(tx, { postId }, input.staffId, input.photos ?? [], now);
    await acknowledgeAndReport(tx, t, input.staffId, null, now, postId);
    let status = (await tx.select({ status: threads.status }).from(threads).where(eq(threads.id, t.id)).get())!.status;
    if (input.kind === "progress") {
      await tx.insert(threadEvents).values({ threadId: t.id, kind: "progress", actorId: input.staffId, postId, createdAt: now }).run();
    } else {
      const action: ClockAction = { type: "solution", promisedBy };
      const { metIds, started } = await applyClockAction(tx, t.id, action, now, postId);
      const promise = started.find((c) => c.kind === "promise");
      await tx
        .insert(solutions)
        .values({
          threadId: t.id,
          postId,
          staffId: input.staffId,
          promisedDate: promise ? input.promisedDate! : null,
          promiseClockId: promise?.id ?? null,
          createdAt: now,
        })
        .run();
      await tx
        .insert(threadEvents)
        .values({
          threadId: t.id,
          kind: "answered",
          actorId: input.staffId,
          postId,
          clockId: metIds.answer ?? null,
          toValue: promise ? input.promisedDate! : null,
          createdAt: now,
        })
        .run();
      // A solution that says it is done delivers the running promise: on the timeline as kept,
      // after the answer, by this post (its words are the proof).
      if (metIds.promise)
        await tx
          .insert(threadEvents)
          .values({ threadId: t.id, kind: "promise_kept", actorId: input.staffId, postId, clockId: metIds.promise, createdAt: now })
          .run();
      if (promise)
        await tx
          .insert(threadEvents)
          .values({ threadId: t.id, kind: "promised", actorId: input.staffId, postId, clockId: promise.id, toValue: input.promisedDate!, createdAt: now })
          .run();
      status = promise ? "answered" : "resolved";
      await setStatus(tx, t.id, status, {
        firstOfficialAt: sql`coalesce(${threads.firstOfficialAt}, ${now})`,
        resolvedAt: promise ? null : now,
        // A new solution deserves a new reminder if the author stays silent.
        verdictReminderAt: null,
      });
    }
    await audit(tx, {
      actorId: input.staffId,
      action: input.kind === "progress" ? "official_progress" : "official_solution",
      threadId: t.id,
      postId,
      before: { status: t.status },
      after: { status, promisedDate: input.promisedDate ?? null },
      now,
    });
    await enqueueMail(
      tx,
      officialPostEmail({
        to: t.authorEmail,
        name: t.authorName,
        locale: localeOf(t.authorLocale),
        thread: t,
        at: now,
        kind: input.kind,
        promisedDate: promisedBy ? input.promisedDate! : null,
      }),
      now,
    );
    return { ok: true, postId };
  });
}

/**
 * Staff record that the promise was kept (已兑现), with a public note: the promise clock
 * stops (late if past its date, and a breach stays a breach), the solution is delivered and
 * the call-back is due.
 */
export async function keepPromise(
  input: { threadId: number; staffId: string; note: string; photos?: AttachedPhoto[] },
  now: number,
): Promise<ResponseResult<{ recordId: number }>> {
  return transaction(async (tx) => {
    const t = await loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    const clockId = (await applyClockAction(tx, t.id, { type: "promiseKept" }, now)).metIds.promise;
    if (!clockId) return { ok: false, reason: "wrongState" };
    const record = await tx
      .insert(promiseRecords)
      .values({ threadId: t.id, clockId, staffId: input.staffId, note: input.note.trim(), createdAt: now })
      .returning({ id: promiseRecords.id })
      .get();
    // The proof: the repaired ceiling, the cleared fire exit.
    await attachPhotos(tx, { promiseRecordId: record!.id }, input.staffId, input.photos ?? [], now);
    await tx
      .insert(threadEvents)
      .values({ threadId: t.id, kind: "promise_kept", actorId: input.staffId, clockId, note: input.note.trim(), createdAt: now })
      .run();
    await setStatus(tx, t.id, "resolved", { resolvedAt: now, verdictReminderAt: null });
    await audit(tx, {
      actorId: input.staffId,
      action: "promise_kept",
      threadId: t.id,
      before: { status: t.status },
      after: { status: "resolved", recordId: record.id },
      now,
    });
    await enqueueMail(
      tx,
      promiseKeptEmail({ to: t.authorEmail, name: t.authorName, locale: localeOf(t.authorLocale), thread: t, at: now, note: input.note.trim() }),
      now,
    );
    return { ok: true, recordId: record.id };
  });
}

export type Ratings = { overall: number; attitude: number; speed: number; result: number; comment?: string | null };

/**
 * The author confirms the problem is solved: the complaint is closed (结案), with one
 * overall score (总体满意度) and three detail scores. After a solution only.
 */
export async function confirmSolved(input: { threadId: number; userId: string; ratings: Ratings }, now: number): Promise<ResponseResult> {
  return transaction(async (tx) => {
    const t = await loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    if (t.authorId !== input.userId) return { ok: false, reason: "notAllowed" };
    if (t.status !== "answered" && t.status !== "resolved") return { ok: false, reason: "wrongState" };
    // The author's word that it is solved is the promise's best proof: a running one is kept now.
    const { metIds } = await applyClockAction(tx, t.id, { type: "promiseKept" }, now);
    await setStatus(tx, t.id, "closed");
    const { overall, attitude, speed, result } = input.ratings;
    await tx
      .insert(threadRatings)
      .values({ threadId: t.id, userId: input.userId, overall, attitude, speed, result, comment: input.ratings.comment?.trim() || null, createdAt: now })
      .run();
    await tx.insert(threadEvents).values({ threadId: t.id, kind: "resolved", actorId: input.userId, createdAt: now }).run();
    // On the timeline as kept too, by the author's word, as when staff record it.
    if (metIds.promise)
      await tx.insert(threadEvents).values({ threadId: t.id, kind: "promise_kept", actorId: input.userId, clockId: metIds.promise, createdAt: now }).run();
    return { ok: true };
  });
}

/**
 * Reopens a complaint: a new answer clock starts, and a promise still running ends, broken
 * if its date has passed (a breach, escalated) or superseded if not. Earlier clocks keep
 * their outcomes.
 */
async function reopen(
  tx: Tx,
  t: LoadedThread,
  actorId: string,
  kind: "reopened" | "not_delivered" | "callback_not_satisfied",
  postId: number | null,
  now: number,
) {
  const { started } = await applyClockAction(tx, t.id, { type: "reopen" }, now, postId ?? undefined);
  const answer = started.find((c) => c.kind === "answer")!;
  await setStatus(tx, t.id, "reopened", { resolvedAt: null });
  await tx.insert(threadEvents).values({ threadId: t.id, kind, actorId, postId, clockId: answer.id, createdAt: now }).run();
}

/**
 * The author says it is not solved, or the promise not delivered (未兑现): their comment
 * is posted and the complaint reopens.
 */
export async function reopenThread(
  input: { threadId: number; userId: string; comment: string; notDelivered?: boolean },
  now: number,
): Promise<ResponseResult<{ postId: number }>> {
  return transaction(async (tx) => {
    const t = await loadThread(tx, input.threadId, input.userId);
    if (!t) return { ok: false, reason: "notFound" };
    if (t.authorId !== input.userId) return { ok: false, reason: "notAllowed" };
    if (!["answered", "resolved", "closed"].includes(t.status) || t.lockedAt != null) return { ok: false, reason: "wrongState" };
    const postId = await insertPost(tx, { threadId: t.id, authorId: input.userId, kind: "reply", body: input.comment, now });
    await reopen(tx, t, input.userId, input.notDelivered ? "not_delivered" : "reopened", postId, now);
    return { ok: true, postId };
  });
}

export type CallbackInput = {
  threadId: number;
  staffId: string;
  calledAt: number;
  method: CallbackMethod;
  outcome: CallbackOutcome;
  note: string | null;
  isPublic: boolean;
};

/**
 * 回访: staff call the owner back to verify the company's result, once it was delivered
 * (status resolved). Satisfied closes the complaint (结案); not satisfied reopens it, with a
 * new answer clock; unreachable leaves it awaiting a call-back. The event and the outcome
 * are public; the note only when marked public.
 */
export async function recordCallback(input: CallbackInput, now: number): Promise<ResponseResult> {
  return transaction(async (tx) => {
    const t = await loadThread(tx, input.threadId);
    if (!t) return { ok: false, reason: "notFound" };
    if (t.status !== "resolved") return { ok: false, reason: "wrongState" };
    const note = input.note?.trim() || null;
    const cb = await tx
      .insert(callbacks)
      .values({
        threadId: t.id,
        staffId: input.staffId,
        calledAt: input.calledAt,
        method: input.method,
        outcome: input.outcome,
        note,
        isPublic: input.isPublic,
        createdAt: now,
      })
      .returning({ id: callbacks.id })
      .get();
    await tx
      .insert(threadEvents)
      .values({
        threadId: t.id,
        kind: "callback",
        actorId: input.staffId,
        fromValue: input.method,
        toValue: input.outcome,
        note: input.isPublic ? note : null,
        createdAt: now,
      })
      .run();
    let status = t.status;
    if (input.outcome === "satisfied") {
      status = "closed";
      await setStatus(tx, t.id, "closed");
      await tx.insert(threadEvents).values({ threadId: t.id, kind: "closed", actorId: input.staffId, createdAt: now }).run();
    } else if (input.outcome === "not_satisfied") {
      status = "reopened";
      await reopen(tx, t, input.staffId, "callback_not_satisfied", null, now);
    }
    await audit(tx, {
      actorId: input.staffId,
      action: "callback",
      threadId: t.id,
      before: { status: t.status },
      after: { status, callbackId: cb.id, method: input.method, outcome: input.outcome, public: input.isPublic },
      now,
    });
    return { ok: true };
  });
}

/**
 * Reminds authors who have not said, VERDICT_REMINDER_DAYS after the solution was
 * delivered, whether it solved their problem. Once per delivery.
 */
export async function queueVerdictReminders(now: number, limit = 200): Promise<number> {
  const cutoff = now - getEnv().VERDICT_REMINDER_DAYS * 86_400_000;
  const due = await getDb()
    .select({ id: threads.id })
    .from(threads)
    .where(and(eq(threads.status, "resolved"), isNull(threads.verdictReminderAt), lte(threads.resolvedAt, cutoff)))
    .limit(limit)
    .all();
  for (const { id } of due) {
    await transaction(async (tx) => {
      const t = await loadThread(tx, id);
      if (!t || t.status !== "resolved") return;
      const claimed = await tx
        .update(threads)
        .set({ verdictReminderAt: now })
        .where(and(eq(threads.id, id), isNull(threads.verdictReminderAt)))
        .run();
      if (claimed.changes === 0) return;
      const resolvedAt = (await tx.select({ at: threads.resolvedAt }).from(threads).where(eq(threads.id, id)).get())?.at ?? now;
      await enqueueMail(
        tx,
        verdictReminderEmail({ to: t.authorEmail, name: t.authorName, locale: localeOf(t.authorLocale), thread: t, deliveredAt: resolvedAt }),
        now,
      );
    });
  }
  return due.length;
}

/** The author's ratings of a thread, newest first; the call-backs (notes only when public, unless staff); the kept promises. */
export async function threadVerdicts(threadId: number, staff: boolean, photosOf?: { viewer: Viewer; threadHidden: boolean }) {
  const db = getDb();
  const ratings = await db
    .select({
      id: threadRatings.id,
      overall: threadRatings.overall,
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
  const calls = (
    await db
      .select({
        id: callbacks.id,
        calledAt: callbacks.calledAt,
        method: callbacks.method,
        outcome: callbacks.outcome,
        note: callbacks.note,
        isPublic: callbacks.isPublic,
      })
      .from(callbacks)
      .where(eq(callbacks.threadId, threadId))
      .orderBy(sql`${callbacks.id} desc`)
      .all()
  ).map((c) => (staff || c.isPublic ? c : { ...c, note: null }));
  const kept = await db
    .select({ id: promiseRecords.id, note: promiseRecords.note, createdAt: promiseRecords.createdAt, staffName: users.displayName })
    .from(promiseRecords)
    .innerJoin(users, eq(users.id, promiseRecords.staffId))
    .where(eq(promiseRecords.threadId, threadId))
    .orderBy(sql`${promiseRecords.id} desc`)
    .all();
  // The proof of a promise kept: its photos, as the viewer may see them (one query).
  const { byRecord } = photosOf
    ? await photosFor({ postIds: [], recordIds: kept.map((k) => k.id) }, photosOf.viewer, () => photosOf.threadHidden)
    : { byRecord: new Map<number, PhotoView[]>() };
  const keptWithPhotos = kept.map((k) => ({ ...k, photos: byRecord.get(k.id) ?? [] }));
  const solutionRows = await db
    .select({ id: solutions.id, postId: solutions.postId, promisedDate: solutions.promisedDate, createdAt: solutions.createdAt })
    .from(solutions)
    .where(eq(solutions.threadId, threadId))
    .orderBy(sql`${solutions.id} desc`)
    .all();
  return { ratings, callbacks: calls, kept: keptWithPhotos, solutions: solutionRows };
}
