// The read model of the staff queue: one page of open complaints for the filters, the
// count behind each filter, and the menus. A regional company's staff see their own
// company's complaints by default; headquarters sees all, with a company filter.
import type { QueueQuery } from "~/lib/queue-query";
import { keptUntilWrite } from "../generation.server";
import { listUnits, staffUnitOf } from "../org.server";
import { listProjectOptions } from "../projects.server";
import { listQueue, queueCounts } from "../queue.server";
import { listStaff } from "../users.server";

export async function staffQueuePage(q: QueueQuery, me: { id: string }, now: number) {
  const projects = await listProjectOptions();
  // The menus are the same for all staff until the next write.
  const units = await keptUntilWrite("units", listUnits);
  const myUnit = await staffUnitOf(me.id);
  const companySlug = q.company ?? (myUnit.kind === "regional" ? myUnit.slug : "all");
  const company = companySlug === "all" ? null : (units.find((u) => u.slug === companySlug && u.kind === "regional") ?? null);
  const unitId = companySlug === "all" ? undefined : (company?.id ?? -1);
  const projectId = q.project ? (projects.find((p) => p.slug === q.project)?.id ?? -1) : undefined;
  const assigneeId = q.assignee === "me" ? me.id : q.assignee;
  const queue = await listQueue(
    { unitId, projectId, complaintType: q.type, severity: q.severity, status: q.status, assigneeId, overdue: q.overdue, unclassified: q.unclassified },
    q.page,
    now,
  );
  const counts = await queueCounts(now);
  // A company's count is its projects' counts added up.
  const companyCounts = units
    .filter((u) => u.kind === "regional")
    .map((u) => ({
      key: u.slug,
      name: u.name,
      n: counts.project.filter((c) => projects.find((p) => p.id === c.key)?.unitId === u.id).reduce((a, c) => a + c.n, 0),
    }));
  return {
    q: { ...q, company: companySlug },
    queue,
    counts: { ...counts, company: companyCounts },
    projects,
    staff: await keptUntilWrite("staff", async () => listStaff()),
    me: me.id,
    myUnit,
    now,
  };
}
