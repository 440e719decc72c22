// Threads and posts: the complaints and their replies.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/sqlite-core";
import { disclosureFactors, ownerProjects, postRevisions, posts, projects, threadEvents, threads, users } from "../../db/schema";
import type { PostView, ThreadListItem } from "~/lib/views";
import { attachPhotos, photosFor, type AttachedPhoto } from "./photos.server";
import { getDb, transaction } from "~/lib/db.server";
import { EDIT_WINDOW_MS, PAGE_SIZE, isStaffRole, type ComplaintType, type ThreadSort, type ThreadStatus } from "~/lib/domain";
import { newThreadEmail } from "~/presenters/emails.server";
import { getEnv } from "~/lib/env.server";
import { enqueueMail } from "~/models/mail-outbox.server";
import { renderMarkdown } from "~/lib/markdown.server";
import type { ThreadQuery } from "~/lib/thread-query";
import { insertPost } from "./posts.server";
import { accountLock, lockThreads } from "./sql.server";
import { getProject } from "./projects.server";
import { keptUntilWrite } from "./generation.server";
import { ackClock, answerClock, clockColumns, promiseClock, startClock, toClock } from "./clocks.server";
import { identityColumns, ownerRecordIn } from "./identity.server";

/** Who is looking: visibility of hidden content and internal events depends on it. */
export type Viewer = { id: string; role: string } | null;
const isStaffViewer = (v: Viewer) => !!v && isStaffRole(v.role);

export type { PostView, ThreadListItem };

export type ThreadFilters = {
  projectId?: number;
  complaintType?: ComplaintType;
  status?: ThreadStatus;
};

function filterWhere(f: ThreadFilters): SQL | undefined {
  const parts: SQL[] = [];
  if (f.projectId !== undefined) parts.push(eq(threads.projectId, f.projectId));
  if (f.complaintType) parts.push(eq(threads.complaintType, f.complaintType));
  if (f.status) parts.push(eq(threads.status, f.status));
  return parts.length ? and(...parts) : undefined;
}

/**
 * The columns every view of threads reads, joined with the project, the author (with their
 * owner record in the thread's project, for their public name) and the current clocks by
 * primary key; `extra` adds what one view needs besides.
 */
function selectThreads<E extends SelectedFields>(extra: E) {
  const author = identityColumns(false);
  return getDb()
    .select({
      id: threads.id,
      title: threads.title,
      complaintType: threads.complaintType,
      status: threads.status,
      replyCount: threads.replyCount,
      createdAt: threads.createdAt,
      lastPostAt: threads.lastPostAt,
      authorName: author.name,
      authorDeleted: author.deleted,
      ack: clockColumns(ackClock),
      answer: clockColumns(answerClock),
      promise: clockColumns(promiseClock),
      holder: threads.holder,
      meTooCount: threads.meTooCount,
      hiddenAt: threads.hiddenAt,
      hiddenReason: threads.hiddenReason,
      mergedIntoId: threads.mergedIntoId,
      ...extra,
    })
    .from(threads)
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .innerJoin(users, eq(users.id, threads.authorId))
    .leftJoin(ownerProjects, ownerRecordIn(threads.authorId, threads.projectId))
    .leftJoin(ackClock, eq(ackClock.id, threads.ackClockId))
    .leftJoin(answerClock, eq(answerClock.id, threads.answerClockId))
    .leftJoin(promiseClock, eq(promiseClock.id, threads.promiseClockId));
}

/** One page of threads for the list's URL filters (a project slug, type, status, sort, page). */
export async function listThreadsFor(q: ThreadQuery, pageSize?: number, viewer: Viewer = null) {
  const filters: ThreadFilters = { complaintType: q.type, status: q.status };
  if (q.project) {
    const project = await getProject({ slug: q.project });
    // An unknown project matches nothing rather than everything.
    filters.projectId = project ? project.id : -1;
  }
  return listThreads(filters, q.page, pageSize, q.sort, viewer);
}

