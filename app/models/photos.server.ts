// Photos on posts and "promise kept" records. An upload is processed (upright, stripped of
// every metadata, resized) before anything is kept, and waits unattached until its post is
// made, in the same transaction as the post. Each photo is served under its own id, from the
// store's content-addressed files, according to its own state: public while it and its post
// are shown; to its uploader and staff only, privately, while it is pending or hidden; to
// nobody once its uploader removed it.
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { photoFlags, photos, posts, promiseRecords, threads, users } from "../../db/schema";
import { getDb, transaction, writeAlone, type Tx } from "~/lib/db.server";
import { EDIT_WINDOW_MS, isStaffRole, type FlagReason } from "~/lib/domain";
import { getEnv } from "~/lib/env.server";
import { PHOTO_LIMITS, privatePhotoUrl, publicPhotoUrl, type PendingPhoto } from "~/lib/photo-limits";
import type { ProcessedPhoto } from "~/lib/photo-processing.server";
import { photoStore } from "~/lib/uploads.server";
import type { PhotoView } from "~/lib/views";
import { audit } from "./audit.server";
import { weightedFlagSum } from "./owners.server";
import { distinctList, lockInTransaction } from "./sql.server";

/** Who is looking (as the thread model names it): a signed-in user, or nobody. */
type Viewer = { id: string; role: string } | null;

const DAY_MS = 86_400_000;

export type { PhotoVariant } from "~/lib/photo-limits";
import type { PhotoVariant } from "~/lib/photo-limits";

export { privatePhotoUrl, publicPhotoUrl };

export type StoreResult = { ok: true; photo: PendingPhoto } | { ok: false; reason: "dailyVolume" };

/** Bytes uploaded by a user in the last 24 hours, before processing. */
async function uploadedToday(tx: Tx, userId: string, now: number) {
  const row = await tx
    .select({ n: sql<number>`coalesce(sum(${photos.uploadBytes}), 0)` })
    .from(photos)
    .where(and(eq(photos.uploaderId, userId), sql`${photos.createdAt} > ${now - DAY_MS}`))
    .get();
  return Number(row?.n ?? 0);
}

const dailyLimit = () => getEnv().PHOTO_DAILY_MB * 1024 * 1024;

/** Whether `bytes` more fit in the user's day: asked before any decoding. */
export async function hasDailyRoom(userId: string, bytes: number, now: number): Promise<boolean> {
  return (await uploadedToday(getDb(), userId, now)) + bytes <= dailyLimit();
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const fileLock = (hash: string) => `photo-file:${hash}`;

/**
 * Keeps a processed upload as the user's pending photo, within the user's daily volume: the
 * count, the row and its files in one transaction, holding the user's turn (so that uploads
 * at once cannot together pass the day's volume) and each file's (so that a removal cannot
 * delete a file a new photo is about to use).
 */
export async function storePendingPhoto(uploaderId: string, processed: ProcessedPhoto, uploadBytes: number, now: number): Promise<StoreResult> {
  const displayHash = sha256(processed.display.bytes);
  const thumbHash = sha256(processed.thumb.bytes);
  return transaction(async (tx) => {
    await lockInTransaction(tx, [`photo-volume:${uploaderId}`, fileLock(displayHash), fileLock(thumbHash)]);
    if ((await uploadedToday(tx, uploaderId, now)) + uploadBytes > dailyLimit()) return { ok: false as const, reason: "dailyVolume" as const };
    const row = await tx
      .insert(photos)
      .values({
        uploaderId,
        sourceType: processed.sourceType,
        uploadBytes,
        displayHash,
        displayWidth: processed.display.width,
        displayHeight: processed.display.height,
        displayBytes: processed.display.bytes.length,
        thumbHash,
        thumbWidth: processed.thumb.width,
        thumbHeight: processed.thumb.height,
        createdAt: now,
      })
      .returning({ id: photos.id })
      .get();
    // The files are written while the row that names them is not yet visible to anyone else;
    // a failed write rolls the row back.
    const store = photoStore();
    await store.put(processed.display.bytes);
    await store.put(processed.thumb.bytes);
    return {
      ok: true as const,
      photo: { id: row!.id, thumbUrl: privatePhotoUrl(row!.id, "thumb"), width: processed.display.width, height: processed.display.height, caption: null },
    };
  });
}

/** The user's own photos among `ids` still waiting for their post, in the order given. */
export async function pendingPhotos(uploaderId: string, ids: number[]): Promise<PendingPhoto[]> {
  if (ids.length === 0) return [];
  const rows = await getDb()
    .select({ id: photos.id, width: photos.displayWidth, height: photos.displayHeight })
    .from(photos)
    .where(and(inArray(photos.id, ids), eq(photos.uploaderId, uploaderId), isNull(photos.postId), isNull(photos.promiseRecordId), isNull(photos.removedAt)))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id, thumbUrl: privatePhotoUrl(id, "thumb"), width: r.width, height: r.height, caption: null }] : [];
  });
}

