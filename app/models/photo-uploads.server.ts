// A post's photos as its form sends them: files chosen in a plain file input (processed as
// they arrive, each kept as the user's pending photo), and photos uploaded earlier (by the
// page's script, or by a post that was refused) named by id, each with its caption. Whatever
// happens to the post, nothing uploaded is lost: a refused post shows its photos again.
import { json } from "@remix-run/node";
import { formValues, readFormWithFiles, type ActionErrors, type FormValues } from "~/lib/forms.server";
import { captionField, PENDING_VALUES_KEY, PHOTO_FIELD, PHOTO_ID_FIELD, PHOTO_LIMITS, type PendingPhoto } from "~/lib/photo-limits";
import { PhotoRejectedError, processPhoto } from "~/lib/photo-processing.server";
import { consume, RateLimitedError } from "~/lib/rate-limit.server";
import { pendingPhotos, storePendingPhoto, type AttachedPhoto } from "./photos.server";

export { PHOTO_FIELD };

export type UploadRefusal = "type" | "tooLarge" | "tooManyPixels" | "unreadable" | "dailyVolume" | "rateLimited";
export type UploadOutcome = { ok: true; photo: PendingPhoto } | { ok: false; reason: UploadRefusal; filename: string };

/** Processes and keeps one uploaded file as the user's pending photo. */
export async function acceptUpload(userId: string, file: { filename: string; bytes: Buffer; tooLarge: boolean }, now: number): Promise<UploadOutcome> {
  const refuse = (reason: UploadRefusal): UploadOutcome => ({ ok: false, reason, filename: file.filename.slice(0, 80) });
  if (file.tooLarge) return refuse("tooLarge");
  try {
    await consume("photo", userId);
  } catch (e) {
    if (e instanceof RateLimitedError) return refuse("rateLimited");
    throw e;
  }
  try {
    const processed = await processPhoto(file.bytes);
    const stored = await storePendingPhoto(userId, processed, file.bytes.length, now);
    return stored.ok ? stored : refuse(stored.reason);
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
export async function readPostForm(request: Request, user: { id: string }, now: number): Promise<{ values: FormValues; photos: PostPhotos }> {
  const outcomes: UploadOutcome[] = [];
  const form = await readFormWithFiles(request, PHOTO_FIELD, PHOTO_LIMITS.fileBytes, async (file) => {
    const outcome = await acceptUpload(user.id, file, now);
    outcomes.push(outcome);
    return outcome.ok ? String(outcome.photo.id) : "";
  });
  const values = formValues(form);
  const ids = [...form.getAll(PHOTO_ID_FIELD), ...form.getAll(PHOTO_FIELD)]
    .filter((v): v is string => typeof v === "string" && /^\d{1,15}$/.test(v))
    .map(Number)
    .filter((id, i, all) => all.indexOf(id) === i);
  const known = await pendingPhotos(user.id, ids);
  const pending = known.map((p) => ({ ...p, caption: values[captionField(p.id)]?.trim().slice(0, PHOTO_LIMITS.captionChars) || null }));
  const refused = outcomes.find((o): o is Extract<UploadOutcome, { ok: false }> => !o.ok);
  const error: PostPhotos["error"] = refused
    ? { key: `photos.refused.${refused.reason}`, values: { name: refused.filename, max: PHOTO_LIMITS.perPost, size: "15 MB" } }
    : pending.length > PHOTO_LIMITS.perPost
      ? { key: "photos.refused.tooMany", values: { max: PHOTO_LIMITS.perPost, count: pending.length } }
      : null;
  if (pending.length > 0) values[PENDING_VALUES_KEY] = JSON.stringify(pending);
  return { values, photos: { attach: pending.map((p) => ({ id: p.id, caption: p.caption })), pending, error } };
}

/** 400: the post's photos were refused (a file, or too many); the text and the other photos are kept. */
export function photoRefusal(values: FormValues, error: NonNullable<PostPhotos["error"]>) {
  return json<ActionErrors>(
    { errors: { photos: error.key }, errorValues: { photos: error.values }, values, formError: "errors.formHasErrors" },
    { status: 400 },
  );
}
