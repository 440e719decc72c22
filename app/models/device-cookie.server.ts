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
  return httpOnlyCookie(NAME, token, "/login", MAX_AGE);
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

// The browser that registered an address. Opening the address's verification link logs a browser
// in only when it is this one: a link opened anywhere else (sent to someone else, or pushed on
// them by whoever registered it) would sign that browser in to an account that is not theirs, and
// what they typed next would be the registrant's to read. The cookie is set whether or not the
// address already had an account, so the answer to a registration still says nothing of that.
const REGISTERED = "tousu_registered";
const REGISTERED_MAX_AGE = 7 * 24 * 60 * 60;
const REGISTERING = "registering-browser";
const normalised = (email: string) => email.trim().toLowerCase();

/** The Set-Cookie header for the browser that has just registered with this email. */
export async function registeringCookie(email: string): Promise<string> {
  return httpOnlyCookie(REGISTERED, await sign(REGISTERING, normalised(email)), "/verify-email", REGISTERED_MAX_AGE);
}

/** Whether the request comes from the browser that registered with this email. */
export async function registeredHere(cookieHeader: string | null | undefined, email: string): Promise<boolean> {
  const token = readCookie(cookieHeader, REGISTERED);
  return !!token && verifySignature(REGISTERING, normalised(email), token);
}

/** The Set-Cookie header that removes the registering browser's cookie once it has been used. */
export function clearRegisteringCookie(): string {
  return httpOnlyCookie(REGISTERED, "", "/verify-email", 0);
}

function httpOnlyCookie(name: string, value: string, path: string, maxAge: number) {
  return `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${getEnv().COOKIE_SECURE ? "; Secure" : ""}`;
}