/**
 * One page of threads, newest first (or most "me too" first), with the total for
 * pagination. Two queries; the total is kept until the next write. A hidden thread's title
 * is withheld from all but staff.
 */
export async function listThreads(filters: ThreadFilters, page = 1, pageSize = PAGE_SIZE, sort: ThreadSort = "newest", viewer: Viewer = null) {
  const db = getDb();
  const where = filterWhere(filters);
  // The total depends on the filters alone, not on who asks: kept until the next write. On
  // PostgreSQL, counting 100,000 threads is most of an unfiltered list's time.
  const key = `thread-total ${filters.projectId ?? ""} ${filters.complaintType ?? ""} ${filters.status ?? ""}`;
  const total = await keptUntilWrite(
    key,
    async () =>
      (
        await db
          .select({ n: sql<number>`count(*)` })
          .from(threads)
          .where(where)
          .get()
      )?.n ?? 0,
  );
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const order = sort === "metoo" ? [desc(threads.meTooCount), desc(threads.createdAt), desc(threads.id)] : [desc(threads.createdAt), desc(threads.id)];
  const rows = await selectThreads({ project: { slug: projects.slug, name: projects.name } })
    // Find the page's ids on the index alone, then join only those rows ("deferred join"):
    // deep pages no longer join every row they skip.
    .where(
      inArray(
        threads.id,
        db
          .select({ id: threads.id })
          .from(threads)
          .where(where)
          .orderBy(...order)
          .limit(pageSize)
          .offset((current - 1) * pageSize),
      ),
    )
    .orderBy(...order)
    .all();
  const staff = isStaffViewer(viewer);
  const items: ThreadListItem[] = rows.map(({ ack, answer, promise, hiddenAt, hiddenReason, ...r }) => ({
    ...r,
    title: hiddenAt != null && !staff ? "" : r.title,
    hiddenReason: hiddenAt != null ? hiddenReason : null,
    ack: toClock(ack),
    answer: toClock(answer),
    promise: toClock(promise),
  }));
  return { items, total, page: current, pages, pageSize };
}

/**
 * When each thread last changed in public, by id: its newest post or public timeline event
 * (answers, breaches, hiding and restoring, call-backs, reclassifying...). A feed entry's
 * "updated", so that a reader shows the entry as it is now. One query, on the timeline's index.
 */
export async function lastPublicChanges(items: { id: number; createdAt: number; lastPostAt: number }[]): Promise<Map<number, number>> {
  const changed = new Map(items.map((t) => [t.id, Math.max(t.createdAt, t.lastPostAt)]));
  if (items.length === 0) return changed;
  const events = await getDb()
    .select({ threadId: threadEvents.threadId, at: sql<number>`max(${threadEvents.createdAt})` })
    .from(threadEvents)
    .where(and(inArray(threadEvents.threadId, [...changed.keys()]), eq(threadEvents.internal, false)))
    .groupBy(threadEvents.threadId)
    .all();
  for (const e of events) changed.set(e.threadId, Math.max(changed.get(e.threadId) ?? 0, Number(e.at)));
  return changed;
}

/**
 * A thread with its project, every post in order and its timeline, as `viewer` may see it:
 * hidden content becomes a tombstone except for its author and staff; internal events and
 * the assignee are for staff only. Undefined when it does not exist. Three queries.
 */
