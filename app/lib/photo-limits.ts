// What a post may carry in photos. Shared by the server, which enforces it, and the browser,
// which checks a form before sending it so that what was typed is never lost.
const MB = 1024 * 1024;

export const PHOTO_LIMITS = {
  /** Photos on one post (a complaint, a reply, an official post, a "promise kept" record). */
  perPost: 9,
  /** One file as uploaded, before processing. */
  fileBytes: 15 * MB,
  /** Decoded size refused before decoding (a decompression bomb): 50 megapixels. */
  pixels: 50_000_000,
  /** The longest side of the display image and of the thumbnail. */
  displaySide: 1600,
  thumbSide: 320,
  captionChars: 120,
} as const;

/** For the file input's accept attribute; the server decides the type from the bytes alone. */
export const PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif";

/** The form fields of a post's photos: the files, the kept uploads, and each one's caption. */
export const PHOTO_FIELD = "photo";
export const PHOTO_ID_FIELD = "photoId";
export const captionField = (id: number) => `caption-${id}`;
/** Where a refused post's photos travel back to its form, inside its kept values. */
export const PENDING_VALUES_KEY = "__photos";

/** A photo uploaded and waiting for its post, as its form shows it. */
export type PendingPhoto = { id: number; thumbUrl: string; width: number; height: number; caption: string | null };

/** The pending photos a refused post's values carry back (nothing that is not one). */
export function pendingFromValues(values: Record<string, string> | undefined): PendingPhoto[] {
  const raw = values?.[PENDING_VALUES_KEY];
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(raw);
    if (!Array.isArray(list)) return [];
    return list.filter((p): p is PendingPhoto => !!p && typeof p === "object" && Number.isSafeInteger(p.id) && p.thumbUrl === privatePhotoUrl(p.id, "thumb"));
  } catch {
    return [];
  }
}

/** The two images kept of each photo. */
export type PhotoVariant = "display" | "thumb";
/** A shown photo, to anyone (cached for a year). */
export const publicPhotoUrl = (id: number, variant: PhotoVariant) => `/photos/${id}/${variant}.jpg`;
/** Any photo, to its uploader and staff only (stored by no cache). */
export const privatePhotoUrl = (id: number, variant: PhotoVariant) => `/photos/private/${id}/${variant}.jpg`;