export type AttachedPhoto = { id: number; caption: string | null };
export class TooManyPhotosError extends Error {}
/** A photo named by the post was no longer the uploader's pending photo (expired, or attached meanwhile). */
export class PhotosGoneError extends Error {}

/**
 * Attaches the uploader's pending photos to the post or record just made, in its
 * transaction: positions in the order given, captions trimmed. Ids that are not the
 * uploader's pending photos are ignored. Returns how many were attached.
 */
export async function attachPhotos(
  tx: Tx,
  target: { postId: number } | { promiseRecordId: number },
  uploaderId: string,
  list: AttachedPhoto[],
  now: number,
): Promise<number> {
  if (list.length === 0) return 0;
  if (list.length > PHOTO_LIMITS.perPost) throw new TooManyPhotosError();
  let attached = 0;
  for (const [position, p] of list.entries()) {
    const caption = p.caption?.trim().slice(0, PHOTO_LIMITS.captionChars) || null;
    const r = await tx
      .update(photos)
      .set({ ...target, position, caption, attachedAt: now })
      .where(and(eq(photos.id, p.id), eq(photos.uploaderId, uploaderId), isNull(photos.postId), isNull(photos.promiseRecordId), isNull(photos.removedAt)))
      .run();
    attached += r.changes;
  }
  // Never a post without a photo its author saw attached: the whole post is refused instead.
  if (attached !== list.length) throw new PhotosGoneError();
  return attached;
}

type PhotoRow = {
  id: number;
  postId: number | null;
  promiseRecordId: number | null;
  uploaderId: string;
  caption: string | null;
  width: number;
  height: number;
  bytes: number;
  thumbWidth: number;
  thumbHeight: number;
  hiddenAt: number | null;
  hiddenReason: string | null;
};

const photoColumns = {
  id: photos.id,
  postId: photos.postId,
  promiseRecordId: photos.promiseRecordId,
  uploaderId: photos.uploaderId,
  caption: photos.caption,
  width: photos.displayWidth,
  height: photos.displayHeight,
  bytes: photos.displayBytes,
  thumbWidth: photos.thumbWidth,
  thumbHeight: photos.thumbHeight,
  hiddenAt: photos.hiddenAt,
  hiddenReason: photos.hiddenReason,
};

/**
 * A photo as `viewer` may see it, or null when they may not see it at all. `containerHidden`:
 * its post or thread is hidden, so even its shown photos are private to its uploader and staff.
 */
