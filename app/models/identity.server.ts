// What the public sees of an owner: the name others see (a deleted account's marker, else their
// pseudonym in the thread's project, else their account name) and the verified-owner badge.
// Nothing else of their private record (unit, phone, purchase date) ever leaves these queries.
import { and, eq, sql, type SQLWrapper } from "drizzle-orm";
import { ownerProjects, users } from "../../db/schema";

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
