// The organisation: group headquarters (集团总部) and the regional companies (地区公司) that
// run the projects; who in each receives reports, escalations and morning briefings; and
// which unit each project and staff member belongs to. Admins change it; each change is
// in the audit log.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { hqReports, orgRecipients, orgUnits, projects, threads, users } from "../../db/schema";
import { getDb, transaction, type DB, type Tx } from "~/lib/db.server";
import { isStaffRole, type RecipientPurpose } from "~/lib/domain";
import { audit } from "./audit.server";

/** Group headquarters is the one unit of kind "hq"; the migration makes it with this id. */
export const HQ_UNIT_ID = 1;

export type Unit = { id: number; kind: "hq" | "regional"; slug: string; name: string };

export async function listUnits(): Promise<Unit[]> {
  return getDb()
    .select({ id: orgUnits.id, kind: orgUnits.kind, slug: orgUnits.slug, name: orgUnits.name })
    .from(orgUnits)
    .orderBy(sql`case ${orgUnits.kind} when 'hq' then 0 else 1 end`, asc(orgUnits.name))
    .all();
}

export async function getUnit(key: { id: number } | { slug: string }): Promise<Unit | undefined> {
  return getDb()
    .select({ id: orgUnits.id, kind: orgUnits.kind, slug: orgUnits.slug, name: orgUnits.name })
    .from(orgUnits)
    .where("id" in key ? eq(orgUnits.id, key.id) : eq(orgUnits.slug, key.slug))
    .get();
}

/** Every unit with its recipients, its projects and its staff, for the admin page. One query each. */
export async function organisationOverview() {
  const db = getDb();
  const units = await listUnits();
  const recipients = await db.select().from(orgRecipients).orderBy(asc(orgRecipients.address)).all();
  const projectRows = await db
    .select({ id: projects.id, slug: projects.slug, name: projects.name, city: projects.city, unitId: projects.unitId })
    .from(projects)
    .orderBy(asc(projects.city), asc(projects.name))
    .all();
  const staff = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role, unitId: users.unitId })
    .from(users)
    .where(inArray(users.role, ["staff", "admin"]))
    .orderBy(asc(users.displayName))
    .all();
  return {
    units: units.map((u) => ({
      ...u,
      recipients: Object.fromEntries(
        (["reports", "escalations", "briefings"] as const).map((p) => [
          p,
          recipients.filter((r) => r.unitId === u.id && r.purpose === p).map((r) => r.address),
        ]),
      ) as Record<RecipientPurpose, string[]>,
    })),
    projects: projectRows,
    staff,
  };
}

export type OrgResult = { ok: true; id?: number } | { ok: false; reason: "notFound" | "taken" | "invalid" };

/** An admin adds a regional company. */
export async function createRegionalUnit(adminId: string, input: { slug: string; name: string }, now: number): Promise<OrgResult> {
  return transaction(async (tx) => {
    const taken = await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, input.slug)).get();
    if (taken) return { ok: false, reason: "taken" };
    const unit = await tx
      .insert(orgUnits)
      .values({ kind: "regional", slug: input.slug, name: input.name, createdAt: now })
      .returning({ id: orgUnits.id })
      .get();
    await audit(tx, { actorId: adminId, action: "unit_create", after: { unitId: unit.id, slug: input.slug, name: input.name }, now });
    return { ok: true, id: unit.id };
  });
}

export async function renameUnit(adminId: string, unitId: number, name: string, now: number): Promise<OrgResult> {
  return transaction(async (tx) => {
    const unit = await tx.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, unitId)).get();
    if (!unit) return { ok: false, reason: "notFound" };
    if (unit.name === name) return { ok: true };
    await tx.update(orgUnits).set({ name }).where(eq(orgUnits.id, unitId)).run();
    await audit(tx, { actorId: adminId, action: "unit_rename", before: { unitId, name: unit.name }, after: { unitId, name }, now });
    return { ok: true };
  });
}

/** An admin sets who receives one kind of a unit's duty mail: the list replaces the last. */
export async function setRecipients(adminId: string, unitId: number, purpose: RecipientPurpose, addresses: string[], now: number): Promise<OrgResult> {
  const wanted = [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter(Boolean))].sort();
  return transaction(async (tx) => {
    if (!(await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, unitId)).get())) return { ok: false, reason: "notFound" };
    const before = await recipientsOf(tx, unitId, purpose);
    if (before.join("\n") === wanted.join("\n")) return { ok: true };
    await tx
      .delete(orgRecipients)
      .where(and(eq(orgRecipients.unitId, unitId), eq(orgRecipients.purpose, purpose)))
      .run();
    for (const address of wanted) await tx.insert(orgRecipients).values({ unitId, purpose, address, createdAt: now }).run();
    await audit(tx, {
      actorId: adminId,
      action: "recipients_set",
      before: { unitId, purpose, addresses: before },
      after: { unitId, purpose, addresses: wanted },
      now,
    });
    return { ok: true };
  });
}

/** An admin puts a project under a regional company. */
export async function assignProject(adminId: string, projectId: number, unitId: number, now: number): Promise<OrgResult> {
  return transaction(async (tx) => {
    const project = await tx.select({ unitId: projects.unitId }).from(projects).where(eq(projects.id, projectId)).get();
    const unit = await tx.select({ kind: orgUnits.kind }).from(orgUnits).where(eq(orgUnits.id, unitId)).get();
    if (!project) return { ok: false, reason: "notFound" };
    if (!unit || unit.kind !== "regional") return { ok: false, reason: "invalid" };
    if (project.unitId === unitId) return { ok: true };
    await tx.update(projects).set({ unitId }).where(eq(projects.id, projectId)).run();
    await audit(tx, { actorId: adminId, action: "project_unit", before: { projectId, unitId: project.unitId }, after: { projectId, unitId }, now });
    return { ok: true };
  });
}