function photoView(p: PhotoRow, viewer: Viewer, containerHidden: boolean): PhotoView | null {
  const privileged = !!viewer && (isStaffRole(viewer.role) || viewer.id === p.uploaderId);
  if (containerHidden && !privileged) return null;
  const hidden = p.hiddenAt != null;
  // The public learns only that a hidden photo was there, and why: not its caption, not its size.
  if (hidden && !privileged)
    return { id: p.id, caption: null, width: 0, height: 0, bytes: 0, thumbWidth: 0, thumbHeight: 0, hiddenReason: p.hiddenReason, src: null, mine: false };
  const url = hidden || containerHidden ? privatePhotoUrl : publicPhotoUrl;
  return {
    id: p.id,
    caption: p.caption,
    width: p.width,
    height: p.height,
    bytes: p.bytes,
    thumbWidth: p.thumbWidth,
    thumbHeight: p.thumbHeight,
    hiddenReason: hidden ? p.hiddenReason : null,
    src: url ? { display: url(p.id, "display"), thumb: url(p.id, "thumb") } : null,
    mine: !!viewer && viewer.id === p.uploaderId,
  };
}

/**
 * The photos of the given posts and "promise kept" records as `viewer` may see them, in
 * order: one query. `hiddenPosts` are the posts (or the whole thread) hidden from the public.
 */
export async function photosFor(
  target: { postIds: number[]; recordIds?: number[] },
  viewer: Viewer,
  hiddenPosts: (postId: number | null) => boolean,
): Promise<{ byPost: Map<number, PhotoView[]>; byRecord: Map<number, PhotoView[]> }> {
  const byPost = new Map<number, PhotoView[]>();
  const byRecord = new Map<number, PhotoView[]>();
  const recordIds = target.recordIds ?? [];
  if (target.postIds.length === 0 && recordIds.length === 0) return { byPost, byRecord };
  const where = [
    target.postIds.length ? inArray(photos.postId, target.postIds) : undefined,
    recordIds.length ? inArray(photos.promiseRecordId, recordIds) : undefined,
  ].filter((w) => w !== undefined);
  const rows = await getDb()
    .select(photoColumns)
    .from(photos)
    .where(and(or(...where), isNull(photos.removedAt)))
    .orderBy(asc(photos.position), asc(photos.id))
    .all();
  for (const row of rows) {
    const view = photoView(row, viewer, hiddenPosts(row.postId));
    if (!view) continue;
    const [map, key] = row.postId != null ? [byPost, row.postId] : [byRecord, row.promiseRecordId!];
    map.set(key, [...(map.get(key) ?? []), view]);
  }
  return { byPost, byRecord };
}

/**
 * Where a photo's file is, if this request may have it. `public`: the immutable public URL,
 * for a shown photo on a shown post of a shown thread, to anyone. `private`: the no-store URL,
 * for its uploader and staff, whatever its state (pending, hidden, on a hidden post), until
 * its uploader removes it.
 */
export async function photoFile(id: number, variant: PhotoVariant, access: "public" | "private", viewer: Viewer): Promise<{ hash: string } | null> {
  const row = await getDb()
    .select({
      uploaderId: photos.uploaderId,
      displayHash: photos.displayHash,
      thumbHash: photos.thumbHash,
      attached: sql<number>`case when ${photos.postId} is not null or ${photos.promiseRecordId} is not null then 1 else 0 end`,
      removedAt: photos.removedAt,
      hiddenAt: photos.hiddenAt,
      postHiddenAt: posts.hiddenAt,
      threadHiddenAt: threads.hiddenAt,
    })
    .from(photos)
    .leftJoin(posts, eq(posts.id, photos.postId))
    .leftJoin(promiseRecords, eq(promiseRecords.id, photos.promiseRecordId))
    .leftJoin(threads, eq(threads.id, sql`coalesce(${posts.threadId}, ${promiseRecords.threadId})`))
    .where(eq(photos.id, id))
    .get();
  if (!row || row.removedAt != null) return null;
  const hash = variant === "display" ? row.displayHash : row.thumbHash;
  if (access === "private") {
    // Staff see what was posted; an upload not yet posted is its uploader's alone.
    const privileged = !!viewer && (viewer.id === row.uploaderId || (isStaffRole(viewer.role) && Number(row.attached) === 1));
    return privileged ? { hash } : null;
  }
  const shown = Number(row.attached) === 1 && row.hiddenAt == null && row.postHiddenAt == null && row.threadHiddenAt == null;
  return shown ? { hash } : null;
}

