// Single-use tokens for email verification and password reset. Only a hash is stored,
// so a leaked database does not leak working links.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { authTokens, users } from "../../db/schema";
import { endAllSessions, hashPassword, startSession, verifyPassword } from "~/lib/auth.server";
import { type DB, getDb, transaction, type Tx } from "~/lib/db.server";
import { localeOf, passwordResetEmail, verifyEmailEmail } from "~/presenters/emails.server";
import { enqueueMail } from "~/models/mail-outbox.server";
import { accountLock } from "./sql.server";

type Purpose = "verify_email" | "reset_password";

export const VERIFY_TTL_MS = 7 * 24 * 3600_000;
export const RESET_TTL_MS = 3600_000;
/**
 * Reset emails one address gets at most within RESET_TTL_MS. The form's limit is per client
 * address; this one holds whatever addresses a flood comes from. The links already sent still work.
 */
export const RESETS_PER_ADDRESS = 3;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

async function issueToken(tx: Tx | DB, userId: string, purpose: Purpose, ttl: number, now: number) {
  const token = randomBytes(32).toString("base64url");
  await tx
    .insert(authTokens)
    .values({ tokenHash: hashToken(token), userId, purpose, createdAt: now, expiresAt: now + ttl })
    .run();
  return token;
}

/** Queues the verification email for a new account (in the caller's transaction). */
export async function queueVerificationEmail(tx: Tx | DB, user: { id: string; email: string; displayName: string; locale: string | null }, now: number) {
  const token = await issueToken(tx, user.id, "verify_email", VERIFY_TTL_MS, now);
  await enqueueMail(tx, verifyEmailEmail({ to: user.email, name: user.displayName, locale: localeOf(user.locale), token }), now);
}

async function findValid(tx: Tx | DB, token: string, purpose: Purpose, now: number) {
  if (!token || token.length > 100) return undefined;
  return await tx
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .get();
}

/** Uses a verification link once; returns whose address it verified, or null. */
export async function verifyEmail(token: string, now: number): Promise<string | null> {
  return transaction(async (tx) => {
    const row = await findValid(tx, token, "verify_email", now);
    if (!row) return null;
    await tx.update(authTokens).set({ usedAt: now }).where(eq(authTokens.tokenHash, row.tokenHash)).run();
    await tx.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, row.userId)).run();
    return row.userId;
  });
}

/** Sends a fresh verification link to a user who has not verified yet; false when already verified. */
export async function resendVerification(userId: string, now: number): Promise<boolean> {
  const sent = await transaction(async (tx) => {
    const user = await tx
      .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale, verifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, userId))
      .get();
    if (!user || user.verifiedAt != null) return false;
    await queueVerificationEmail(tx, user, now);
    return true;
  });
  return sent;
}

/** Ends every reset link of a user not yet used: a new password makes them moot. */
async function endResetLinks(tx: Tx, userId: string, now: number) {
  await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, "reset_password"), isNull(authTokens.usedAt)))
    .run();
}

/** Sends a reset link when the address belongs to an account; says nothing either way. */
export async function requestPasswordReset(email: string, now: number) {
  await transaction(async (tx) => {
    const user = await tx
      .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
      .from(users)
      .where(eq(users.email, email.trim().toLowerCase()))
      .get();
    if (!user) return;
    // Requests at the same moment count one after the other (PostgreSQL; SQLite writes one at a time).
    await accountLock(tx, user.id);
    const recent = await tx
      .select({ n: sql<number>`count(*)` })
      .from(authTokens)
      .where(and(eq(authTokens.userId, user.id), eq(authTokens.purpose, "reset_password"), gt(authTokens.createdAt, now - RESET_TTL_MS)))
      .get();
    if (Number(recent?.n ?? 0) >= RESETS_PER_ADDRESS) return;
    const token = await issueToken(tx, user.id, "reset_password", RESET_TTL_MS, now);
    await enqueueMail(tx, passwordResetEmail({ to: user.email, name: user.displayName, locale: localeOf(user.locale), token }), now);
  });
}

export async function isResetTokenValid(token: string, now: number) {
  return !!(await findValid(getDb(), token, "reset_password", now));
}

/**
 * Uses the token once: sets the new password and ends every session of the account and
 * every other reset link. Opening a link sent to the address also proves the address.
 */
export async function resetPassword(token: string, password: string, now: number): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const userId = await transaction(async (tx) => {
    const row = await findValid(tx, token, "reset_password", now);
    if (!row) return null;
    await endResetLinks(tx, row.userId, now);
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now})` })
      .where(eq(users.id, row.userId))
      .run();
    return row.userId;
  });
  if (!userId) return false;
  await endAllSessions(userId);
  return true;
}

export type PasswordChange = { ok: true; cookie: string } | { ok: false; reason: "wrongPassword" };

/**
 * A logged-in user changes their password: the current one is checked first. Every other
 * session and every reset link of the account end; the returned cookie keeps this browser
 * logged in with a fresh session.
 */
export async function changePassword(userId: string, current: string, next: string, now: number): Promise<PasswordChange> {
  const row = await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  if (!row || !(await verifyPassword(row.hash, current))) return { ok: false, reason: "wrongPassword" };
  const passwordHash = await hashPassword(next);
  await transaction(async (tx) => {
    await endResetLinks(tx, userId, now);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
  });
  await endAllSessions(userId);
  return { ok: true, cookie: await startSession(userId) };
}
