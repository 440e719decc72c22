// 不利因素公示: each project's public register of nearby negative factors. Drafts may be
// edited; publishing freezes a version (database triggers refuse any later change or
// delete); revising publishes a new version; withdrawing publishes a withdrawal with its
// reason. The history is every published version, in order.
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { disclosureFactors, disclosureSubscriptions, disclosureVersions, projects, threads, users } from "../../db/schema";
import { getDb, transaction, writeAlone, type Tx } from "~/lib/db.server";
import { diffVersions, type FactorChange, type FactorFields } from "~/lib/disclosure";
import { disclosureEmail, localeOf } from "~/presenters/emails.server";
import { enqueueMail } from "~/models/mail-outbox.server";
import { audit } from "./audit.server";

export type DisclosureResult<T = object> = ({ ok: true } & T) | { ok: false; reason: "notFound" | "wrongState" };

const versionFields = {
  factorType: disclosureVersions.factorType,
  title: disclosureVersions.title,
  impact: disclosureVersions.impact,
  direction: disclosureVersions.direction,
  distanceM: disclosureVersions.distanceM,
  mitigation: disclosureVersions.mitigation,
  sourceNote: disclosureVersions.sourceNote,
};

const pickFields = (f: FactorFields): FactorFields => ({
  factorType: f.factorType,
  title: f.title,
  impact: f.impact,
  direction: f.direction,
  distanceM: f.distanceM,
  mitigation: f.mitigation,
  sourceNote: f.sourceNote,
});

// ---------------------------------------------------------------- staff actions

/** A new factor, as a draft nobody outside staff sees yet. */
export function createDraftFactor(projectId: number, staffId: string, fields: FactorFields, now: number) {
  return transaction(async (tx) => {
    const factor = await tx
      .insert(disclosureFactors)
      .values({ projectId, status: "draft", createdAt: now, createdBy: staffId })
      .returning({ id: disclosureFactors.id })
      .get();
    const version = await tx
      .insert(disclosureVersions)
      .values({ factorId: factor.id, projectId, ...pickFields(fields), createdAt: now, createdBy: staffId })
      .returning({ id: disclosureVersions.id })
      .get();
    await audit(tx, { actorId: staffId, action: "disclosure_draft", after: { factorId: factor.id, versionId: version.id, title: fields.title }, now });
    return { factorId: factor.id, versionId: version.id };
  });
}

/** Edits a draft. A published version is never a draft again, so it cannot be reached here. */
export async function updateDraft(versionId: number, staffId: string, fields: FactorFields, now: number): Promise<DisclosureResult> {
  return transaction(async (tx) => {
    const r = await tx
      .update(disclosureVersions)
      .set(pickFields(fields))
      .where(and(eq(disclosureVersions.id, versionId), eq(disclosureVersions.state, "draft")))
      .run();
    if (r.changes === 0) return { ok: false, reason: (await exists(tx, versionId)) ? "wrongState" : "notFound" };
    await audit(tx, { actorId: staffId, action: "disclosure_edit_draft", after: { versionId, ...fields }, now });
    return { ok: true };
  });
}

async function exists(tx: Tx, versionId: number) {
  return !!(await tx.select({ id: disclosureVersions.id }).from(disclosureVersions).where(eq(disclosureVersions.id, versionId)).get());
}

/** Publishes a draft: it becomes the factor's public version, frozen from now on. */
export async function publishDraft(versionId: number, staffId: string, now: number): Promise<DisclosureResult> {
  return transaction(async (tx) => {
    const v = await tx
      .select({
        id: disclosureVersions.id,
        factorId: disclosureVersions.factorId,
        projectId: disclosureVersions.projectId,
        state: disclosureVersions.state,
        title: disclosureVersions.title,
      })
      .from(disclosureVersions)
      .where(eq(disclosureVersions.id, versionId))
      .get();
    if (!v) return { ok: false, reason: "notFound" };
    if (v.state !== "draft") return { ok: false, reason: "wrongState" };
    await tx.update(disclosureVersions).set({ state: "published", publishedAt: now, publishedBy: staffId }).where(eq(disclosureVersions.id, versionId)).run();
    await tx
      .update(disclosureFactors)
      .set({ status: "published", currentVersionId: versionId, firstPublishedAt: sql`coalesce(${disclosureFactors.firstPublishedAt}, ${now})` })
      .where(eq(disclosureFactors.id, v.factorId))
      .run();
    await audit(tx, { actorId: staffId, action: "disclosure_publish", after: { factorId: v.factorId, versionId, title: v.title }, now });
    await notifySubscribers(tx, v.projectId, now);
    return { ok: true };
  });
}

