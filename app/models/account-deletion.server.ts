// An owner deletes their account (PIPL: the right to delete). What they posted stays as the
// forum's record, under "已注销用户": threads, posts, ratings, flags and "me too"s keep their
// ids, clocks and figures. What says who they are goes, in one transaction: the account's
// address, name and password, their private records and verification requests, sessions,
// links, subscriptions and mail; and their identifying strings are blanked from the text of
// the records about them (all of them in their own words; in others' only those that cannot
// be ordinary words, so that nobody can blank chosen words from the company's record),
// append-only ones included, which the database allows only inside this transaction
// (db/migrations/0012_account_erasure.sql, docs/decisions/0017-owners-own-data.md).
import { accountLock } from "./sql.server";
import { and, eq, getTableColumns, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import {
  appSettings,
  auditLog,
  authTokens,
  callbacks,
  disclosureSubscriptions,
  emailUnsubscribes,
  hqReports,
  internalNotes,
  mailOutbox,
  ownerProjects,
  ownerVerifications,
  photos,
  postRevisions,
  posts,
  promiseRecords,
  sessions,
  threadEvents,
  threadRatings,
  threads,
  users,
} from "../../db/schema";
import { verifyPassword } from "~/lib/auth.server";
import { getDb, transaction, type Tx } from "~/lib/db.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { audit } from "./audit.server";
import { deletedAccountAddress } from "./mail-outbox.server";
import { removeAllPhotosOf } from "./photos.server";

/** The app_settings key whose row opens the append-only triggers' exception; the migrations name it too. */
const ERASURE_MARKER = "account_erasure";
/** What an identifying string becomes in the text that keeps it. */
export const REDACTED = "[…]";
/** Not a hash argon2 can read: no password ever matches it. */
const NO_PASSWORD = "!deleted";

export type DeletionResult = { ok: true; photosRemoved: number } | { ok: false; reason: "notFound" | "notOwner" | "wrongPassword" };

/**
 * Deletes the owner's account once their password is checked. Staff and admin accounts are
 * not deleted this way: an admin takes their role back first. `removePhotos` also removes
 * every photo they uploaded (otherwise photos stay with their posts).
 */
export async function deleteAccount(input: { userId: string; password: string; removePhotos: boolean }, now: number): Promise<DeletionResult> {
  const found = await getDb()
    .select({ hash: users.passwordHash, role: users.role, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, input.userId))
    .get();
  if (!found || found.deletedAt != null) return { ok: false, reason: "notFound" };
  if (found.role !== "owner") return { ok: false, reason: "notOwner" };
  // Checked before the transaction: argon2 takes a while, and SQLite's writers wait for it.
  if (!(await verifyPassword(found.hash, input.password))) return { ok: false, reason: "wrongPassword" };
  const result = await transaction((tx) => erase(tx, input.userId, input.removePhotos, now));
  if (!result) return { ok: false, reason: "notFound" };
  await result.dropFiles().catch((e) => console.error("account deletion: photo files:", e instanceof Error ? e.message : e));
  return { ok: true, photosRemoved: result.photosRemoved };
}

async function erase(tx: Tx, userId: string, removePhotos: boolean, now: number) {
  // Posts on their way under this account wait, then find it deleted (app/models/posts.server.ts).
  await accountLock(tx, userId);
  const user = await tx
    .select({ email: users.email, displayName: users.displayName, role: users.role, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user || user.deletedAt != null || user.role !== "owner") return null;
  const records = await tx
    .select({
      building: ownerProjects.building,
      unit: ownerProjects.unit,
      phone: ownerProjects.phone,
      purchaseDate: ownerProjects.purchaseDate,
      pseudonym: ownerProjects.pseudonym,
    })
    .from(ownerProjects)
    .where(eq(ownerProjects.userId, userId))
    .all();
  const requests = await tx
    .select({ contractNumber: ownerVerifications.contractNumber })
    .from(ownerVerifications)
    .where(eq(ownerVerifications.userId, userId))
    .all();
  const present = (values: (string | null)[]) => values.filter((v): v is string => !!v);
  const phones = present(records.map((r) => r.phone));
  // Strings that can only be theirs: the address and phone numbers (also as bare digits).
  // Blanked in any record about them, the company's own words included.
  const strong = [user.email, ...phones, ...phones.map((p) => p.replace(/\D/g, ""))];
  // A contract number is whatever 6 to 40 characters they typed: it could be a phrase from the
  // company's answer. Only their own words and the records of their requests lose it.
  const contracts = present(requests.map((r) => r.contractNumber));
  // A unit names a flat only with a number in it ("7-1201", "B12室"); a name or pseudonym
  // of three characters or more. Shorter or plainer ones could be ordinary words ("维修"), and
  // a person about to delete their account must not be able to blank chosen words from what
  // others wrote: in others' text only these, in their own text every name they used.
  const units = present(records.flatMap((r) => [r.unit, r.building])).filter((u) => /\d/.test(u));
  const names = [user.displayName, ...present(records.map((r) => r.pseudonym))];
  const own = redactor([...strong, ...contracts, ...units, ...names, ...present(records.map((r) => r.unit))]);
  const aboutThem = redactor([...strong, ...units, ...names.filter((n) => [...n.trim()].length >= 3)]);
  // The company's public record (official answers, events, call-backs, promises kept): only
  // what can only be theirs and their unit's number.
  const publicRecord = redactor([...strong, ...units]);
  // What their private record held: in the audit entries of changes to it as well.
  const everything = redactor([...aboutThem.words, ...contracts, ...present(records.flatMap((r) => [r.purchaseDate]))]);

  await tx.insert(appSettings).values({ key: ERASURE_MARKER, value: userId }).run();

  const theirThreads = tx.select({ id: threads.id }).from(threads).where(eq(threads.authorId, userId));
  const postsAboutThem = tx
    .select({ id: posts.id })
    .from(posts)
    .where(or(eq(posts.authorId, userId), inArray(posts.threadId, theirThreads)));
  const theirPosts = tx.select({ id: posts.id }).from(posts).where(eq(posts.authorId, userId));
  const othersPostsOnTheirThreads = tx
    .select({ id: posts.id })
    .from(posts)
    .where(and(inArray(posts.threadId, theirThreads), ne(posts.authorId, userId), ne(posts.kind, "official")));
  const officialPostsOnTheirThreads = tx
    .select({ id: posts.id })
    .from(posts)
    .where(and(inArray(posts.threadId, theirThreads), ne(posts.authorId, userId), eq(posts.kind, "official")));
  const onTheirThreads = (column: AnySQLiteColumn) => inArray(column, theirThreads);
  let redacted = 0;
  const scrub = (target: Target) => redactRows(tx, target).then((n) => (redacted += n));
  await scrub({ table: threads, id: threads.id, text: [threads.title], scope: eq(threads.authorId, userId), redact: own });
  await scrub({
    table: threads,
    id: threads.id,
    text: [threads.hiddenReason, threads.lockReason, threads.invalidReason],
    scope: eq(threads.authorId, userId),
    redact: publicRecord,
  });
  // The page shows the HTML: it follows the words.
  const html = (changed: Record<string, string | null>): Record<string, string> =>
    changed.bodyMarkdown != null ? { bodyHtml: renderMarkdown(changed.bodyMarkdown) } : {};
  for (const [scope, redact] of [
    [theirPosts, own],
    [othersPostsOnTheirThreads, aboutThem],
    [officialPostsOnTheirThreads, publicRecord],
  ] as const) {
    await scrub({ table: posts, id: posts.id, text: [posts.bodyMarkdown], scope: inArray(posts.id, scope), redact, also: html });
    await scrub({ table: postRevisions, id: postRevisions.id, text: [postRevisions.bodyMarkdown], scope: inArray(postRevisions.postId, scope), redact });
  }
  await scrub({ table: posts, id: posts.id, text: [posts.hiddenReason], scope: inArray(posts.id, postsAboutThem), redact: publicRecord });
  await scrub({
    table: threadEvents,
    id: threadEvents.id,
    text: [threadEvents.note, threadEvents.fromValue, threadEvents.toValue],
    scope: or(onTheirThreads(threadEvents.threadId), eq(threadEvents.actorId, userId)),
    redact: publicRecord,
  });
  await scrub({
    table: auditLog,
    id: auditLog.id,
    text: [auditLog.before, auditLog.after],
    json: true,
    scope: or(eq(auditLog.actorId, userId), eq(auditLog.targetUserId, userId), onTheirThreads(auditLog.threadId), inArray(auditLog.postId, postsAboutThem)),
    redact: everything,
  });
  for (const [table, id, note] of [
    [callbacks, callbacks.id, callbacks.note],
    [promiseRecords, promiseRecords.id, promiseRecords.note],
  ] as const) {
    await scrub({ table, id, text: [note], scope: onTheirThreads(table.threadId), redact: publicRecord });
  }
  // Staff's own internal words about them.
  await scrub({ table: hqReports, id: hqReports.id, text: [hqReports.note], scope: onTheirThreads(hqReports.threadId), redact: aboutThem });
  await scrub({ table: internalNotes, id: internalNotes.id, text: [internalNotes.body], scope: onTheirThreads(internalNotes.threadId), redact: aboutThem });
  await scrub({ table: photos, id: photos.id, text: [photos.caption], scope: eq(photos.uploaderId, userId), redact: own });
  await scrub({
    table: photos,
    id: photos.id,
    text: [photos.caption, photos.hiddenReason],
    scope: and(ne(photos.uploaderId, userId), inArray(photos.postId, postsAboutThem)),
    redact: publicRecord,
  });

  // Their mail: what is not yet sent is not sent; what was sent keeps only its kind and dates.
  await tx
    .delete(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, user.email), sql`${mailOutbox.status} in ('pending', 'failed', 'suppressed')`))
    .run();
  await tx
    .update(mailOutbox)
    .set({ toAddress: deletedAccountAddress(userId), textBody: "", unsubscribeUrl: null })
    .where(eq(mailOutbox.toAddress, user.email))
    .run();
  // Mail to others may name them too (staff are told of each new complaint, with its author).
  // What can only be theirs goes from any mail. The names they used go only from mail about
  // their complaints: one that links to one of them and to nobody else's (a briefing lists many
  // owners' complaints), or a name would be blanked from others' words.
  await scrub({ table: mailOutbox, id: mailOutbox.id, text: [mailOutbox.subject, mailOutbox.textBody], redact: publicRecord });
  const candidates = await tx
    .select({ id: mailOutbox.id, text: mailOutbox.textBody })
    .from(mailOutbox)
    .where(sql`exists (select 1 from ${threads} where ${threads.authorId} = ${userId} and ${mailOutbox.textBody} like '%/threads/' || ${threads.id} || '%')`)
    .orderBy(mailOutbox.id)
    .all();
  const theirIds = new Set((await theirThreads.all()).map((t) => t.id));
  const aboutTheirs = candidates
    .filter((m) => {
      const linked = [...m.text.matchAll(/\/threads\/(\d+)/g)].map((l) => Number(l[1]));
      return linked.length > 0 && linked.every((id) => theirIds.has(id));
    })
    .map((m) => m.id);
  // In slices: an owner may have many complaints, and a statement only so many parameters.
  for (let i = 0; i < aboutTheirs.length; i += 500)
    await scrub({
      table: mailOutbox,
      id: mailOutbox.id,
      text: [mailOutbox.subject, mailOutbox.textBody],
      scope: inArray(mailOutbox.id, aboutTheirs.slice(i, i + 500)),
      redact: aboutThem,
    });
  await tx.delete(emailUnsubscribes).where(eq(emailUnsubscribes.address, user.email)).run();

  const ownerRecords = (await tx.delete(ownerProjects).where(eq(ownerProjects.userId, userId)).run()).changes;
  const verifications = (await tx.delete(ownerVerifications).where(eq(ownerVerifications.userId, userId)).run()).changes;
  await tx.delete(disclosureSubscriptions).where(eq(disclosureSubscriptions.userId, userId)).run();
  await tx.delete(authTokens).where(eq(authTokens.userId, userId)).run();
  // What lucia's invalidateUserSessions does, inside this transaction: every browser is logged out.
  await tx.delete(sessions).where(eq(sessions.userId, userId)).run();
  // Scores stay on the scoreboard; the words beside them were the owner's own.
  await tx.update(threadRatings).set({ comment: null }).where(eq(threadRatings.userId, userId)).run();
  const photosGone = removePhotos ? await removeAllPhotosOf(tx, userId, now) : { removed: 0, dropFiles: async () => undefined };

  await tx
    .update(users)
    .set({ email: deletedAccountAddress(userId), displayName: "", passwordHash: NO_PASSWORD, locale: null, bannedAt: null, banReason: null, deletedAt: now })
    .where(eq(users.id, userId))
    .run();
  await tx.delete(appSettings).where(eq(appSettings.key, ERASURE_MARKER)).run();
  // Counts only: the entry itself must not name the person.
  await audit(tx, {
    actorId: userId,
    action: "delete_account",
    targetUserId: userId,
    after: { ownerRecords, verifications, photosRemoved: photosGone.removed, redactedRows: redacted },
    now,
  });
  return { photosRemoved: photosGone.removed, dropFiles: photosGone.dropFiles };
}

