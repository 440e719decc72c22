// How large a request body may be, by path. Shared by the server, which refuses a larger body
// while it streams in, and the browser, which checks a form before sending it.
// See docs/decisions/0007-request-bodies-and-device-cookies.md.

export type BodyLimitRule = { path: RegExp; bytes: number };

const MB = 1024 * 1024;

/**
 * Paths that take files, each with a limit sized for them; every other path gets the form
 * limit (FORM_BODY_LIMIT). Photos on a complaint, say, would add
 * `{ path: /^\/threads\/new$/, bytes: 9 * 15 * MB + FORM_PART }` here.
 */
export const UPLOAD_LIMITS: readonly BodyLimitRule[] = [];

/** Room for a form's text fields beside its files. */
export const FORM_PART = MB / 4;

export function bodyLimitFor(pathname: string, formLimit: number, rules: readonly BodyLimitRule[] = UPLOAD_LIMITS): number {
  for (const rule of rules) if (rule.path.test(pathname)) return rule.bytes;
  return formLimit;
}

/** "256 KB", "135 MB": a limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