/** Starts a revision of a published factor: a new draft with the current words (or the open draft). */
export async function reviseFactor(factorId: number, staffId: string, now: number): Promise<DisclosureResult<{ versionId: number }>> {
  return transaction(async (tx) => {
    const f = await tx.select().from(disclosureFactors).where(eq(disclosureFactors.id, factorId)).get();
    if (!f) return { ok: false, reason: "notFound" };
    if (f.status !== "published" || !f.currentVersionId) return { ok: false, reason: "wrongState" };
    const open = await tx
      .select({ id: disclosureVersions.id })
      .from(disclosureVersions)
      .where(and(eq(disclosureVersions.factorId, factorId), eq(disclosureVersions.state, "draft")))
      .get();
    if (open) return { ok: true, versionId: open.id };
    const current = (await tx.select(versionFields).from(disclosureVersions).where(eq(disclosureVersions.id, f.currentVersionId)).get())!;
    const draft = await tx
      .insert(disclosureVersions)
      .values({ factorId, projectId: f.projectId, ...current, createdAt: now, createdBy: staffId })
      .returning({ id: disclosureVersions.id })
      .get();
    await audit(tx, { actorId: staffId, action: "disclosure_revise", after: { factorId, versionId: draft.id }, now });
    return { ok: true, versionId: draft.id };
  });
}

/** Withdraws a published factor with a public reason; it stays in the history. */
export async function withdrawFactor(factorId: number, staffId: string, reason: string, now: number): Promise<DisclosureResult> {
  return transaction(async (tx) => {
    const f = await tx.select().from(disclosureFactors).where(eq(disclosureFactors.id, factorId)).get();
    if (!f) return { ok: false, reason: "notFound" };
    if (f.status !== "published" || !f.currentVersionId) return { ok: false, reason: "wrongState" };
    const current = (await tx.select(versionFields).from(disclosureVersions).where(eq(disclosureVersions.id, f.currentVersionId)).get())!;
    const w = await tx
      .insert(disclosureVersions)
      .values({
        factorId,
        projectId: f.projectId,
        ...current,
        action: "withdraw",
        state: "published",
        withdrawReason: reason,
        createdAt: now,
        createdBy: staffId,
        publishedAt: now,
        publishedBy: staffId,
      })
      .returning({ id: disclosureVersions.id })
      .get();
    // An open draft of a withdrawn factor has nothing left to revise.
    await tx
      .delete(disclosureVersions)
      .where(and(eq(disclosureVersions.factorId, factorId), eq(disclosureVersions.state, "draft")))
      .run();
    await tx.update(disclosureFactors).set({ status: "withdrawn", currentVersionId: w.id }).where(eq(disclosureFactors.id, factorId)).run();
    await audit(tx, { actorId: staffId, action: "disclosure_withdraw", after: { factorId, versionId: w.id, reason }, now });
    await notifySubscribers(tx, f.projectId, now);
    return { ok: true };
  });
}

