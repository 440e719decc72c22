// Threads and posts: the complaints and their replies.
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { postRevisions, posts, projects, threads, users } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { EDIT_WINDOW_MS, PAGE_SIZE, type ComplaintType, type ThreadStatus } from "~/lib/domain";
import { renderMarkdown } from "~/lib/markdown.server";

export type ThreadFilters = {
  projectId?: number;
  complaintType?: ComplaintType;
  status?: ThreadStatus;
};

export type ThreadListItem = {
  id: number;
  title: string;
  complaintType: string;
  status: string;
  replyCount: number;
  createdAt: number;
  lastPostAt: number;
  project: { slug: string; name: string };
  authorName: string;
};

function filterWhere(f: ThreadFilters): SQL | undefined {
  const parts: SQL[] = [];
  if (f.projectId !== undefined) parts.push(eq(threads.projectId, f.projectId));
  if (f.complaintType) parts.push(eq(threads.complaintType, f.complaintType));
  if (f.status) parts.push(eq(threads.status, f.status));
  return parts.length ? and(...parts) : undefined;
}

/** One page of threads, newest first, with the total for pagination. Two queries. */
export function listThreads(filters: ThreadFilters, page = 1, pageSize = PAGE_SIZE) {
  const db = getDb();
  const where = filterWhere(filters);
  const total = db.select({ n: sql<number>`count(*)` }).from(threads).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = db
    .select({
      id: threads.id,
      title: threads.title,
      complaintType: threads.complaintType,
      status: threads.status,
      replyCount: threads.replyCount,
      createdAt: threads.createdAt,
      lastPostAt: threads.lastPostAt,
      projectSlug: projects.slug,
      projectName: projects.name,
      authorName: users.displayName,
    })
    .from(threads)
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(where)
    .orderBy(desc(threads.createdAt), desc(threads.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize)
    .all();
  const items: ThreadListItem[] = rows.map(({ projectSlug, projectName, ...r }) => ({
    ...r,
    project: { slug: projectSlug, name: projectName },
  }));
  return { items, total, page: current, pages, pageSize };
}

export type PostView = {
  id: number;
  kind: string;
  authorId: string;
  authorName: string;
  authorRole: string;
  bodyHtml: string;
  createdAt: number;
  editedAt: number | null;
};

/** A thread with its project and every post in order; undefined when it does not exist. Two queries. */
export function getThread(id: number) {
  const db = getDb();
  const thread = db
    .select({
      id: threads.id,
      title: threads.title,
      complaintType: threads.complaintType,
      status: threads.status,
      replyCount: threads.replyCount,
      createdAt: threads.createdAt,
      lastPostAt: threads.lastPostAt,
      authorId: threads.authorId,
      authorName: users.displayName,
      project: { id: projects.id, slug: projects.slug, name: projects.name, city: projects.city },
    })
    .from(threads)
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(eq(threads.id, id))
    .get();
  if (!thread) return undefined;
  const postRows: PostView[] = db
    .select({
      id: posts.id,
      kind: posts.kind,
      authorId: posts.authorId,
      authorName: users.displayName,
      authorRole: users.role,
      bodyHtml: posts.bodyHtml,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
    })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(eq(posts.threadId, id))
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .all();
  const opening = postRows.find((p) => p.kind === "opening");
  const replies = postRows.filter((p) => p.kind !== "opening");
  return { ...thread, opening, replies };
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

type NewThread = {
  authorId: string;
  projectId: number;
  complaintType: ComplaintType;
  title: string;
  body: string;
  now?: number;
};

/** Posts a complaint: the thread, its opening post and that post's first revision, in one transaction. */
export function createThread(input: NewThread): number {
  const db = getDb();
  const now = input.now ?? Date.now();
  const bodyHtml = renderMarkdown(input.body);
  return db.transaction((tx) => {
    const project = tx.select({ id: projects.id }).from(projects).where(eq(projects.id, input.projectId)).get();
    if (!project) throw new UnknownProjectError();
    const thread = tx
      .insert(threads)
      .values({
        projectId: input.projectId,
        authorId: input.authorId,
        complaintType: input.complaintType,
        title: input.title.trim(),
        status: "awaiting_ack",
        createdAt: now,
        lastPostAt: now,
      })
      .returning({ id: threads.id })
      .get();
    const post = tx
      .insert(posts)
      .values({
        threadId: thread.id,
        authorId: input.authorId,
        kind: "opening",
        bodyMarkdown: input.body,
        bodyHtml,
        createdAt: now,
      })
      .returning({ id: posts.id })
      .get();
    tx.insert(postRevisions).values({ postId: post.id, bodyMarkdown: input.body, createdAt: now }).run();
    return thread.id;
  });
}

/** Adds a reply to a thread and keeps the thread's counters in step. */
export function createReply(input: { threadId: number; authorId: string; body: string; now?: number }): number {
  const db = getDb();
  const now = input.now ?? Date.now();
  const bodyHtml = renderMarkdown(input.body);
  return db.transaction((tx) => {
    const thread = tx.select({ id: threads.id }).from(threads).where(eq(threads.id, input.threadId)).get();
    if (!thread) throw new UnknownThreadError();
    const post = tx
      .insert(posts)
      .values({
        threadId: input.threadId,
        authorId: input.authorId,
        kind: "reply",
        bodyMarkdown: input.body,
        bodyHtml,
        createdAt: now,
      })
      .returning({ id: posts.id })
      .get();
    tx.insert(postRevisions).values({ postId: post.id, bodyMarkdown: input.body, createdAt: now }).run();
    tx.update(threads)
      .set({ replyCount: sql`${threads.replyCount} + 1`, lastPostAt: now })
      .where(eq(threads.id, input.threadId))
      .run();
    return post.id;
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
export function editPost(input: { postId: number; userId: string; body: string; now?: number }): EditResult {
  const db = getDb();
  const now = input.now ?? Date.now();
  const bodyHtml = renderMarkdown(input.body);
  return db.transaction((tx) => {
    const post = tx
      .select({ id: posts.id, threadId: posts.threadId, authorId: posts.authorId, createdAt: posts.createdAt })
      .from(posts)
      .where(eq(posts.id, input.postId))
      .get();
    if (!post) return { ok: false, reason: "notFound" };
    if (post.authorId !== input.userId) return { ok: false, reason: "notAuthor" };
    if (!canEditPost(post, input.userId, now)) return { ok: false, reason: "windowClosed" };
    tx.insert(postRevisions).values({ postId: post.id, bodyMarkdown: input.body, createdAt: now }).run();
    tx.update(posts).set({ bodyMarkdown: input.body, bodyHtml, editedAt: now }).where(eq(posts.id, post.id)).run();
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
