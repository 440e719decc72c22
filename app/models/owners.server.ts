// Owners' private records per project (contact for call-backs, unit, purchase date, the name
// they go by there) and the verification of their ownership. Only the owner and staff ever
// read a record; staff reading an owner's contact is an audit entry, and the audit log never
// holds the contact, the unit or the contract number themselves.
import { and, asc, desc, eq, isNotNull, sql, type AnyColumn } from "drizzle-orm";
import { ownerProjects, ownerVerifications, projects, threads, users } from "../../db/schema";
import { getDb, transaction, type Tx } from "~/lib/db.server";
import { isStaffRole } from "~/lib/domain";
import { getEnv } from "~/lib/env.server";
import { localDayKey } from "~/lib/periods";
import type { FieldErrors, FormValues } from "~/lib/form-rules";
import { ownerFieldErrors, ownerRecordSchema, registerSignedSchema, verificationRequestSchema } from "~/lib/validation.server";
import { audit } from "./audit.server";

export type OwnerResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; reason: "notFound" | "notOwner" | "forbidden" | "pending" | "already" | "wrongState" | "noRecord" }
  | { ok: false; reason: "invalid"; errors: FieldErrors };

export type VerificationState = "none" | "pending" | "approved" | "refused";

const today = (now: number) => localDayKey(now, getEnv().SITE_TIME_ZONE);
const lastFour = (s: string) => [...s].slice(-4).join("");
const recordKey = (userId: string, projectId: number) => and(eq(ownerProjects.userId, userId), eq(ownerProjects.projectId, projectId));

/** Only an owner's account (not deleted) holds records: staff speak for the company, not as buyers. */
async function isOwnerAccount(tx: Tx, userId: string) {
  const u = await tx.select({ role: users.role, deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId)).get();
  return u != null && u.role === "owner" && u.deletedAt == null;
}

async function isStaffAccount(tx: Tx, userId: string) {
  const u = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
  return isStaffRole(u?.role);
}

async function projectExists(tx: Tx, projectId: number) {
  return (await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).get()) != null;
}

async function ensureRecord(tx: Tx, userId: string, projectId: number, now: number) {
  await tx.insert(ownerProjects).values({ userId, projectId, createdAt: now, updatedAt: now }).onConflictDoNothing().run();
}

// ---------------------------------------------------------------- the owner's side

/** Everything the owner's page shows: each record with its latest verification, and the projects not yet added. */
export async function ownerProjectsPage(userId: string) {
  const db = getDb();
  const records = await db
    .select({
      projectId: ownerProjects.projectId,
      projectName: projects.name,
      projectSlug: projects.slug,
      building: ownerProjects.building,
      unit: ownerProjects.unit,
      phone: ownerProjects.phone,
      purchaseDate: ownerProjects.purchaseDate,
      pseudonym: ownerProjects.pseudonym,
      verifiedAt: ownerProjects.verifiedAt,
    })
    .from(ownerProjects)
    .innerJoin(projects, eq(projects.id, ownerProjects.projectId))
    .where(eq(ownerProjects.userId, userId))
    .orderBy(asc(ownerProjects.createdAt), asc(projects.name))
    .all();
  // An owner's own requests are few; the newest per project is the one that counts.
  const requests = await db
    .select({
      projectId: ownerVerifications.projectId,
      status: ownerVerifications.status,
      reason: ownerVerifications.reason,
      contractLast4: ownerVerifications.contractLast4,
      requestedAt: ownerVerifications.requestedAt,
      decidedAt: ownerVerifications.decidedAt,
    })
    .from(ownerVerifications)
    .where(eq(ownerVerifications.userId, userId))
    .orderBy(desc(ownerVerifications.id))
    .all();
  const latest = new Map<number, (typeof requests)[number]>();
  for (const r of requests) if (!latest.has(r.projectId)) latest.set(r.projectId, r);
  const added = new Set(records.map((r) => r.projectId));
  const options = (
    await db.select({ id: projects.id, name: projects.name, city: projects.city }).from(projects).orderBy(asc(projects.city), asc(projects.name)).all()
  ).filter((p) => !added.has(p.id));
  return {
    records: records.map((r) => {
      const request = latest.get(r.projectId) ?? null;
      const state: VerificationState = r.verifiedAt != null ? "approved" : (request?.status ?? "none");
      return { ...r, verification: { state, request } };
    }),
    projects: options,
  };
}