export async function getThread(id: number, viewer: Viewer = null) {
  const db = getDb();
  const staff = isStaffViewer(viewer);
  const thread = await selectThreads({
    authorId: threads.authorId,
    authorAccountName: identityColumns(staff).accountName,
    project: { id: projects.id, slug: projects.slug, name: projects.name, city: projects.city },
    severity: threads.severity,
    validity: threads.validity,
    invalidReason: threads.invalidReason,
    department: threads.department,
    assigneeId: threads.assigneeId,
    lockedAt: threads.lockedAt,
    lockReason: threads.lockReason,
    relatedFactorId: threads.relatedFactorId,
  })
    .where(eq(threads.id, id))
    .get();
  if (!thread) return undefined;
  const author = identityColumns(staff);
  // A hidden thread hides everything in it, replies included, from all but staff and its author.
  const canSeeThread = thread.hiddenAt == null || staff || viewer?.id === thread.authorId;
  const postRows: PostView[] = (
    await db
      .select({
        id: posts.id,
        kind: posts.kind,
        officialKind: posts.officialKind,
        authorId: posts.authorId,
        authorName: author.name,
        authorDeleted: author.deleted,
        authorAccountName: author.accountName,
        authorVerifiedOwner: author.verifiedOwner,
        authorRole: users.role,
        bodyHtml: posts.bodyHtml,
        createdAt: posts.createdAt,
        editedAt: posts.editedAt,
        hiddenAt: posts.hiddenAt,
        hiddenReason: posts.hiddenReason,
      })
      .from(posts)
      .innerJoin(users, eq(users.id, posts.authorId))
      .leftJoin(ownerProjects, ownerRecordIn(posts.authorId, thread.project.id))
      .where(eq(posts.threadId, id))
      .orderBy(asc(posts.createdAt), asc(posts.id))
      .all()
  ).map(({ hiddenAt, hiddenReason, ...p }) =>
    canSeeThread
      ? {
          ...p,
          hiddenReason: hiddenAt != null ? hiddenReason : null,
          bodyHtml: hiddenAt != null && !staff && viewer?.id !== p.authorId ? "" : p.bodyHtml,
          photos: [],
        }
      : { ...p, hiddenReason: thread.hiddenReason, bodyHtml: "", photos: [] },
  );
  if (canSeeThread) {
    const hiddenPosts = new Set(postRows.filter((p) => p.hiddenReason != null).map((p) => p.id));
    const { byPost } = await photosFor(
      { postIds: postRows.map((p) => p.id) },
      viewer,
      (postId) => thread.hiddenAt != null || (postId != null && hiddenPosts.has(postId)),
    );
    for (const p of postRows) p.photos = byPost.get(p.id) ?? [];
  }
  const opening = postRows.find((p) => p.kind === "opening");
  const replies = postRows.filter((p) => p.kind !== "opening");
  const { hiddenAt, assigneeId, ...rest } = thread;
  return {
    ...rest,
    title: canSeeThread ? thread.title : "",
    hiddenReason: hiddenAt != null ? thread.hiddenReason : null,
    assigneeId: staff ? assigneeId : null,
    ack: toClock(thread.ack),
    answer: toClock(thread.answer),
    promise: toClock(thread.promise),
    opening,
    replies,
    events: await listThreadEvents({ id, projectId: thread.project.id }, staff, !canSeeThread),
  };
}

export type TimelineEvent = {
  id: number;
  kind: string;
  /** The actor's public name in the thread's project; empty for a deleted account, null for none. */
  actorName: string | null;
  actorDeleted: boolean;
  /** For staff only: the account behind an owner's pseudonym. */
  actorAccountName: string | null;
  postId: number | null;
  clockId: number | null;
  note: string | null;
  fromValue: string | null;
  toValue: string | null;
  createdAt: number;
};

/**
 * The timeline of a thread, oldest first; internal events, and the accounts behind owners'
 * pseudonyms, only for staff.
 */
/**
 * The notes that stay on a hidden thread's timeline for everyone: the moderators' public reasons.
 * Every other note (an acknowledgement's, a promise kept, a call-back, an owner's words on
 * reopening) may quote what was hidden, and goes with it.
 */
const MODERATION_NOTES = new Set(["hidden", "restored", "locked", "unlocked", "merged_into", "merged_from", "unmerged", "unmerged_from", "set_validity"]);

