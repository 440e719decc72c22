// A post's photos as its form sends them: files chosen in a plain file input (processed as
// they arrive, each kept as the user's pending photo), and photos uploaded earlier (by the
// page's script, or by a post that was refused) named by id, each with its caption. Whatever
// happens to the post, nothing uploaded is lost: a refused post shows its photos again.
import os from "node:os";
import { json } from "@remix-run/node";
import { formatBytes } from "~/lib/body-limits";
import { getEnv } from "~/lib/env.server";
import { formValues, readFormWithFiles, type ActionErrors, type FormValues } from "~/lib/forms.server";
import { captionField, PENDING_VALUES_KEY, PHOTO_FIELD, PHOTO_ID_FIELD, PHOTO_LIMITS, type PendingPhoto } from "~/lib/photo-limits";
import { PhotoRejectedError, processPhoto } from "~/lib/photo-processing.server";
import { consume, RateLimitedError } from "~/lib/rate-limit.server";
import { hasDailyRoom, pendingPhotos, storePendingPhoto, type AttachedPhoto } from "./photos.server";

export { PHOTO_FIELD };

export type UploadRefusal = "type" | "tooLarge" | "tooManyPixels" | "unreadable" | "dailyVolume" | "rateLimited" | "busy";
export type UploadOutcome = { ok: true; photo: PendingPhoto } | { ok: false; reason: UploadRefusal; filename: string };

/**
 * Decoding a photo takes a core for a fraction of a second (a HEIC, over a second), so at
 * most one per core runs at once, a few more wait, and one user has one at a time: past
 * that an upload is refused as busy rather than queued without end.
 */
const SLOTS = Math.max(1, Math.min(4, os.availableParallelism()));
const MAX_WAITING = 8;
let running = 0;
const waiting: (() => void)[] = [];
const processingFor = new Set<string>();

async function inSlot<T>(userId: string, work: () => Promise<T>): Promise<T | "busy"> {
  if (processingFor.has(userId) || (running >= SLOTS && waiting.length >= MAX_WAITING)) return "busy";
  processingFor.add(userId);
  try {
    if (running >= SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  } finally {
    processingFor.delete(userId);
  }
}

/** Processes and keeps one uploaded file as the user's pending photo. */
export async function acceptUpload(userId: string, file: { filename: string; bytes: Buffer; tooLarge: boolean }, now: number): Promise<UploadOutcome> {
  const refuse = (reason: UploadRefusal): UploadOutcome => ({ ok: false, reason, filename: file.filename.slice(0, 80) });
  if (file.tooLarge) return refuse("tooLarge");
  // Cheap refusals first: the rate limit and the day's volume, before any decoding.
  try {
    await consume("photo", userId);
  } catch (e) {
    if (e instanceof RateLimitedError) return refuse("rateLimited");
    throw e;
  }
  if (!(await hasDailyRoom(userId, file.bytes.length, now))) return refuse("dailyVolume");
  try {
    const outcome = await inSlot(userId, async () => {
      const processed = await processPhoto(file.bytes);
      return storePendingPhoto(userId, processed, file.bytes.length, now);
    });
    if (outcome === "busy") return refuse("busy");
    return outcome.ok ? outcome : refuse(outcome.reason);
  } catch (e) {
    if (e instanceof PhotoRejectedError) return refuse(e.reason);
    throw e;
  }
}

export type PostPhotos = {
  /** What the post attaches, in order, when it is made. */
  attach: AttachedPhoto[];
  /** The same photos as its form shows them again. */
  pending: (PendingPhoto & { caption: string | null })[];
  /** The first refusal, as a message key and its values, for the field's error. */
  error: { key: string; values: Record<string, string | number> } | null;
};

/**
 * Reads a post's form with its photos. The values keep the pending photos (under
 * PENDING_VALUES_KEY) so that every refusal that sends the values back shows them again.
 */
export async function readPostForm(
  request: Request,
  user: { id: string },
  now: number,
): Promise<{ values: FormValues; photos: PostPhotos; tooLarge: boolean }> {
  const outcomes: UploadOutcome[] = [];
  let extraFiles = 0;
  let tooLarge = false;
  const form = await readFormWithFiles(
    request,
    { field: PHOTO_FIELD, maxFiles: PHOTO_LIMITS.perPost, maxFileBytes: PHOTO_LIMITS.fileBytes },
    async (file) => {
      const outcome = await acceptUpload(user.id, file, now);
      outcomes.push(outcome);
      return outcome.ok ? String(outcome.photo.id) : "";
    },
    { onExtraFile: () => void (extraFiles += 1), onTextOverflow: () => void (tooLarge = true) },
  );
  const values = formValues(form);
  // Only the server puts pending photos in the values it sends back.
  delete values[PENDING_VALUES_KEY];
  // Ids in order, each once; past a post's worth nothing more is read.
  const ids = new Set<number>();
  let tooMany = extraFiles > 0;
  for (const v of [...form.getAll(PHOTO_ID_FIELD), ...form.getAll(PHOTO_FIELD)]) {
    if (typeof v !== "string" || !/^\d{1,15}$/.test(v)) continue;
    if (ids.size === PHOTO_LIMITS.perPost && !ids.has(Number(v))) {
      tooMany = true;
      break;
    }
    ids.add(Number(v));
  }
  const known = await pendingPhotos(user.id, [...ids]);
  const pending = known.map((p) => ({ ...p, caption: values[captionField(p.id)]?.trim().slice(0, PHOTO_LIMITS.captionChars) || null }));
  const refused = outcomes.find((o): o is Extract<UploadOutcome, { ok: false }> => !o.ok);
  const error: PostPhotos["error"] = refused
    ? { key: `photos.refused.${refused.reason}`, values: { name: refused.filename, max: PHOTO_LIMITS.perPost, size: "15 MB" } }
    : tooMany
      ? { key: "photos.refused.tooMany", values: { max: PHOTO_LIMITS.perPost, count: PHOTO_LIMITS.perPost + Math.max(1, extraFiles) } }
      : null;
  if (pending.length > 0) values[PENDING_VALUES_KEY] = JSON.stringify(pending);
  return { values, tooLarge, photos: { attach: pending.map((p) => ({ id: p.id, caption: p.caption })), pending, error } };
}

/**
 * 413: the post's text is over the form limit (FORM_BODY_LIMIT) though it came with photos;
 * the fields that fit are kept, and the photos.
 */
export function textTooLarge(values: FormValues) {
  return json<ActionErrors>(
    { errors: {}, values, formError: "http.formTooLargeSent", formErrorValues: { limit: formatBytes(getEnv().FORM_BODY_LIMIT) } },
    { status: 413 },
  );
}

/** The refusal of a post one of whose photos expired while it was written. */
export const PHOTOS_GONE = { key: "photos.refused.gone", values: {} };

/** 400: the post's photos were refused (a file, or too many); the text and the other photos are kept. */
export function photoRefusal(values: FormValues, error: NonNullable<PostPhotos["error"]>) {
  return json<ActionErrors>(
    { errors: { photos: error.key }, errorValues: { photos: error.values }, values, formError: "errors.formHasErrors" },
    { status: 400 },
  );
}