/** Adds a project the owner owns in, with an empty record (adding it again changes nothing). */
export async function addOwnerProject(userId: string, projectId: number, now: number): Promise<OwnerResult> {
  return transaction(async (tx) => {
    if (!(await isOwnerAccount(tx, userId))) return { ok: false, reason: "notOwner" };
    if (!(await projectExists(tx, projectId))) return { ok: false, reason: "notFound" };
    await ensureRecord(tx, userId, projectId, now);
    return { ok: true };
  });
}

/** Saves the owner's record in a project: every field optional, an empty one cleared. */
export async function saveOwnerRecord(userId: string, projectId: number, input: FormValues, now: number): Promise<OwnerResult> {
  const parsed = ownerRecordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", errors: ownerFieldErrors(parsed.error) };
  const record = parsed.data;
  if (record.purchaseDate && record.purchaseDate > today(now))
    return { ok: false, reason: "invalid", errors: { purchaseDate: "owners.errors.purchaseDateFuture" } };
  return transaction(async (tx) => {
    if (!(await isOwnerAccount(tx, userId))) return { ok: false, reason: "notOwner" };
    if (!(await projectExists(tx, projectId))) return { ok: false, reason: "notFound" };
    // A pseudonym passes for nobody else: not an account's name (staff's included), not
    // another owner's pseudonym in the project.
    if (record.pseudonym) {
      const name = record.pseudonym;
      const taken =
        (await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.displayName, name), sql`${users.id} <> ${userId}`))
          .limit(1)
          .get()) ??
        (await tx
          .select({ id: ownerProjects.userId })
          .from(ownerProjects)
          .where(and(eq(ownerProjects.projectId, projectId), eq(ownerProjects.pseudonym, name), sql`${ownerProjects.userId} <> ${userId}`))
          .limit(1)
          .get());
      if (taken) return { ok: false, reason: "invalid", errors: { pseudonym: "owners.errors.pseudonymTaken" } };
    }
    await tx
      .insert(ownerProjects)
      .values({ userId, projectId, ...record, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [ownerProjects.userId, ownerProjects.projectId], set: { ...record, updatedAt: now } })
      .run();
    return { ok: true };
  });
}

/**
 * The owner asks to be verified in a project with their purchase contract's number. One
 * request waits at a time; staff see the number until they decide, then only its last four
 * characters remain.
 */
export async function requestVerification(userId: string, projectId: number, input: FormValues, now: number): Promise<OwnerResult<{ id: number }>> {
  const parsed = verificationRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", errors: ownerFieldErrors(parsed.error) };
  const contractNumber = parsed.data.contractNumber;
  return transaction(async (tx) => {
    if (!(await isOwnerAccount(tx, userId))) return { ok: false, reason: "notOwner" };
    if (!(await projectExists(tx, projectId))) return { ok: false, reason: "notFound" };
    await ensureRecord(tx, userId, projectId, now);
    // Touching the record takes its row lock on PostgreSQL, so two requests sent at once take
    // turns and the second sees the first (SQLite's write transactions already take turns).
    const record = await tx
      .update(ownerProjects)
      .set({ updatedAt: sql`${ownerProjects.updatedAt}` })
      .where(recordKey(userId, projectId))
      .returning({ verifiedAt: ownerProjects.verifiedAt })
      .get();
    if (record?.verifiedAt != null) return { ok: false, reason: "already" };
    const waiting = await tx
      .select({ id: ownerVerifications.id })
      .from(ownerVerifications)
      .where(and(eq(ownerVerifications.userId, userId), eq(ownerVerifications.projectId, projectId), eq(ownerVerifications.status, "pending")))
      .get();
    if (waiting) return { ok: false, reason: "pending" };
    const row = await tx
      .insert(ownerVerifications)
      .values({ userId, projectId, contractNumber, contractLast4: lastFour(contractNumber), status: "pending", requestedAt: now })
      .returning({ id: ownerVerifications.id })
      .get();
    return { ok: true, id: row.id };
  });
}

export async function isVerifiedOwner(userId: string, projectId: number): Promise<boolean> {
  const r = await getDb()
    .select({ verifiedAt: ownerProjects.verifiedAt })
    .from(ownerProjects)
    .where(and(recordKey(userId, projectId), isNotNull(ownerProjects.verifiedAt)))
    .get();
  return r != null;
}

/**
 * How much a flag counts toward hiding, summed over the flags of one query: a flag from an
 * owner verified in the thread's project counts FLAG_VERIFIED_OWNER_WEIGHT times, any other once.
 */