export async function listThreadEvents(thread: { id: number; projectId: number }, staff = false, contentHidden = false): Promise<TimelineEvent[]> {
  const threadId = thread.id;
  const actor = identityColumns(staff);
  const rows = await getDb()
    .select({
      id: threadEvents.id,
      kind: threadEvents.kind,
      actorName: actor.name,
      actorDeleted: actor.deleted,
      actorAccountName: actor.accountName,
      postId: threadEvents.postId,
      clockId: threadEvents.clockId,
      note: threadEvents.note,
      fromValue: threadEvents.fromValue,
      toValue: threadEvents.toValue,
      createdAt: threadEvents.createdAt,
    })
    .from(threadEvents)
    .leftJoin(users, eq(users.id, threadEvents.actorId))
    .leftJoin(ownerProjects, ownerRecordIn(threadEvents.actorId, thread.projectId))
    .where(staff ? eq(threadEvents.threadId, threadId) : and(eq(threadEvents.threadId, threadId), eq(threadEvents.internal, false)))
    .orderBy(asc(threadEvents.createdAt), asc(threadEvents.id))
    .all();
  return contentHidden ? rows.map((e) => (MODERATION_NOTES.has(e.kind) ? e : { ...e, note: null })) : rows;
}

export class FactorNotInProjectError extends Error {
  constructor() {
    super("factor not in project");
  }
}
export class UnknownProjectError extends Error {
  constructor() {
    super("unknown project");
  }
}
export class UnknownThreadError extends Error {
  constructor() {
    super("unknown thread");
  }
}
export class ThreadLockedError extends Error {
  constructor() {
    super("thread locked");
  }
}
export class ThreadHiddenError extends Error {
  constructor() {
    super("thread hidden");
  }
}

type NewThread = {
  authorId: string;
  projectId: number;
  complaintType: ComplaintType;
  title: string;
  body: string;
  relatedFactorId?: number | null;
  /** The author's pending photos to attach, in order. */
  photos?: AttachedPhoto[];
};

/**
 * Posts a complaint: the thread, its opening post, its two reply clocks and the staff
 * notification, in one transaction.
 */
export async function createThread(input: NewThread, now: number): Promise<number> {
  return transaction(async (tx) => {
    const project = await tx.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.id, input.projectId)).get();
    if (!project) throw new UnknownProjectError();
    if (input.relatedFactorId) {
      const factor = await tx
        .select({ projectId: disclosureFactors.projectId })
        .from(disclosureFactors)
        .where(eq(disclosureFactors.id, input.relatedFactorId))
        .get();
      if (!factor || factor.projectId !== input.projectId) throw new FactorNotInProjectError();
    }
    const title = input.title.trim();
    const thread = await tx
      .insert(threads)
      .values({
        projectId: input.projectId,
        authorId: input.authorId,
        complaintType: input.complaintType,
        title,
        relatedFactorId: input.relatedFactorId ?? null,
        status: "awaiting_ack",
        createdAt: now,
        lastPostAt: now,
      })
      .returning({ id: threads.id })
      .get();
    const openingId = await insertPost(tx, { threadId: thread.id, authorId: input.authorId, kind: "opening", body: input.body, now });
    await attachPhotos(tx, { postId: openingId }, input.authorId, input.photos ?? [], now);
    const ack = await startClock(tx, thread.id, "ack", 1, now);
    const answer = await startClock(tx, thread.id, "answer", 1, now);
    const author = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, input.authorId)).get();
    await enqueueMail(
      tx,
      newThreadEmail({
        to: getEnv().STAFF_NOTIFY_EMAIL,
        thread: { id: thread.id, title, projectName: project.name, createdAt: now },
        author: author?.name ?? "",
        type: input.complaintType,
        ackDeadline: ack.deadline,
        answerDeadline: answer.deadline,
      }),
      now,
    );
    return thread.id;
  });
}

/**
 * Adds a reply to a thread and keeps the thread's counters in step. Locked and hidden
 * threads take replies from staff only.
 */
