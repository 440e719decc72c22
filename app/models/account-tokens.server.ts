// Single-use tokens for email verification and password reset. Only a hash is stored,
// so a leaked database does not leak working links.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { authTokens, users } from "../../db/schema";
import { endAllSessions, hashPassword } from "~/lib/auth.server";
import { getDb, type DB } from "~/lib/db.server";
import { localeOf, passwordResetEmail, verifyEmailEmail } from "~/lib/emails.server";
import { enqueueMail } from "~/lib/mail.server";

type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];
type Purpose = "verify_email" | "reset_password";

export const VERIFY_TTL_MS = 7 * 24 * 3600_000;
export const RESET_TTL_MS = 3600_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function issueToken(tx: Tx | DB, userId: string, purpose: Purpose, ttl: number, now: number) {
  const token = randomBytes(32).toString("base64url");
  tx.insert(authTokens).values({ tokenHash: hashToken(token), userId, purpose, createdAt: now, expiresAt: now + ttl }).run();
  return token;
}

/** Queues the verification email for a new account (in the caller's transaction). */
export function queueVerificationEmail(tx: Tx | DB, user: { id: string; email: string; displayName: string; locale: string | null }, now: number) {
  const token = issueToken(tx, user.id, "verify_email", VERIFY_TTL_MS, now);
  enqueueMail(tx, verifyEmailEmail({ to: user.email, name: user.displayName, locale: localeOf(user.locale), token }), now);
}

function findValid(tx: Tx | DB, token: string, purpose: Purpose, now: number) {
  if (!token || token.length > 100) return undefined;
  return tx
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .get();
}

export function verifyEmail(token: string, now = Date.now()): boolean {
  return getDb().transaction((tx) => {
    const row = findValid(tx, token, "verify_email", now);
    if (!row) return false;
    tx.update(authTokens).set({ usedAt: now }).where(eq(authTokens.tokenHash, row.tokenHash)).run();
    tx.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, row.userId)).run();
    return true;
  });
}

/** Sends a reset link when the address belongs to an account; says nothing either way. */
export function requestPasswordReset(email: string, now = Date.now()) {
  const db = getDb();
  db.transaction((tx) => {
    const user = tx
      .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
      .from(users)
      .where(eq(users.email, email.trim().toLowerCase()))
      .get();
    if (!user) return;
    const token = issueToken(tx, user.id, "reset_password", RESET_TTL_MS, now);
    enqueueMail(tx, passwordResetEmail({ to: user.email, name: user.displayName, locale: localeOf(user.locale), token }), now);
  });
}

export function isResetTokenValid(token: string, now = Date.now()) {
  return !!findValid(getDb(), token, "reset_password", now);
}

/** Uses the token once: sets the new password and ends every session of the account. */
export async function resetPassword(token: string, password: string, now = Date.now()): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const userId = getDb().transaction((tx) => {
    const row = findValid(tx, token, "reset_password", now);
    if (!row) return null;
    tx.update(authTokens).set({ usedAt: now }).where(eq(authTokens.tokenHash, row.tokenHash)).run();
    tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId)).run();
    return row.userId;
  });
  if (!userId) return false;
  await endAllSessions(userId);
  return true;
}