export function weightedFlagSum(flagUserId: AnyColumn, threadId: number) {
  const weight = getEnv().FLAG_VERIFIED_OWNER_WEIGHT;
  return sql<number>`coalesce(sum(case when exists (select 1 from ${ownerProjects} inner join ${threads} on ${threads.projectId} = ${ownerProjects.projectId} where ${threads.id} = ${threadId} and ${ownerProjects.userId} = ${flagUserId} and ${ownerProjects.verifiedAt} is not null) then ${weight} else 1 end), 0)`;
}

// ---------------------------------------------------------------- staff: verification

/** Requests waiting for a decision, oldest first, with the number staff check and whether a unit was given. */
export function listPendingVerifications() {
  return (
    getDb()
      .select({
        id: ownerVerifications.id,
        userId: ownerVerifications.userId,
        userName: users.displayName,
        projectId: ownerVerifications.projectId,
        projectName: projects.name,
        contractNumber: ownerVerifications.contractNumber,
        requestedAt: ownerVerifications.requestedAt,
        // Whether the owner gave their unit, not the unit: that is revealed, audited, on a thread.
        unitGiven: sql<number>`case when ${ownerProjects.unit} is not null or ${ownerProjects.building} is not null then 1 else 0 end`,
      })
      .from(ownerVerifications)
      .innerJoin(users, eq(users.id, ownerVerifications.userId))
      .innerJoin(projects, eq(projects.id, ownerVerifications.projectId))
      .leftJoin(ownerProjects, and(eq(ownerProjects.userId, ownerVerifications.userId), eq(ownerProjects.projectId, ownerVerifications.projectId)))
      // Written out, so that SQLite uses the partial index on pending requests.
      .where(sql`${ownerVerifications.status} = 'pending'`)
      .orderBy(asc(ownerVerifications.requestedAt), asc(ownerVerifications.id))
      .limit(200)
      .all()
  );
}

async function decide(
  staffId: string,
  verificationId: number,
  decision: { status: "approved"; reason: null } | { status: "refused"; reason: string },
  now: number,
): Promise<OwnerResult> {
  return transaction(async (tx) => {
    if (!(await isStaffAccount(tx, staffId))) return { ok: false, reason: "forbidden" };
    // The decision claims the request: of two staff deciding at once, one finds it decided.
    // The contract number goes in the same write; only its last four characters stay.
    const claimed = await tx
      .update(ownerVerifications)
      .set({ status: decision.status, reason: decision.reason, decidedAt: now, decidedBy: staffId, contractNumber: null })
      .where(and(eq(ownerVerifications.id, verificationId), eq(ownerVerifications.status, "pending")))
      .returning({ userId: ownerVerifications.userId, projectId: ownerVerifications.projectId })
      .get();
    if (!claimed) {
      const exists = await tx.select({ id: ownerVerifications.id }).from(ownerVerifications).where(eq(ownerVerifications.id, verificationId)).get();
      return { ok: false, reason: exists ? "wrongState" : "notFound" };
    }
    if (decision.status === "approved")
      await tx
        .insert(ownerProjects)
        .values({ userId: claimed.userId, projectId: claimed.projectId, verifiedAt: now, verifiedBy: staffId, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: [ownerProjects.userId, ownerProjects.projectId], set: { verifiedAt: now, verifiedBy: staffId, updatedAt: now } })
        .run();
    await audit(tx, {
      actorId: staffId,
      action: decision.status === "approved" ? "verify_owner" : "refuse_owner",
      targetUserId: claimed.userId,
      before: { verificationId, status: "pending" },
      after: { verificationId, projectId: claimed.projectId, status: decision.status, ...(decision.reason ? { reason: decision.reason } : {}) },
      now,
    });
    return { ok: true };
  });
}

export const approveVerification = (staffId: string, verificationId: number, now: number) =>
  decide(staffId, verificationId, { status: "approved", reason: null }, now);

/** Refusing needs a reason: the owner reads it on their page. */
export async function refuseVerification(staffId: string, verificationId: number, reason: string, now: number): Promise<OwnerResult> {
  if (!reason.trim()) return { ok: false, reason: "invalid", errors: { reason: "moderation.reasonRequired" } };
  return decide(staffId, verificationId, { status: "refused", reason: reason.trim() }, now);
}

// ---------------------------------------------------------------- staff: a thread's author