export async function createReply(
  input: { threadId: number; authorId: string; body: string; asStaff?: boolean; photos?: AttachedPhoto[] },
  now: number,
): Promise<number> {
  return transaction(async (tx) => {
    // The thread locked (after the author's account, the order writing a post takes them), so
    // that staff locking or hiding it at the same moment come before this reply or after it.
    await accountLock(tx, input.authorId);
    await lockThreads(tx, [input.threadId]);
    const thread = await tx
      .select({ id: threads.id, lockedAt: threads.lockedAt, hiddenAt: threads.hiddenAt })
      .from(threads)
      .where(eq(threads.id, input.threadId))
      .get();
    if (!thread) throw new UnknownThreadError();
    if (thread.hiddenAt != null && !input.asStaff) throw new ThreadHiddenError();
    if (thread.lockedAt != null && !input.asStaff) throw new ThreadLockedError();
    const postId = await insertPost(tx, { threadId: input.threadId, authorId: input.authorId, kind: "reply", body: input.body, now });
    await attachPhotos(tx, { postId }, input.authorId, input.photos ?? [], now);
    return postId;
  });
}

export function getPostForEdit(postId: number) {
  return getDb()
    .select({
      id: posts.id,
      threadId: posts.threadId,
      authorId: posts.authorId,
      kind: posts.kind,
      bodyMarkdown: posts.bodyMarkdown,
      createdAt: posts.createdAt,
      threadTitle: threads.title,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(posts.id, postId))
    .get();
}

export const canEditPost = (post: { authorId: string; createdAt: number }, userId: string, now: number) =>
  post.authorId === userId && now - post.createdAt <= EDIT_WINDOW_MS;

export type EditResult = { ok: true; threadId: number } | { ok: false; reason: "notFound" | "notAuthor" | "windowClosed" };

/** An author's edit within the edit window. The new text becomes a new revision; earlier ones stay. */
export async function editPost(input: { postId: number; userId: string; body: string }, now: number): Promise<EditResult> {
  const bodyHtml = renderMarkdown(input.body);
  return transaction(async (tx) => {
    const post = await tx
      .select({ id: posts.id, threadId: posts.threadId, authorId: posts.authorId, createdAt: posts.createdAt })
      .from(posts)
      .where(eq(posts.id, input.postId))
      .get();
    if (!post) return { ok: false, reason: "notFound" };
    if (post.authorId !== input.userId) return { ok: false, reason: "notAuthor" };
    if (!canEditPost(post, input.userId, now)) return { ok: false, reason: "windowClosed" };
    await tx.insert(postRevisions).values({ postId: post.id, bodyMarkdown: input.body, createdAt: now }).run();
    await tx.update(posts).set({ bodyMarkdown: input.body, bodyHtml, editedAt: now }).where(eq(posts.id, post.id)).run();
    return { ok: true, threadId: post.threadId };
  });
}

/** Every version of a post, oldest first. */
export function listPostRevisions(postId: number) {
  return getDb()
    .select({ id: postRevisions.id, bodyMarkdown: postRevisions.bodyMarkdown, createdAt: postRevisions.createdAt })
    .from(postRevisions)
    .where(eq(postRevisions.postId, postId))
    .orderBy(asc(postRevisions.id))
    .all();
}

/** Every version of every edited post of a thread (staff see what was changed), one query. */
export async function listThreadRevisions(threadId: number) {
  const rows = await getDb()
    .select({ postId: postRevisions.postId, id: postRevisions.id, bodyMarkdown: postRevisions.bodyMarkdown, createdAt: postRevisions.createdAt })
    .from(postRevisions)
    .innerJoin(posts, eq(posts.id, postRevisions.postId))
    .where(and(eq(posts.threadId, threadId), sql`${posts.editedAt} is not null`))
    .orderBy(asc(postRevisions.postId), asc(postRevisions.id))
    .all();
  const byPost: Record<number, { id: number; bodyMarkdown: string; createdAt: number }[]> = {};
  for (const { postId, ...r } of rows) (byPost[postId] ??= []).push(r);
  return byPost;
}
