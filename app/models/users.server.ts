// Accounts: registration, login checks, roles.
import { randomUUID } from "node:crypto";
import { and, asc, eq, like, or, sql } from "drizzle-orm";
import { users } from "../../db/schema";
import { burnPasswordCheck, hashPassword, verifyPassword } from "~/lib/auth.server";
import { affected, getDb, isUniqueViolation, transaction } from "~/lib/db.server";
import type { Role } from "~/lib/domain";
import { alreadyRegisteredEmail, localeOf } from "~/presenters/emails.server";
import type { Locale } from "~/lib/i18n";
import { enqueueMail } from "~/models/mail-outbox.server";
import { queueVerificationEmail } from "./account-tokens.server";
import { audit } from "./audit.server";

export class EmailTakenError extends Error {
  constructor() {
    super("email taken");
  }
}

export async function createUser(
  input: {
    email: string;
    displayName: string;
    password: string;
    role?: Role;
    locale?: string | null;
    /** Send the address-verification email (registration does). */
    verifyEmail?: boolean;
    /** The address is known to be the person's already (demo data, an operator's script). */
    emailVerified?: boolean;
  },
  now: number,
) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  try {
    await transaction(async (tx) => {
      const user = { id, email, displayName: input.displayName.trim(), locale: input.locale ?? null };
      await tx
        .insert(users)
        .values({ ...user, passwordHash, role: input.role ?? "owner", createdAt: now, emailVerifiedAt: input.emailVerified ? now : null })
        .run();
      if (input.verifyEmail) await queueVerificationEmail(tx, user, now);
    });
  } catch (e) {
    if (isUniqueViolation(e, "users", "email")) throw new EmailTakenError();
    throw e;
  }
  return { id, email, displayName: input.displayName.trim(), role: input.role ?? "owner" };
}

/**
 * Registration from the public form. It answers the same whether or not the address is
 * already registered, so that nobody can learn who has an account: a new address gets an
 * account and its verification link, a known one only an email to its owner saying that
 * someone tried. The password is hashed either way, so both take as long.
 */
export async function registerOwner(input: { email: string; displayName: string; password: string; locale: Locale }, now: number): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  await transaction(async (tx) => {
    const existing = await tx.select({ id: users.id, displayName: users.displayName, locale: users.locale }).from(users).where(eq(users.email, email)).get();
    if (!existing) {
      const user = { id: randomUUID(), email, displayName: input.displayName.trim(), locale: input.locale };
      // Nothing if the same address was registered by a request sent at the same moment (on
      // PostgreSQL both can find it free): that one made the account and sent its link, and
      // this one answers the same, with no second email.
      const inserted = await tx
        .insert(users)
        .values({ ...user, passwordHash, role: "owner", createdAt: now })
        .onConflictDoNothing({ target: users.email })
        .run();
      if (affected(inserted) === 1) await queueVerificationEmail(tx, user, now);
      return;
    }
    // At most one such email an hour to an address, however often someone tries.
    const mail = alreadyRegisteredEmail({ to: email, name: existing.displayName, locale: localeOf(existing.locale) });
    await enqueueMail(tx, { ...mail, dedupeKey: `already-registered:${existing.id}:${Math.floor(now / 3_600_000)}` }, now);
  });
}

/** The user id when email and password match, otherwise null. Same cost either way. */
export async function verifyLogin(email: string, password: string): Promise<string | null> {
  const row = await getDb().select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  if (!row) {
    await burnPasswordCheck(password);
    return null;
  }
  return (await verifyPassword(row.passwordHash, password)) ? row.id : null;
}

export function getUserById(id: string) {
  return getDb()
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      bannedAt: users.bannedAt,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.id, id))
    .get();
}

export async function listUsers({ query, limit = 200 }: { query?: string; limit?: number } = {}) {
  const db = getDb();
  const q = query?.trim();
  const where = q ? or(like(users.email, `%${q.toLowerCase()}%`), like(users.displayName, `%${q}%`)) : undefined;
  return await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      createdAt: users.createdAt,
      bannedAt: users.bannedAt,
      banReason: users.banReason,
    })
    .from(users)
    .where(where)
    .orderBy(sql`case ${users.role} when 'admin' then 0 when 'staff' then 1 else 2 end`, asc(users.createdAt))
    .limit(limit)
    .all();
}

/** Admins make a user staff or take it back. Admin accounts are not changed this way. */
export function setStaffRole(adminId: string, userId: string, makeStaff: boolean, now: number) {
  return transaction(async (tx) => {
    const user = await tx.select({ role: users.role, displayName: users.displayName }).from(users).where(eq(users.id, userId)).get();
    if (!user) return { ok: false as const, reason: "notFound" as const };
    if (user.role === "admin") return { ok: false as const, reason: "admin" as const };
    const role: Role = makeStaff ? "staff" : "owner";
    await tx
      .update(users)
      .set({ role })
      .where(and(eq(users.id, userId), eq(users.role, user.role)))
      .run();
    await audit(tx, { actorId: adminId, action: "set_role", targetUserId: userId, before: { role: user.role }, after: { role }, now });
    return { ok: true as const, role, displayName: user.displayName };
  });
}

/** Admins ban a user (who can still read, but no longer post) or lift the ban. */
export function setBan(adminId: string, userId: string, ban: boolean, reason: string | null, now: number) {
  return transaction(async (tx) => {
    const user = await tx
      .select({ role: users.role, bannedAt: users.bannedAt, banReason: users.banReason, displayName: users.displayName })
      .from(users)
      .where(eq(users.id, userId))
      .get();
    if (!user) return { ok: false as const, reason: "notFound" as const };
    if (user.role === "admin") return { ok: false as const, reason: "admin" as const };
    await tx
      .update(users)
      .set(ban ? { bannedAt: now, banReason: reason } : { bannedAt: null, banReason: null })
      .where(eq(users.id, userId))
      .run();
    await audit(tx, {
      actorId: adminId,
      action: ban ? "ban" : "unban",
      targetUserId: userId,
      before: { banned: user.bannedAt != null, reason: user.banReason },
      after: { banned: ban, reason: ban ? reason : null },
      now,
    });
    return { ok: true as const, displayName: user.displayName };
  });
}

export async function setAdminByEmail(email: string, displayName: string, password: string) {
  const db = getDb();
  const normalized = email.trim().toLowerCase();
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, normalized)).get();
  if (existing) {
    await db
      .update(users)
      .set({ role: "admin", passwordHash: await hashPassword(password), emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${Date.now()})` })
      .where(eq(users.id, existing.id))
      .run();
    return { id: existing.id, created: false };
  }
  // The operator who runs the script vouches for the address.
  const created = await createUser({ email: normalized, displayName, password, role: "admin", emailVerified: true }, Date.now());
  return { id: created.id, created: true };
}

/** Staff and admins, for the assignee menu. */
export function listStaff() {
  return getDb()
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(sql`${users.role} in ('staff', 'admin')`)
    .orderBy(asc(users.displayName))
    .all();
}
