// What the public sees of an owner: the name others see (a deleted account's marker, else their
// pseudonym in the thread's project, else their account name), the verified-owner badge, and
// how a complaint's factor stood when they bought. Nothing else of their private record
// (unit, phone, the purchase date itself) ever leaves these queries.
import { and, eq, sql, type SQLWrapper } from "drizzle-orm";
import { disclosureFactors, ownerProjects, threads, users } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import { purchaseGroup, relativeToPurchase, type PurchaseGroup } from "~/lib/identity";
import { factorDisclosure } from "./disclosures.server";

/** Joins a user to their record in one project (the primary key): left-join `ownerProjects` on this. */
export const ownerRecordIn = (userId: SQLWrapper | string, projectId: SQLWrapper | number) =>
  and(eq(ownerProjects.userId, userId), eq(ownerProjects.projectId, projectId))!;

/**
 * The one rule for an author's name, as columns of a query that joins `users` and, by
 * `ownerRecordIn`, `ownerProjects`. `name` is empty for a deleted account (the page prints its
 * label from `deleted`, so the old name can never show); `accountName` is the account behind a
 * pseudonym, selected only when staff are looking.
 */
export function identityColumns(staff: boolean) {
  const deleted = sql`${users.deletedAt} is not null`;
  const pseudonym = sql`nullif(${ownerProjects.pseudonym}, '')`;
  return {
    name: sql<string>`case when ${deleted} then '' else coalesce(${pseudonym}, ${users.displayName}) end`,
    deleted: sql<boolean>`${deleted}`.mapWith(Boolean),
    accountName: staff
      ? sql<string | null>`case when ${deleted} or ${pseudonym} is null or ${pseudonym} = ${users.displayName} then null else ${users.displayName} end`
      : sql<string | null>`null`,
    // 认证业主 in this project only; a deleted account carries nothing.
    verifiedOwner: sql<boolean>`${ownerProjects.verifiedAt} is not null and ${users.deletedAt} is null`.mapWith(Boolean),
  };
}

/**
 * A thread's factor as the public sees it, with where it stood on the author's purchase date:
 * only the verdict leaves this function, never the date. Null when the thread links no factor.
 */
export async function threadFactor(thread: { authorId: string; project: { id: number }; relatedFactorId: number | null }) {
  if (!thread.relatedFactorId) return null;
  const factor = await factorDisclosure(thread.relatedFactorId);
  if (!factor) return null;
  const owner = await getDb()
    .select({ purchaseDate: ownerProjects.purchaseDate })
    .from(ownerProjects)
    .where(ownerRecordIn(thread.authorId, thread.project.id))
    .get();
  return { ...factor, relativeToPurchase: relativeToPurchase(factor.firstPublishedAt, owner?.purchaseDate ?? null, getEnv().SITE_TIME_ZONE) };
}

export type PurchaseCounts = Record<PurchaseGroup, number>;

/**
 * A project's complaints linked to a factor, by where the factor stood when their author
 * bought. One aggregate query; the groups are counted by day in the site's zone, so rows
 * come grouped by publication instant and purchase date and are classed here.
 */
export async function purchaseDisclosureCounts(projectId: number): Promise<PurchaseCounts> {
  const rows = await getDb()
    .select({
      firstPublishedAt: disclosureFactors.firstPublishedAt,
      purchaseDate: ownerProjects.purchaseDate,
      n: sql<number>`count(*)`.mapWith(Number),
    })
    .from(threads)
    .innerJoin(disclosureFactors, eq(disclosureFactors.id, threads.relatedFactorId))
    .leftJoin(ownerProjects, ownerRecordIn(threads.authorId, threads.projectId))
    .where(and(eq(threads.projectId, projectId), sql`${threads.relatedFactorId} is not null`))
    .groupBy(disclosureFactors.firstPublishedAt, ownerProjects.purchaseDate)
    .all();
  const tz = getEnv().SITE_TIME_ZONE;
  const counts: PurchaseCounts = { before: 0, after: 0, undisclosed: 0, noPurchaseDate: 0 };
  for (const r of rows) counts[purchaseGroup(r.firstPublishedAt, r.purchaseDate, tz)] += r.n;
  return counts;
}