/** An admin says where a staff member works: headquarters or a regional company. */
export async function setStaffUnit(adminId: string, userId: string, unitId: number, now: number): Promise<OrgResult> {
  return transaction(async (tx) => {
    const user = await tx.select({ role: users.role, unitId: users.unitId }).from(users).where(eq(users.id, userId)).get();
    if (!user) return { ok: false, reason: "notFound" };
    if (!isStaffRole(user.role) || !(await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, unitId)).get()))
      return { ok: false, reason: "invalid" };
    if (user.unitId === unitId) return { ok: true };
    await tx.update(users).set({ unitId }).where(eq(users.id, userId)).run();
    await audit(tx, { actorId: adminId, action: "staff_unit", targetUserId: userId, before: { unitId: user.unitId }, after: { unitId }, now });
    return { ok: true };
  });
}

async function recipientsOf(tx: Tx | DB, unitId: number, purpose: RecipientPurpose): Promise<string[]> {
  return (
    await tx
      .select({ address: orgRecipients.address })
      .from(orgRecipients)
      .where(and(eq(orgRecipients.unitId, unitId), eq(orgRecipients.purpose, purpose)))
      .orderBy(asc(orgRecipients.address))
      .all()
  ).map((r) => r.address);
}

/**
 * Who must hear of something about a project, for one kind of duty mail: headquarters and,
 * when `withRegional`, the project's regional company; each with its name and addresses.
 */
export async function dutyRecipients(tx: Tx | DB, projectId: number, purpose: RecipientPurpose, withRegional: boolean) {
  const rows = await tx
    .select({ unitId: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnits)
    .where(
      withRegional
        ? sql`${orgUnits.id} = ${HQ_UNIT_ID} or ${orgUnits.id} = (select ${projects.unitId} from ${projects} where ${projects.id} = ${projectId})`
        : eq(orgUnits.id, HQ_UNIT_ID),
    )
    .orderBy(sql`case ${orgUnits.kind} when 'hq' then 0 else 1 end`)
    .all();
  const out = [];
  for (const u of rows) out.push({ ...u, addresses: await recipientsOf(tx, u.unitId, purpose) });
  return out;
}

/** Each unit's recipients for a purpose, for the morning briefing. */
export async function unitsWithRecipients(purpose: RecipientPurpose) {
  const out = [];
  for (const u of await listUnits()) out.push({ ...u, addresses: await recipientsOf(getDb(), u.id, purpose) });
  return out.filter((u) => u.addresses.length > 0);
}

/**
 * At first start, headquarters' lists are filled from HQ_EMAIL (reports, briefings) and
 * ESCALATION_EMAIL (escalations); after that they are the admins' to keep.
 */
export async function seedHeadquartersRecipients(emails: { hq: string; escalation: string }, now: number) {
  await transaction(async (tx) => {
    const any = (await tx
      .select({ n: sql<number>`count(*)` })
      .from(orgRecipients)
      .where(eq(orgRecipients.unitId, HQ_UNIT_ID))
      .get())!.n;
    if (any > 0) return;
    const lists: [RecipientPurpose, string][] = [
      ["reports", emails.hq],
      ["briefings", emails.hq],
      ["escalations", emails.escalation],
    ];
    for (const [purpose, address] of lists)
      await tx.insert(orgRecipients).values({ unitId: HQ_UNIT_ID, purpose, address: address.toLowerCase(), createdAt: now }).onConflictDoNothing().run();
  });
}

/** The unit a staff member works in: a regional company, or headquarters (also when not yet set). */
export async function staffUnitOf(userId: string): Promise<Unit> {
  const row = await getDb()
    .select({ id: orgUnits.id, kind: orgUnits.kind, slug: orgUnits.slug, name: orgUnits.name })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(eq(users.id, userId))
    .get();
  return row ?? (await getUnit({ id: HQ_UNIT_ID }))!;
}

export const HQ_REPORTS_PAGE_SIZE = 50;

/** 上报总部: the reports headquarters has received, newest first, one page. Two queries. */
export async function listHqReports(page: number) {
  const db = getDb();
  const total = (await db
    .select({ n: sql<number>`count(*)` })
    .from(hqReports)
    .get())!.n;
  const pages = Math.max(1, Math.ceil(total / HQ_REPORTS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db
    .select({
      id: hqReports.id,
      threadId: hqReports.threadId,
      title: threads.title,
      status: threads.status,
      holder: threads.holder,
      projectName: projects.name,
      unitName: orgUnits.name,
      staffName: users.displayName,
      note: hqReports.note,
      createdAt: hqReports.createdAt,
      threadCreatedAt: threads.createdAt,
    })
    .from(hqReports)
    .innerJoin(threads, eq(threads.id, hqReports.threadId))
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .innerJoin(users, eq(users.id, hqReports.staffId))
    .leftJoin(orgUnits, eq(orgUnits.id, hqReports.unitId))
    .orderBy(sql`${hqReports.createdAt} desc`, sql`${hqReports.id} desc`)
    .limit(HQ_REPORTS_PAGE_SIZE)
    .offset((current - 1) * HQ_REPORTS_PAGE_SIZE)
    .all();
  return { rows, total, page: current, pages };
}
