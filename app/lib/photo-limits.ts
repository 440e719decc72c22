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
