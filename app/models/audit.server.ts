// The audit log: every staff and admin action, append-only (database triggers refuse
// updates and deletes). Written in the same transaction as the action itself.
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { auditLog, users } from "../../db/schema";
import { getDb, type Tx } from "~/lib/db.server";

export type AuditEntry = {
  actorId: string;
  action: string;
  threadId?: number | null;
  postId?: number | null;
  targetUserId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  now: number;
};

export async function audit(tx: Tx, e: AuditEntry) {
  await tx
    .insert(auditLog)
    .values({
      actorId: e.actorId,
      action: e.action,
      threadId: e.threadId ?? null,
      postId: e.postId ?? null,
      targetUserId: e.targetUserId ?? null,
      before: e.before ? JSON.stringify(e.before) : null,
      after: e.after ? JSON.stringify(e.after) : null,
      createdAt: e.now,
    })
    .run();
}

export type AuditFilters = { actorId?: string; threadId?: number; action?: string };
export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(f: AuditFilters, page = 1) {
  const db = getDb();
  const parts: SQL[] = [];
  if (f.actorId) parts.push(eq(auditLog.actorId, f.actorId));
  if (f.threadId) parts.push(eq(auditLog.threadId, f.threadId));
  if (f.action) parts.push(eq(auditLog.action, f.action));
  const where = parts.length ? and(...parts) : undefined;
  const total =
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from(auditLog)
        .where(where)
        .get()
    )?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const target = alias(users, "target");
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      threadId: auditLog.threadId,
      postId: auditLog.postId,
      targetUserId: auditLog.targetUserId,
      targetName: target.displayName,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(target, eq(target.id, auditLog.targetUserId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((current - 1) * AUDIT_PAGE_SIZE)
    .all();
  return { rows, total, page: current, pages };
}

/** The people and actions that appear in the log, for its filter menus. */
export async function auditFilterOptions() {
  const db = getDb();
  const actors = await db.selectDistinct({ id: users.id, name: users.displayName }).from(auditLog).innerJoin(users, eq(users.id, auditLog.actorId)).all();
  const actions = (await db.selectDistinct({ action: auditLog.action }).from(auditLog).all()).map((r) => r.action);
  return { actors, actions: actions.sort() };
}
