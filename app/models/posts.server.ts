// Writing a post: the row, its first revision and the thread's counters, in the caller's transaction.
import { eq, sql } from "drizzle-orm";
import { postRevisions, posts, threads, users } from "../../db/schema";
import type { Tx } from "~/lib/db.server";
import type { OfficialKind } from "~/lib/domain";
import { renderMarkdown } from "~/lib/markdown.server";
import { accountLock } from "./sql.server";

/** The author's account was deleted while the post was on its way (its session has ended since). */
export class AccountDeletedError extends Error {}

export type PostKind = "opening" | "reply" | "official";

export async function insertPost(
  tx: Tx,
  p: { threadId: number; authorId: string; kind: PostKind; officialKind?: OfficialKind; body: string; now: number },
): Promise<number> {
  // Takes turns with the account's deletion, so that nothing is written under a name being erased.
  await accountLock(tx, p.authorId);
  const author = await tx.select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, p.authorId)).get();
  if (!author || author.deletedAt != null) throw new AccountDeletedError();
  const post = await tx
    .insert(posts)
    .values({
      threadId: p.threadId,
      authorId: p.authorId,
      kind: p.kind,
      officialKind: p.kind === "official" ? (p.officialKind ?? "solution") : null,
      bodyMarkdown: p.body,
      bodyHtml: renderMarkdown(p.body),
      createdAt: p.now,
    })
    .returning({ id: posts.id })
    .get();
  await tx.insert(postRevisions).values({ postId: post.id, bodyMarkdown: p.body, createdAt: p.now }).run();
  if (p.kind !== "opening") {
    await tx
      .update(threads)
      .set({ replyCount: sql`${threads.replyCount} + 1`, lastPostAt: p.now })
      .where(eq(threads.id, p.threadId))
      .run();
  }
  return post.id;
}