/** Throws away a draft that was never published (published versions cannot be deleted). */
export async function discardDraft(versionId: number, staffId: string, now: number): Promise<DisclosureResult> {
  return transaction(async (tx) => {
    const v = await tx
      .select({ factorId: disclosureVersions.factorId, state: disclosureVersions.state })
      .from(disclosureVersions)
      .where(eq(disclosureVersions.id, versionId))
      .get();
    if (!v) return { ok: false, reason: "notFound" };
    if (v.state !== "draft") return { ok: false, reason: "wrongState" };
    await tx
      .delete(disclosureVersions)
      .where(and(eq(disclosureVersions.id, versionId), eq(disclosureVersions.state, "draft")))
      .run();
    const f = await tx
      .select({ firstPublishedAt: disclosureFactors.firstPublishedAt })
      .from(disclosureFactors)
      .where(eq(disclosureFactors.id, v.factorId))
      .get();
    if (f && f.firstPublishedAt == null) await tx.delete(disclosureFactors).where(eq(disclosureFactors.id, v.factorId)).run();
    await audit(tx, { actorId: staffId, action: "disclosure_discard_draft", after: { factorId: v.factorId, versionId }, now });
    return { ok: true };
  });
}

async function notifySubscribers(tx: Tx, projectId: number, now: number) {
  const project = (await tx.select({ slug: projects.slug, name: projects.name }).from(projects).where(eq(projects.id, projectId)).get())!;
  const subscribers = await tx
    .select({ email: users.email, name: users.displayName, locale: users.locale })
    .from(disclosureSubscriptions)
    .innerJoin(users, eq(users.id, disclosureSubscriptions.userId))
    .where(eq(disclosureSubscriptions.projectId, projectId))
    .all();
  for (const s of subscribers) await enqueueMail(tx, disclosureEmail({ to: s.email, name: s.name, locale: localeOf(s.locale), project, at: now }), now);
}

// ---------------------------------------------------------------- reading

export type PublicFactor = FactorFields & {
  factorId: number;
  versionId: number;
  publishedAt: number;
  firstPublishedAt: number;
};

/** The factors the public sees now: the current published version of each, not withdrawn. */
export async function listCurrentFactors(projectId: number): Promise<PublicFactor[]> {
  return getDb()
    .select({
      factorId: disclosureFactors.id,
      versionId: disclosureVersions.id,
      ...versionFields,
      publishedAt: sql<number>`${disclosureVersions.publishedAt}`,
      firstPublishedAt: sql<number>`${disclosureFactors.firstPublishedAt}`,
    })
    .from(disclosureFactors)
    .innerJoin(disclosureVersions, eq(disclosureVersions.id, disclosureFactors.currentVersionId))
    .where(and(eq(disclosureFactors.projectId, projectId), eq(disclosureFactors.status, "published")))
    .orderBy(asc(disclosureVersions.factorType), asc(disclosureVersions.distanceM))
    .all();
}

export type HistoryEntry = {
  versionId: number;
  factorId: number;
  publishedAt: number;
  action: string;
  fields: FactorFields;
  changes: FactorChange[];
};

/** Every published version of the project's factors, newest first, each with what it changed. */
export async function listDisclosureHistory(projectId: number): Promise<HistoryEntry[]> {
  const rows = await getDb()
    .select({
      versionId: disclosureVersions.id,
      factorId: disclosureVersions.factorId,
      action: disclosureVersions.action,
      withdrawReason: disclosureVersions.withdrawReason,
      publishedAt: sql<number>`${disclosureVersions.publishedAt}`,
      ...versionFields,
    })
    .from(disclosureVersions)
    .where(and(eq(disclosureVersions.projectId, projectId), eq(disclosureVersions.state, "published")))
    .orderBy(asc(disclosureVersions.publishedAt), asc(disclosureVersions.id))
    .all();
  const previous = new Map<number, FactorFields>();
  const out: HistoryEntry[] = [];
  for (const r of rows) {
    const fields = pickFields(r);
    out.push({
      versionId: r.versionId,
      factorId: r.factorId,
      publishedAt: r.publishedAt,
      action: r.action,
      fields,
      changes: diffVersions(previous.get(r.factorId) ?? null, r),
    });
    previous.set(r.factorId, fields);
  }
  return out.reverse();
}

