// How large a request body may be, by path. Shared by the server, which refuses a larger body
// while it streams in, and the browser, which checks a form before sending it.
// See docs/decisions/0007-request-bodies-and-device-cookies.md.

import { PHOTO_LIMITS } from "./photo-limits";

export type BodyLimitRule = { path: RegExp; bytes: number };

const MB = 1024 * 1024;

/** Room for a form's text fields beside its files. */
export const FORM_PART = MB / 4;

/**
 * Paths that take files, each with a limit sized for them; every other path gets the form
 * limit (FORM_BODY_LIMIT). A post (a complaint, a reply, an official post, a promise kept)
 * takes up to its photos in full; the page script's upload takes one photo at a time.
 */
export const UPLOAD_LIMITS: readonly BodyLimitRule[] = [
  { path: /^\/photos\/upload$/, bytes: PHOTO_LIMITS.fileBytes + FORM_PART },
  { path: /^\/threads\/(new|\d{1,15})$/, bytes: PHOTO_LIMITS.perPost * PHOTO_LIMITS.fileBytes + FORM_PART },
];

/**
 * The limit of a body posted to `pathname`. Only a multipart body can carry files: any other
 * (a url-encoded form, say) gets the form limit even on a path that takes files.
 */
export function bodyLimitFor(
  pathname: string,
  contentType: string | null | undefined,
  formLimit: number,
  rules: readonly BodyLimitRule[] = UPLOAD_LIMITS,
): number {
  if (!/^\s*multipart\/form-data\s*(;|$)/i.test(contentType ?? "")) return formLimit;
  for (const rule of rules) if (rule.path.test(pathname)) return rule.bytes;
  return formLimit;
}

/** "256 KB", "135 MB": a limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