// ---------------------------------------------------------------- the author's removal

export type PhotoResult = { ok: true; threadId: number } | { ok: false; reason: "notFound" | "notAllowed" | "windowClosed" };

/**
 * Deletes each file once no photo (other than removed ones) points at it any more, holding
 * the file's turn so that a photo being stored with the same bytes keeps its file.
 */
async function dropUnusedFiles(hashes: string[]) {
  const store = photoStore();
  for (const hash of new Set(hashes))
    await transaction(async (tx) => {
      await lockInTransaction(tx, [fileLock(hash)]);
      const used = await tx
        .select({ id: photos.id })
        .from(photos)
        .where(and(or(eq(photos.displayHash, hash), eq(photos.thumbHash, hash)), isNull(photos.removedAt)))
        .limit(1)
        .get();
      if (!used) await store.remove(hash);
    });
}

/**
 * The uploader removes their own photo from their post within the post's edit window: it is
 * gone for everyone, and its files with it unless another photo has the same bytes.
 */
export async function removeOwnPhoto(photoId: number, userId: string, now: number): Promise<PhotoResult> {
  const result = await transaction(async (tx) => {
    const p = await tx
      .select({
        uploaderId: photos.uploaderId,
        removedAt: photos.removedAt,
        postCreatedAt: posts.createdAt,
        threadId: posts.threadId,
        displayHash: photos.displayHash,
        thumbHash: photos.thumbHash,
      })
      .from(photos)
      .innerJoin(posts, eq(posts.id, photos.postId))
      .where(eq(photos.id, photoId))
      .get();
    if (!p || p.removedAt != null) return { ok: false as const, reason: "notFound" as const };
    if (p.uploaderId !== userId) return { ok: false as const, reason: "notAllowed" as const };
    if (now - p.postCreatedAt > EDIT_WINDOW_MS) return { ok: false as const, reason: "windowClosed" as const };
    await tx.update(photos).set({ removedAt: now }).where(eq(photos.id, photoId)).run();
    return { ok: true as const, threadId: p.threadId, hashes: [p.displayHash, p.thumbHash] };
  });
  if (!result.ok) return result;
  await dropUnusedFiles(result.hashes);
  return { ok: true, threadId: result.threadId };
}

/**
 * The uploader deleted their account and asked for their photos to go with it: every photo
 * they uploaded is removed, its caption erased, in the caller's transaction. Returns how many,
 * and what to call once that transaction has committed: it deletes the files no other photo uses.
 */
export async function removeAllPhotosOf(tx: Tx, userId: string, now: number): Promise<{ removed: number; dropFiles: () => Promise<void> }> {
  const rows = await tx
    .select({ removedAt: photos.removedAt, displayHash: photos.displayHash, thumbHash: photos.thumbHash })
    .from(photos)
    .where(eq(photos.uploaderId, userId))
    .all();
  if (rows.length === 0) return { removed: 0, dropFiles: async () => undefined };
  await tx
    .update(photos)
    .set({ removedAt: sql`coalesce(${photos.removedAt}, ${now})`, caption: null })
    .where(eq(photos.uploaderId, userId))
    .run();
  const hashes = rows.flatMap((r) => [r.displayHash, r.thumbHash]);
  return { removed: rows.filter((r) => r.removedAt == null).length, dropFiles: () => dropUnusedFiles(hashes) };
}

