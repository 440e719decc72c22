// Device cookies: a browser that has logged in to an account carries a signed token naming that
// account, and its log-in attempts for that account are counted on their own, so strangers who
// use up the account's limit cannot lock its owner out. See docs/decisions/0007-request-bodies-and-device-cookies.md.
import { randomBytes } from "node:crypto";
import { readCookie } from "~/lib/cookies";
import { getEnv } from "~/lib/env.server";
import { sign, verifySignature } from "./signing.server";

const NAME = "tousu_device";
const MAX_AGE = 365 * 24 * 60 * 60;

// The account by a keyed hash of its (normalised) email: no email in the cookie, and the log-in form
// can tell which account a cookie is for before any database lookup or password check.
const accountTag = async (email: string) => (await sign("login-device-account", email.trim().toLowerCase())).slice(0, 22);

/** The Set-Cookie header for a browser that has just logged in with this email. */
export async function deviceCookie(email: string): Promise<string> {
  const payload = `${await accountTag(email)}.${randomBytes(16).toString("base64url")}`;
  const token = `${payload}.${await sign("login-device", payload)}`;
  // Only the log-in page needs it.
  return `${NAME}=${token}; Path=/login; Max-Age=${MAX_AGE}; HttpOnly; SameSite=Lax${getEnv().COOKIE_SECURE ? "; Secure" : ""}`;
}

/**
 * The key of this browser's own log-in limit for the account of `email`, when the request carries
 * a valid device cookie for that account; null otherwise (the account's shared limit applies).
 */
export async function knownDevice(cookieHeader: string | null | undefined, email: string): Promise<string | null> {
  const token = readCookie(cookieHeader, NAME);
  const parts = token?.split(".");
  if (!parts || parts.length !== 3) return null;
  const [tag, device, signature] = parts as [string, string, string];
  if (!(await verifySignature("login-device", `${tag}.${device}`, signature))) return null;
  return tag === (await accountTag(email)) ? `${tag}.${device}` : null;
}