/** Staff see every factor with its public version and its open draft. Two queries. */
export async function listFactorsForStaff(projectId: number) {
  const db = getDb();
  const factors = await db.select().from(disclosureFactors).where(eq(disclosureFactors.projectId, projectId)).orderBy(desc(disclosureFactors.createdAt)).all();
  if (factors.length === 0) return [];
  const ids = factors.map((f) => f.id);
  const versions = await db
    .select({
      id: disclosureVersions.id,
      factorId: disclosureVersions.factorId,
      state: disclosureVersions.state,
      action: disclosureVersions.action,
      publishedAt: disclosureVersions.publishedAt,
      withdrawReason: disclosureVersions.withdrawReason,
      ...versionFields,
    })
    .from(disclosureVersions)
    .where(inArray(disclosureVersions.factorId, ids))
    .all();
  return factors.map((f) => ({
    ...f,
    current: versions.find((v) => v.id === f.currentVersionId) ?? null,
    draft: versions.find((v) => v.factorId === f.id && v.state === "draft") ?? null,
    versionCount: versions.filter((v) => v.factorId === f.id && v.state === "published").length,
  }));
}

export function getDraft(versionId: number) {
  return getDb()
    .select({
      id: disclosureVersions.id,
      factorId: disclosureVersions.factorId,
      projectId: disclosureVersions.projectId,
      state: disclosureVersions.state,
      ...versionFields,
    })
    .from(disclosureVersions)
    .where(eq(disclosureVersions.id, versionId))
    .get();
}

/** For a thread: whether its factor had been disclosed when the complaint was posted. */
export function factorDisclosure(factorId: number) {
  return getDb()
    .select({
      id: disclosureFactors.id,
      status: disclosureFactors.status,
      firstPublishedAt: disclosureFactors.firstPublishedAt,
      projectId: disclosureFactors.projectId,
      title: disclosureVersions.title,
    })
    .from(disclosureFactors)
    .leftJoin(disclosureVersions, eq(disclosureVersions.id, disclosureFactors.currentVersionId))
    .where(eq(disclosureFactors.id, factorId))
    .get();
}

/** Factors owners can link a complaint to: every published or withdrawn factor, by project. */
export function listLinkableFactors() {
  return getDb()
    .select({ factorId: disclosureFactors.id, projectId: disclosureFactors.projectId, title: disclosureVersions.title, status: disclosureFactors.status })
    .from(disclosureFactors)
    .innerJoin(disclosureVersions, eq(disclosureVersions.id, disclosureFactors.currentVersionId))
    .where(isNotNull(disclosureFactors.firstPublishedAt))
    .orderBy(asc(disclosureFactors.projectId), asc(disclosureVersions.title))
    .all();
}

/**
 * Complaints about the surroundings (type "other") of a project: about a factor disclosed
 * before the complaint, and about anything not disclosed by then.
 */
export async function surroundingsCounts(projectId: number) {
  const row = (await getDb()
    .select({
      disclosed: sql<number>`coalesce(sum(case when ${disclosureFactors.firstPublishedAt} is not null and ${disclosureFactors.firstPublishedAt} <= ${threads.createdAt} then 1 else 0 end), 0)`,
      total: sql<number>`count(*)`,
    })
    .from(threads)
    .leftJoin(disclosureFactors, eq(disclosureFactors.id, threads.relatedFactorId))
    .where(and(eq(threads.projectId, projectId), eq(threads.complaintType, "other")))
    .get())!;
  return { disclosed: row.disclosed, undisclosed: row.total - row.disclosed };
}

// ---------------------------------------------------------------- subscriptions

export async function setDisclosureSubscription(projectId: number, userId: string, on: boolean, now: number) {
  await writeAlone(async (db) => {
    if (on) await db.insert(disclosureSubscriptions).values({ projectId, userId, createdAt: now }).onConflictDoNothing().run();
    else
      await db
        .delete(disclosureSubscriptions)
        .where(and(eq(disclosureSubscriptions.projectId, projectId), eq(disclosureSubscriptions.userId, userId)))
        .run();
  });
}

export async function isSubscribed(projectId: number, userId: string) {
  return !!(await getDb()
    .select({ p: disclosureSubscriptions.projectId })
    .from(disclosureSubscriptions)
    .where(and(eq(disclosureSubscriptions.projectId, projectId), eq(disclosureSubscriptions.userId, userId)))
    .get());
}
