// The complaint reports for staff and headquarters: the weekly 投诉周报 and the monthly
// 客户投诉月报 are one report over a range. Complaints are those posted in the range, merged
// duplicates left out; clocks are those falling due in the range, a merged duplicate's
// included, since a merge never hides a missed deadline. Seven queries, whatever the
// range or the number of projects.
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, ne, sql } from "drizzle-orm";
import { callbacks, orgUnits, projects, threadClocks, threadRatings, threads } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { countWhere } from "./sql.server";
import { CALLBACK_OUTCOMES, DEPARTMENTS, type CallbackOutcome } from "~/lib/domain";
import type { Range } from "~/lib/periods";
import { clockDecided, clockOnTime } from "./stats.server";

/** Clocks decided (met, or run out) and met in time; `rate` is null when none was decided. */
export type OnTime = { decided: number; onTime: number; rate: number | null };
/** Valid complaints, the valid ones closed (结案), and closure rate = closed / valid. */
export type Closure = { complaints: number; valid: number; closed: number; closureRate: number | null };

const rate = (n: number, d: number) => (d === 0 ? null : n / d);
const onTime = (decided: number, met: number): OnTime => ({ decided, onTime: met, rate: rate(met, decided) });
const closure = (c: Omit<Closure, "closureRate">): Closure => ({ ...c, closureRate: rate(c.closed, c.valid) });
// The scoreboard's definitions of decided and on time, so both count a clock alike; they are
// typed for its aliases of thread_clocks, and render the same SQL for the table itself.
type ClockTable = Parameters<typeof clockDecided>[0];
const decidedOf = (now: number) => clockDecided(threadClocks as unknown as ClockTable, now);
const onTimeOf = () => clockOnTime(threadClocks as unknown as ClockTable);
// The departments in their usual order, any other value found after them, and "no department" last.
const rank = (d: string | null) =>
  d == null ? DEPARTMENTS.length + 1 : (DEPARTMENTS as readonly string[]).includes(d) ? DEPARTMENTS.indexOf(d as never) : DEPARTMENTS.length;