// ---------------------------------------------------------------- blanking strings

type Redactor = { words: string[]; text: (value: string) => string };

/**
 * Replaces each of `strings` (any case) with REDACTED, longest first. A string that starts or
 * ends with a letter or digit matches only as a whole word there, so a unit "1202" leaves
 * "12023" alone; one character alone names nobody and is left.
 */
export function redactor(strings: string[]): Redactor {
  const words = [...new Set(strings.map((s) => s.trim()).filter((s) => [...s].length >= 2))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return { words, text: (v) => v };
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(words.map((w) => `${/^\w/.test(w) ? "\\b" : ""}${escape(w)}${/\w$/.test(w) ? "\\b" : ""}`).join("|"), "gi");
  return { words, text: (v) => v.replace(pattern, REDACTED) };
}

/** The string values of a JSON document redacted, its keys and shape kept; text that is not JSON as text. */
function redactJson(document: string, redact: Redactor): string {
  let value: unknown;
  try {
    value = JSON.parse(document);
  } catch {
    return redact.text(document);
  }
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      const out = redact.text(v);
      if (out !== v) changed = true;
      return out;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(value);
  return changed ? JSON.stringify(out) : document;
}

type Target = {
  table: SQLiteTable;
  id: AnySQLiteColumn;
  text: AnySQLiteColumn[];
  /** The rows about the person; every row when absent. */
  scope?: SQL;
  json?: boolean;
  redact: Redactor;
  /** Other columns that follow the redacted ones. */
  also?: (changed: Record<string, string | null>) => Record<string, string>;
};

/**
 * Redacts the text columns of the rows in scope that hold one of the strings: the database
 * picks the candidates (a lower-cased LIKE, which both engines read alike), the exact match
 * is made here. Returns how many rows changed.
 */
async function redactRows(tx: Tx, t: Target): Promise<number> {
  if (t.redact.words.length === 0) return 0;
  // In JSON a quote or backslash is escaped: look for that spelling too.
  const needles = [...new Set(t.redact.words.flatMap((w) => (t.json ? [w, JSON.stringify(w).slice(1, -1)] : [w])).map((w) => w.toLowerCase()))];
  const like = (w: string) => `%${w.replace(/[\\%_]/g, "\\$&")}%`;
  const holds = or(...t.text.flatMap((c) => needles.map((w) => sql`lower(${c}) like ${like(w)} escape '\\'`)));
  const columns = Object.fromEntries(t.text.map((c, i) => [`c${i}`, c]));
  const rows = (await tx
    .select({ id: t.id, ...columns })
    .from(t.table)
    .where(and(t.scope, holds))
    // In id order, the order lockThreads takes threads in: a merge of two of these threads
    // under way never waits on this while this waits on it.
    .orderBy(t.id)
    .all()) as Record<string, string | number | null>[];
  const propertyOf = new Map(Object.entries(getTableColumns(t.table)).map(([property, column]) => [column, property]));
  let changed = 0;
  for (const row of rows) {
    const set: Record<string, string | null> = {};
    t.text.forEach((column, i) => {
      const before = row[`c${i}`];
      if (typeof before !== "string") return;
      const after = t.json ? redactJson(before, t.redact) : t.redact.text(before);
      if (after !== before) set[propertyOf.get(column)!] = after;
    });
    if (Object.keys(set).length === 0) continue;
    await tx
      .update(t.table)
      .set({ ...set, ...t.also?.(set) })
      .where(eq(t.id, row.id))
      .run();
    changed++;
  }
  return changed;
}