/** Uploads never attached to a post within a day are dropped, with their files. */
export async function dropStalePendingPhotos(now: number): Promise<number> {
  const stale = await getDb()
    .select({ id: photos.id, displayHash: photos.displayHash, thumbHash: photos.thumbHash })
    .from(photos)
    .where(and(isNull(photos.postId), isNull(photos.promiseRecordId), lt(photos.createdAt, now - DAY_MS)))
    .limit(500)
    .all();
  // Temporary files of writes cut short (a process killed mid-upload), an hour on.
  await photoStore().sweepTemporary(Date.now() - 3_600_000);
  if (stale.length === 0) return 0;
  await writeAlone((db) =>
    db
      .delete(photos)
      .where(
        and(
          inArray(
            photos.id,
            stale.map((s) => s.id),
          ),
          isNull(photos.postId),
          isNull(photos.promiseRecordId),
        ),
      )
      .run(),
  );
  await dropUnusedFiles(stale.flatMap((s) => [s.displayHash, s.thumbHash]));
  return stale.length;
}

// ---------------------------------------------------------------- moderation

type Located = {
  threadId: number;
  postId: number | null;
  hiddenAt: number | null;
  hiddenReason: string | null;
  uploaderId: string;
  uploaderRole: string;
  containerHiddenAt: number | null;
};

async function locate(tx: Tx, photoId: number): Promise<Located | undefined> {
  return tx
    .select({
      threadId: sql<number>`coalesce(${posts.threadId}, ${promiseRecords.threadId})`,
      postId: photos.postId,
      hiddenAt: photos.hiddenAt,
      hiddenReason: photos.hiddenReason,
      uploaderId: photos.uploaderId,
      uploaderRole: users.role,
      containerHiddenAt: sql<number | null>`coalesce(${posts.hiddenAt}, ${threads.hiddenAt})`,
    })
    .from(photos)
    .innerJoin(users, eq(users.id, photos.uploaderId))
    .leftJoin(posts, eq(posts.id, photos.postId))
    .leftJoin(promiseRecords, eq(promiseRecords.id, photos.promiseRecordId))
    .leftJoin(threads, eq(threads.id, sql`coalesce(${posts.threadId}, ${promiseRecords.threadId})`))
    .where(and(eq(photos.id, photoId), isNull(photos.removedAt), or(sql`${photos.postId} is not null`, sql`${photos.promiseRecordId} is not null`)))
    .get();
}

async function closeOpenPhotoFlags(tx: Tx, photoId: number, staffId: string, decision: "kept" | "hidden", now: number) {
  await tx
    .update(photoFlags)
    .set({ reviewedAt: now, reviewedBy: staffId, decision })
    .where(and(eq(photoFlags.photoId, photoId), isNull(photoFlags.reviewedAt)))
    .run();
}

export type PhotoModerationResult = { ok: true; threadId: number } | { ok: false; reason: "notFound" };

/** Staff hide a photo with a public reason (a tombstone in its place), or restore it (reason null). */
export async function setPhotoHidden(photoId: number, staffId: string, reason: string | null, now: number): Promise<PhotoModerationResult> {
  return transaction(async (tx) => {
    const p = await locate(tx, photoId);
    if (!p) return { ok: false, reason: "notFound" };
    await tx
      .update(photos)
      .set(reason ? { hiddenAt: now, hiddenReason: reason, hiddenBy: staffId } : { hiddenAt: null, hiddenReason: null, hiddenBy: null })
      .where(eq(photos.id, photoId))
      .run();
    await closeOpenPhotoFlags(tx, photoId, staffId, reason ? "hidden" : "kept", now);
    await audit(tx, {
      actorId: staffId,
      action: reason ? "hide_photo" : "restore_photo",
      threadId: p.threadId,
      postId: p.postId,
      before: { photoId, hidden: p.hiddenAt != null, reason: p.hiddenReason },
      after: reason ? { photoId, hidden: true, reason } : { photoId, hidden: false },
      now,
    });
    return { ok: true, threadId: p.threadId };
  });
}

export type PhotoFlagResult =
  { ok: true; autoHidden: boolean; threadId: number } | { ok: false; reason: "already"; threadId: number } | { ok: false; reason: "notFound" | "ownPost" };

/**
 * A user flags a photo once, as they flag a post: enough weighty flags (verified accounts old
 * or active enough, an owner verified in the project counting more) hide an owner's photo
 * until staff decide; staff photos only go to review.
 */