export async function complaintReport(range: Range, now: number) {
  const db = getDb();
  const posted = and(gte(threads.createdAt, range.from), lt(threads.createdAt, range.to), ne(threads.status, "merged"));
  const due = and(gte(threadClocks.deadline, range.from), lt(threadClocks.deadline, range.to));

  // Every project, split by the departments of its complaints: projects, companies and departments are summed from it.
  const cells = await db
    .select({
      projectId: projects.id,
      slug: projects.slug,
      name: projects.name,
      city: projects.city,
      unitId: projects.unitId,
      department: threads.department,
      complaints: sql<number>`count(${threads.id})`,
      valid: countWhere(sql`${threads.validity} = 'valid'`),
      validClosed: countWhere(sql`${threads.validity} = 'valid' and ${threads.status} = 'closed'`),
      closed: countWhere(sql`${threads.status} = 'closed'`),
    })
    .from(projects)
    .leftJoin(threads, and(eq(threads.projectId, projects.id), posted))
    .groupBy(projects.id, threads.department)
    .orderBy(asc(projects.city), asc(projects.name))
    .all();

  const units = await db
    .select({ id: orgUnits.id, kind: orgUnits.kind, slug: orgUnits.slug, name: orgUnits.name })
    .from(orgUnits)
    .orderBy(asc(orgUnits.name))
    .all();

  const clocks = await db
    .select({
      unitId: projects.unitId,
      department: threads.department,
      kind: threadClocks.kind,
      decided: decidedOf(now),
      onTime: onTimeOf(),
    })
    .from(threadClocks)
    .innerJoin(threads, eq(threads.id, threadClocks.threadId))
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .where(and(due, inArray(threadClocks.kind, ["answer", "promise"])))
    .groupBy(projects.unitId, threads.department, threadClocks.kind)
    .all();

  // Every deadline of the range that was missed: met late, still running after it, or run
  // out before a merge or a reopening closed it.
  const breaches = (
    await db
      .select({
        threadId: threads.id,
        title: threads.title,
        projectName: projects.name,
        unitName: orgUnits.name,
        department: threads.department,
        kind: threadClocks.kind,
        round: threadClocks.round,
        deadline: threadClocks.deadline,
        metAt: threadClocks.metAt,
        breachedAt: threadClocks.breachedAt,
        closedAt: threadClocks.closedAt,
        closeReason: threadClocks.closeReason,
      })
      .from(threadClocks)
      .innerJoin(threads, eq(threads.id, threadClocks.threadId))
      .innerJoin(projects, eq(projects.id, threads.projectId))
      .leftJoin(orgUnits, eq(orgUnits.id, projects.unitId))
      .where(
        and(
          due,
          lt(threadClocks.deadline, now),
          sql`((${threadClocks.metAt} is null and (${threadClocks.closedAt} is null or ${threadClocks.closedAt} > ${threadClocks.deadline})) or ${threadClocks.metAt} > ${threadClocks.deadline})`,
        ),
      )
      .orderBy(asc(threadClocks.deadline), asc(threadClocks.id))
      .all()
  ).map((b) => ({ ...b, lateByMs: (b.metAt ?? b.closedAt ?? now) - b.deadline, stillOpen: b.metAt == null && b.closedAt == null }));

  const serious = await db
    .select({
      id: threads.id,
      title: threads.title,
      projectName: projects.name,
      unitName: orgUnits.name,
      department: threads.department,
      severity: threads.severity,
      status: threads.status,
      createdAt: threads.createdAt,
    })
    .from(threads)
    .innerJoin(projects, eq(projects.id, threads.projectId))
    .leftJoin(orgUnits, eq(orgUnits.id, projects.unitId))
    .where(and(posted, gte(threads.severity, 3)))
    .orderBy(desc(threads.severity), asc(threads.createdAt), asc(threads.id))
    .all();

  // 总体满意度: one score per complaint, its latest overall score given in the range; a merged
  // duplicate's scores and call-backs are left out with it.
  const latestScores = db
    .select({ id: sql<number>`max(${threadRatings.id})` })
    .from(threadRatings)
    .where(and(isNotNull(threadRatings.overall), gte(threadRatings.createdAt, range.from), lt(threadRatings.createdAt, range.to)))
    .groupBy(threadRatings.threadId);
  const scores = (await db
    .select({ scored: sql<number>`count(*)`, satisfied: countWhere(sql`${threadRatings.overall} >= 4`) })
    .from(threadRatings)
    .innerJoin(threads, eq(threads.id, threadRatings.threadId))
    .where(and(inArray(threadRatings.id, latestScores), ne(threads.status, "merged")))
    .get())!;
  const calls = await db
    .select({ outcome: callbacks.outcome, count: sql<number>`count(*)` })
    .from(callbacks)
    .innerJoin(threads, eq(threads.id, callbacks.threadId))
    .where(and(gte(callbacks.calledAt, range.from), lt(callbacks.calledAt, range.to), ne(threads.status, "merged")))
    .groupBy(callbacks.outcome)
    .all();

  // Summing the grouped rows.
  const byProject = new Map<number, { slug: string; name: string; city: string; unitId: number | null; c: Omit<Closure, "closureRate"> }>();
  type Unit = { c: Omit<Closure, "closureRate">; projects: number; answer: [number, number]; promise: [number, number] };
  const byUnit = new Map<number | null, Unit>();
  type Dept = { complaints: number; closed: number; answer: [number, number] };
  const byDept = new Map<string | null, Dept>();
  const unitSlot = (id: number | null) => {
    let u = byUnit.get(id);
    if (!u) byUnit.set(id, (u = { c: { complaints: 0, valid: 0, closed: 0 }, projects: 0, answer: [0, 0], promise: [0, 0] }));
    return u;
  };
  const deptSlot = (d: string | null) => {
    let s = byDept.get(d);
    if (!s) byDept.set(d, (s = { complaints: 0, closed: 0, answer: [0, 0] }));
    return s;
  };
  for (const d of [...DEPARTMENTS, null]) deptSlot(d);
  for (const u of units) if (u.kind === "regional") unitSlot(u.id);
  unitSlot(null);

  for (const r of cells) {
    let p = byProject.get(r.projectId);
    if (!p) {
      byProject.set(r.projectId, (p = { slug: r.slug, name: r.name, city: r.city, unitId: r.unitId, c: { complaints: 0, valid: 0, closed: 0 } }));
      unitSlot(r.unitId).projects++;
    }
    const add = { complaints: r.complaints, valid: r.valid, closed: r.validClosed };
    for (const c of [p.c, unitSlot(r.unitId).c]) for (const k of ["complaints", "valid", "closed"] as const) c[k] += add[k];
    if (r.complaints > 0) {
      const d = deptSlot(r.department);
      d.complaints += r.complaints;
      d.closed += r.closed;
    }
  }
  for (const r of clocks) {
    const u = unitSlot(r.unitId)[r.kind === "promise" ? "promise" : "answer"];
    u[0] += r.decided;
    u[1] += r.onTime;
    if (r.kind === "answer") {
      const d = deptSlot(r.department).answer;
      d[0] += r.decided;
      d[1] += r.onTime;
    }
  }

  const unitById = new Map(units.map((u) => [u.id, { id: u.id, slug: u.slug, name: u.name }]));
  const perProject = [...byProject.values()].map((p) => ({
    slug: p.slug,
    name: p.name,
    city: p.city,
    unit: p.unitId == null ? null : (unitById.get(p.unitId) ?? null),
    ...closure(p.c),
  }));
  // Regional companies by name, then any other unit a project names, then the projects without one.
  const unitOrder = [...byUnit.keys()].sort((a, b) =>
    a == null ? 1 : b == null ? -1 : (unitById.get(a)?.name ?? "").localeCompare(unitById.get(b)?.name ?? "", "zh-CN"),
  );
  const perCompany = unitOrder.map((id) => {
    const u = byUnit.get(id)!;
    return {
      unit: id == null ? null : (unitById.get(id) ?? null),
      projects: u.projects,
      ...closure(u.c),
      answers: onTime(...u.answer),
      promises: onTime(...u.promise),
    };
  });
  const sum = (f: (u: (typeof perCompany)[number]) => number) => perCompany.reduce((n, u) => n + f(u), 0);
  const totals = {
    projects: sum((u) => u.projects),
    ...closure({ complaints: sum((u) => u.complaints), valid: sum((u) => u.valid), closed: sum((u) => u.closed) }),
    answers: onTime(
      sum((u) => u.answers.decided),
      sum((u) => u.answers.onTime),
    ),
    promises: onTime(
      sum((u) => u.promises.decided),
      sum((u) => u.promises.onTime),
    ),
  };
  const deptOrder = [...byDept.keys()].sort((a, b) => rank(a) - rank(b) || String(a).localeCompare(String(b)));
  const perDepartment = deptOrder.map((department) => {
    const d = byDept.get(department)!;
    return { department, complaints: d.complaints, closed: d.closed, answers: onTime(...d.answer) };
  });

  const byOutcome = Object.fromEntries(CALLBACK_OUTCOMES.map((o) => [o, calls.find((c) => c.outcome === o)?.count ?? 0])) as Record<CallbackOutcome, number>;
  return {
    perProject,
    perCompany,
    totals,
    perDepartment,
    breaches,
    serious,
    satisfaction: {
      /** Complaints with an overall score in the range, those scored 4 or 5, and their share. */
      scored: scores.scored,
      satisfied: scores.satisfied,
      rate: rate(scores.satisfied, scores.scored),
      callbacks: { ...byOutcome, total: CALLBACK_OUTCOMES.reduce((n, o) => n + byOutcome[o], 0) },
    },
  };
}

export type ComplaintReport = Awaited<ReturnType<typeof complaintReport>>;
