// 客户投诉月报: the monthly complaint report for staff. Four queries for a month.
import { and, asc, desc, eq, gte, lt, lte, ne, sql } from "drizzle-orm";
import { callbacks, projects, threadClocks, threadRatings, threads } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import type { Range } from "~/lib/periods";

export function monthlyReport(range: Range, now: number) {
  const db = getDb();
  const inMonth = and(gte(threads.createdAt, range.from), lt(threads.createdAt, range.to), ne(threads.status, "merged"));

  const perProject = db
    .select({
      slug: projects.slug,
      name: projects.name,
      threads: sql<number>`count(${threads.id})`,
      valid: sql<number>`coalesce(sum(${threads.validity} = 'valid'), 0)`,
      // Closed (结案): confirmed by the author or by a satisfied call-back.
      validClosed: sql<number>`coalesce(sum(${threads.validity} = 'valid' and ${threads.status} = 'closed'), 0)`,
      closed: sql<number>`coalesce(sum(${threads.status} = 'closed'), 0)`,
    })
    .from(projects)
    .leftJoin(threads, and(eq(threads.projectId, projects.id), inMonth))
    .groupBy(projects.id)
    .orderBy(asc(projects.city), asc(projects.name))
    .all()
    .map((p) => ({ ...p, closureRate: p.valid ? p.validClosed / p.valid : null }));

  // Every deadline of the month that was missed: answered late, still unanswered after it,
  // or run out before a merge closed it (a merge never hides a miss).
  const breaches = db
    .select({
      threadId: threads.id,
      title: threads.title,
      projectName: projects.name,
      kind: threadClocks.kind,
      round: threadClocks.round,
      deadline: threadClocks.deadline,
      metAt: threadClocks.metAt,
      breachedAt: threadClocks.breachedAt,
      closedAt: threadClocks.closedAt,
    })
    .from(threadClocks)
    .innerJoin(threads, eq(threads.id, threadClocks.threadId))
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .where(
      and(
        gte(threadClocks.deadline, range.from),
        lt(threadClocks.deadline, range.to),
        lte(threadClocks.deadline, now),
        sql`((${threadClocks.metAt} is null and (${threadClocks.closedAt} is null or ${threadClocks.closedAt} >= ${threadClocks.deadline})) or ${threadClocks.metAt} > ${threadClocks.deadline})`,
      ),
    )
    .orderBy(asc(threadClocks.deadline))
    .all()
    .map(({ closedAt, ...b }) => ({ ...b, lateByMs: (b.metAt ?? closedAt ?? now) - b.deadline, stillOpen: b.metAt == null && closedAt == null }));

  const serious = db
    .select({
      id: threads.id,
      title: threads.title,
      projectName: projects.name,
      severity: threads.severity,
      status: threads.status,
      createdAt: threads.createdAt,
    })
    .from(threads)
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .where(and(inMonth, gte(threads.severity, 3)))
    .orderBy(desc(threads.severity), asc(threads.createdAt))
    .all();

  const ratings = db
    .select({
      count: sql<number>`count(*)`,
      // Satisfaction counts the overall score (总体满意度), not the detail scores.
      scores: sql<number>`count(${threadRatings.overall})`,
      satisfied: sql<number>`coalesce(sum(${threadRatings.overall} >= 4), 0)`,
    })
    .from(threadRatings)
    .where(and(gte(threadRatings.createdAt, range.from), lt(threadRatings.createdAt, range.to)))
    .get()!;
  const calls = db
    .select({ count: sql<number>`count(*)`, satisfied: sql<number>`coalesce(sum(${callbacks.outcome} = 'satisfied'), 0)` })
    .from(callbacks)
    .where(and(gte(callbacks.calledAt, range.from), lt(callbacks.calledAt, range.to)))
    .get()!;

  return {
    perProject,
    breaches,
    serious,
    satisfaction: {
      ratings: ratings.count,
      ratingRate: ratings.scores ? ratings.satisfied / ratings.scores : null,
      callbacks: calls.count,
      callbackRate: calls.count ? calls.satisfied / calls.count : null,
    },
  };
}