export async function flagPhoto(photoId: number, userId: string, reason: FlagReason, now: number): Promise<PhotoFlagResult> {
  return transaction(async (tx) => {
    const p = await locate(tx, photoId);
    // A photo nobody but its uploader and staff can see cannot be flagged (nor found out about).
    if (!p || p.containerHiddenAt != null) return { ok: false, reason: "notFound" };
    if (p.uploaderId === userId) return { ok: false, reason: "ownPost" };
    const inserted = await tx
      .insert(photoFlags)
      .values({ photoId, userId, reason, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: photoFlags.id })
      .all();
    if (inserted.length === 0) return { ok: false, reason: "already", threadId: p.threadId };
    if (isStaffRole(p.uploaderRole) || p.hiddenAt != null) return { ok: true, autoHidden: false, threadId: p.threadId };
    const env = getEnv();
    const oldEnough = now - env.FLAG_MIN_ACCOUNT_DAYS * DAY_MS;
    const counted = Number(
      (await tx
        .select({ n: weightedFlagSum(photoFlags.userId, p.threadId) })
        .from(photoFlags)
        .innerJoin(users, eq(users.id, photoFlags.userId))
        .where(
          and(
            eq(photoFlags.photoId, photoId),
            isNull(photoFlags.reviewedAt),
            sql`${users.emailVerifiedAt} is not null`,
            sql`(${users.createdAt} <= ${oldEnough} or (select count(*) from ${posts} where ${posts.authorId} = ${photoFlags.userId}) >= ${env.FLAG_MIN_POSTS})`,
          ),
        )
        .get())!.n,
    );
    if (counted < env.FLAG_HIDE_THRESHOLD) return { ok: true, autoHidden: false, threadId: p.threadId };
    await tx.update(photos).set({ hiddenAt: now, hiddenReason: "flagged", hiddenBy: null }).where(eq(photos.id, photoId)).run();
    await audit(tx, {
      actorId: userId,
      action: "auto_hide_photo",
      threadId: p.threadId,
      postId: p.postId,
      before: { photoId, hidden: false },
      after: { photoId, hidden: true, reason: "flagged", countedFlags: counted },
      now,
    });
    return { ok: true, autoHidden: true, threadId: p.threadId };
  });
}

/** Photos with flags not yet reviewed, most flagged first (for the staff's flag queue). */
export async function listPhotoFlagQueue() {
  return getDb()
    .select({
      photoId: photos.id,
      threadId: sql<number>`coalesce(${posts.threadId}, ${promiseRecords.threadId})`,
      hiddenAt: photos.hiddenAt,
      hiddenReason: photos.hiddenReason,
      caption: photos.caption,
      flagCount: sql<number>`count(${photoFlags.id})`,
      reasons: distinctList(photoFlags.reason),
      firstFlaggedAt: sql<number>`min(${photoFlags.createdAt})`,
    })
    .from(photoFlags)
    .innerJoin(photos, eq(photos.id, photoFlags.photoId))
    .leftJoin(posts, eq(posts.id, photos.postId))
    .leftJoin(promiseRecords, eq(promiseRecords.id, photos.promiseRecordId))
    .where(and(isNull(photoFlags.reviewedAt), isNull(photos.removedAt)))
    .groupBy(photos.id, posts.id, promiseRecords.id)
    .orderBy(sql`count(${photoFlags.id}) desc`, sql`min(${photoFlags.createdAt})`)
    .limit(100)
    .all();
}

/** Which of these photos the user has flagged. */
export async function photosFlaggedBy(photoIds: number[], userId: string): Promise<number[]> {
  if (photoIds.length === 0) return [];
  const rows = await getDb()
    .select({ photoId: photoFlags.photoId })
    .from(photoFlags)
    .where(and(eq(photoFlags.userId, userId), inArray(photoFlags.photoId, photoIds)))
    .all();
  return rows.map((r) => r.photoId);
}