/** What the staff view of a thread shows of its author's record: whether there is one and its state, never the contact. */
export async function ownerStandingForStaff(userId: string, projectId: number) {
  const db = getDb();
  const record = await db
    .select({ verifiedAt: ownerProjects.verifiedAt, registerSignedOn: ownerProjects.registerSignedOn })
    .from(ownerProjects)
    .where(recordKey(userId, projectId))
    .get();
  const pending = await db
    .select({ id: ownerVerifications.id })
    .from(ownerVerifications)
    .where(and(eq(ownerVerifications.userId, userId), eq(ownerVerifications.projectId, projectId), eq(ownerVerifications.status, "pending")))
    .get();
  return { hasRecord: record != null, verifiedAt: record?.verifiedAt ?? null, registerSignedOn: record?.registerSignedOn ?? null, pending: pending != null };
}

export type Contact = { building: string | null; unit: string | null; phone: string | null };

/**
 * Staff read an owner's contact to call them back about a thread. Each reading is an audit
 * entry naming the owner and the thread; what was read stays out of the log.
 */
export async function revealContact(
  staffId: string,
  userId: string,
  projectId: number,
  threadId: number,
  now: number,
): Promise<OwnerResult<{ contact: Contact }>> {
  return transaction(async (tx) => {
    if (!(await isStaffAccount(tx, staffId))) return { ok: false, reason: "forbidden" };
    const thread = await tx.select({ authorId: threads.authorId, projectId: threads.projectId }).from(threads).where(eq(threads.id, threadId)).get();
    // A call-back is about a thread: only its author's record in its project.
    if (!thread || thread.authorId !== userId || thread.projectId !== projectId) return { ok: false, reason: "notFound" };
    const contact = await tx
      .select({ building: ownerProjects.building, unit: ownerProjects.unit, phone: ownerProjects.phone })
      .from(ownerProjects)
      .where(recordKey(userId, projectId))
      .get();
    if (!contact) return { ok: false, reason: "noRecord" };
    await audit(tx, { actorId: staffId, action: "reveal_contact", threadId, targetUserId: userId, after: { projectId }, now });
    return { ok: true, contact };
  });
}

async function threadAuthor(threadId: number) {
  return getDb().select({ authorId: threads.authorId, projectId: threads.projectId }).from(threads).where(eq(threads.id, threadId)).get();
}

/** revealContact for the author of a thread in its project. */
export async function revealAuthorContact(staffId: string, threadId: number, now: number) {
  const t = await threadAuthor(threadId);
  if (!t) return { ok: false as const, reason: "notFound" as const };
  return revealContact(staffId, t.authorId, t.projectId, threadId, now);
}

/**
 * Staff record that the buyer signed the disclosure register's print view at the sales
 * office, on a date not after today (null takes the record back). Audited, with the thread
 * it was recorded from if any.
 */
export async function recordRegisterSigned(
  staffId: string,
  userId: string,
  projectId: number,
  date: string | null,
  now: number,
  threadId: number | null = null,
): Promise<OwnerResult> {
  if (date && date > today(now)) return { ok: false, reason: "invalid", errors: { signedOn: "owners.errors.registerDateFuture" } };
  return transaction(async (tx) => {
    if (!(await isStaffAccount(tx, staffId))) return { ok: false, reason: "forbidden" };
    if (!(await isOwnerAccount(tx, userId))) return { ok: false, reason: "notOwner" };
    if (!(await projectExists(tx, projectId))) return { ok: false, reason: "notFound" };
    const before = await tx.select({ signedOn: ownerProjects.registerSignedOn }).from(ownerProjects).where(recordKey(userId, projectId)).get();
    if ((before?.signedOn ?? null) === date) return { ok: true };
    const signed = { registerSignedOn: date, registerSignedBy: date ? staffId : null, updatedAt: now };
    await tx
      .insert(ownerProjects)
      .values({ userId, projectId, ...signed, createdAt: now })
      .onConflictDoUpdate({ target: [ownerProjects.userId, ownerProjects.projectId], set: signed })
      .run();
    await audit(tx, {
      actorId: staffId,
      action: "sign_register",
      threadId,
      targetUserId: userId,
      before: { projectId, registerSignedOn: before?.signedOn ?? null },
      after: { projectId, registerSignedOn: date },
      now,
    });
    return { ok: true };
  });
}

/** recordRegisterSigned for the author of a thread, from the staff form (a tick and a date). */
export async function recordAuthorRegisterSigned(staffId: string, threadId: number, input: FormValues, now: number): Promise<OwnerResult> {
  const parsed = registerSignedSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", errors: ownerFieldErrors(parsed.error) };
  const t = await threadAuthor(threadId);
  if (!t) return { ok: false, reason: "notFound" };
  return recordRegisterSigned(staffId, t.authorId, t.projectId, parsed.data.signedOn, now, threadId);
}
