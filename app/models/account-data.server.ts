// Everything the site holds about one user, for their own eyes (PIPL: the right to see and
// to copy it). One query per kind of data, whatever the amount: sixteen in all.
import { and, asc, eq, gte, or, sql } from "drizzle-orm";
import {
  authTokens,
  disclosureSubscriptions,
  emailUnsubscribes,
  flags,
  mailOutbox,
  meToos,
  ownerProjects,
  ownerVerifications,
  photoFlags,
  photos,
  postRevisions,
  posts,
  projects,
  sessions,
  threadRatings,
  threads,
  users,
} from "../../db/schema";
import type { AccountData, OwnerRecord, VerificationRequest } from "~/lib/account-data";
import { getDb, transaction } from "~/lib/db.server";
import type { MailCategory } from "~/lib/domain";
import { audit } from "./audit.server";
import { privatePhotoUrl } from "./photos.server";

/** The user's data as their page shows it; undefined when there is no such user. */
export async function readAccountData(userId: string, now: number): Promise<AccountData | undefined> {
  const db = getDb();
  const account = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      locale: users.locale,
      createdAt: users.createdAt,
      emailVerifiedAt: users.emailVerifiedAt,
      bannedAt: users.bannedAt,
      banReason: users.banReason,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!account) return undefined;

  const project = { id: projects.id, slug: projects.slug, name: projects.name };
  const records = await db
    .select({
      project,
      building: ownerProjects.building,
      unit: ownerProjects.unit,
      phone: ownerProjects.phone,
      purchaseDate: ownerProjects.purchaseDate,
      pseudonym: ownerProjects.pseudonym,
      verifiedAt: ownerProjects.verifiedAt,
      registerSignedOn: ownerProjects.registerSignedOn,
      createdAt: ownerProjects.createdAt,
      updatedAt: ownerProjects.updatedAt,
    })
    .from(ownerProjects)
    .innerJoin(projects, eq(projects.id, ownerProjects.projectId))
    .where(eq(ownerProjects.userId, userId))
    .orderBy(asc(projects.name))
    .all();
  const requests = await db
    .select({
      project,
      id: ownerVerifications.id,
      contractNumber: ownerVerifications.contractNumber,
      contractLast4: ownerVerifications.contractLast4,
      status: ownerVerifications.status,
      reason: ownerVerifications.reason,
      requestedAt: ownerVerifications.requestedAt,
      decidedAt: ownerVerifications.decidedAt,
    })
    .from(ownerVerifications)
    .innerJoin(projects, eq(projects.id, ownerVerifications.projectId))
    .where(eq(ownerVerifications.userId, userId))
    .orderBy(asc(ownerVerifications.id))
    .all();
  const byProject = new Map<number, AccountData["projects"][number]>();
  const entry = (p: { id: number; slug: string; name: string }) => {
    let e = byProject.get(p.id);
    if (!e) byProject.set(p.id, (e = { project: p, record: null, verifications: [] }));
    return e;
  };
  for (const { project: p, ...record } of records) entry(p).record = record satisfies OwnerRecord;
  for (const { project: p, contractNumber, ...request } of requests) {
    // A decided request keeps only the last four characters, even if a full number was left behind.
    const v: VerificationRequest = { ...request, contractNumber: request.status === "pending" ? contractNumber : null };
    entry(p).verifications.push(v);
  }

  const threadRows = await db
    .select({
      id: threads.id,
      title: threads.title,
      projectName: projects.name,
      complaintType: threads.complaintType,
      status: threads.status,
      createdAt: threads.createdAt,
    })
    .from(threads)
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .where(eq(threads.authorId, userId))
    .orderBy(asc(threads.createdAt), asc(threads.id))
    .all();

  const postRows = await db
    .select({
      id: posts.id,
      threadId: posts.threadId,
      threadTitle: threads.title,
      kind: posts.kind,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
      hiddenAt: posts.hiddenAt,
      body: posts.bodyMarkdown,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(posts.authorId, userId))
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .all();
  const revisions = await db
    .select({ postId: postRevisions.postId, createdAt: postRevisions.createdAt, body: postRevisions.bodyMarkdown })
    .from(postRevisions)
    .innerJoin(posts, eq(posts.id, postRevisions.postId))
    .where(eq(posts.authorId, userId))
    .orderBy(asc(postRevisions.postId), asc(postRevisions.id))
    .all();
  const versionsOf = new Map<number, { createdAt: number; body: string }[]>();
  for (const { postId, ...r } of revisions) versionsOf.set(postId, [...(versionsOf.get(postId) ?? []), r]);

  const photoRows = await db
    .select({
      id: photos.id,
      postId: photos.postId,
      caption: photos.caption,
      createdAt: photos.createdAt,
      removedAt: photos.removedAt,
      hiddenAt: photos.hiddenAt,
    })
    .from(photos)
    .where(eq(photos.uploaderId, userId))
    .orderBy(asc(photos.createdAt), asc(photos.id))
    .all();

  const ratings = await db
    .select({
      threadId: threadRatings.threadId,
      threadTitle: threads.title,
      overall: threadRatings.overall,
      attitude: threadRatings.attitude,
      speed: threadRatings.speed,
      result: threadRatings.result,
      comment: threadRatings.comment,
      createdAt: threadRatings.createdAt,
    })
    .from(threadRatings)
    .innerJoin(threads, eq(threads.id, threadRatings.threadId))
    .where(eq(threadRatings.userId, userId))
    .orderBy(asc(threadRatings.id))
    .all();
  const flagRows = await db
    .select({ postId: flags.postId, threadId: posts.threadId, reason: flags.reason, createdAt: flags.createdAt })
    .from(flags)
    .innerJoin(posts, eq(posts.id, flags.postId))
    .where(eq(flags.userId, userId))
    .orderBy(asc(flags.id))
    .all();
  const photoFlagRows = await db
    .select({ photoId: photoFlags.photoId, reason: photoFlags.reason, createdAt: photoFlags.createdAt })
    .from(photoFlags)
    .where(eq(photoFlags.userId, userId))
    .orderBy(asc(photoFlags.id))
    .all();
  const meTooRows = await db
    .select({ threadId: meToos.threadId, threadTitle: threads.title, createdAt: meToos.createdAt })
    .from(meToos)
    .innerJoin(threads, eq(threads.id, meToos.threadId))
    .where(eq(meToos.userId, userId))
    .orderBy(asc(meToos.createdAt))
    .all();
  const subscriptions = await db
    .select({ projectId: disclosureSubscriptions.projectId, projectName: projects.name, createdAt: disclosureSubscriptions.createdAt })
    .from(disclosureSubscriptions)
    .innerJoin(projects, eq(projects.id, disclosureSubscriptions.projectId))
    .where(eq(disclosureSubscriptions.userId, userId))
    .orderBy(asc(projects.name))
    .all();
  const unsubscribes = await db
    .select({ category: emailUnsubscribes.category, createdAt: emailUnsubscribes.createdAt })
    .from(emailUnsubscribes)
    .where(eq(emailUnsubscribes.address, account.email))
    .orderBy(asc(emailUnsubscribes.category))
    .all();
  const emails = await db
    .select({
      id: mailOutbox.id,
      category: sql<MailCategory>`${mailOutbox.category}`,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
      text: mailOutbox.textBody,
    })
    .from(mailOutbox)
    .where(
      and(
        eq(mailOutbox.toAddress, account.email),
        gte(mailOutbox.createdAt, account.createdAt),
        // Anyone may register with an address that is not theirs, a duty mailbox for one, and
        // read this page before proving it: until then only the account's own mail
        // (verification, reset) is theirs to see, and afterwards what came since.
        account.emailVerifiedAt == null
          ? eq(mailOutbox.category, "account")
          : or(eq(mailOutbox.category, "account"), gte(mailOutbox.createdAt, account.emailVerifiedAt)),
      ),
    )
    .orderBy(asc(mailOutbox.id))
    .all();
  // Never their ids: an id is the key to the account.
  const sessionRows = await db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, userId)).all();
  const tokens = await db
    .select({ purpose: authTokens.purpose, createdAt: authTokens.createdAt, expiresAt: authTokens.expiresAt, usedAt: authTokens.usedAt })
    .from(authTokens)
    .where(eq(authTokens.userId, userId))
    .orderBy(asc(authTokens.createdAt))
    .all();

  return {
    generatedAt: now,
    account,
    projects: [...byProject.values()],
    threads: threadRows,
    posts: postRows.map((p) => ({ ...p, versions: versionsOf.get(p.id) ?? [] })),
    photos: photoRows.map((p) => ({
      ...p,
      url: p.removedAt == null ? privatePhotoUrl(p.id, "display") : null,
      thumbUrl: p.removedAt == null ? privatePhotoUrl(p.id, "thumb") : null,
    })),
    ratings,
    flags: flagRows,
    photoFlags: photoFlagRows,
    meToos: meTooRows,
    disclosureSubscriptions: subscriptions,
    emailUnsubscribes: unsubscribes,
    // A reset or verification link may still work: a copy of one's data must not open the account.
    emails: emails.map((m) => ({ ...m, text: m.text.replace(/([?&]token=)[\w-]+/g, "$1…") })),
    sessions: sessionRows
      .map((s) => ({ expiresAt: sessionExpiry(s.expiresAt) }))
      .filter((s) => s.expiresAt > now)
      .sort((a, b) => a.expiresAt - b.expiresAt),
    authTokens: tokens,
  };
}

/** lucia's expiry: epoch seconds in SQLite's column, a timestamp in PostgreSQL's. */
const sessionExpiry = (value: unknown) => (value instanceof Date ? value.getTime() : Number(value) * 1000);

/** The download of the user's data: the same read, recorded in the audit log (who and when, nothing of what). */
export async function exportAccountData(userId: string, now: number): Promise<AccountData | undefined> {
  return transaction(async (tx) => {
    const data = await readAccountData(userId, now);
    if (!data) return undefined;
    await audit(tx, { actorId: userId, action: "export_account_data", targetUserId: userId, now });
    return data;
  });
}
