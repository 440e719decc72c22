// The read model of the staff queue: one page of open complaints for the filters, the
// count behind each filter, and the menus.
import type { QueueQuery } from "~/lib/queue-query";
import { listProjectOptions } from "../projects.server";
import { listQueue, queueCounts } from "../queue.server";
import { listStaff } from "../users.server";

export function staffQueuePage(q: QueueQuery, me: { id: string }, now: number) {
  const projects = listProjectOptions();
  const projectId = q.project ? (projects.find((p) => p.slug === q.project)?.id ?? -1) : undefined;
  const assigneeId = q.assignee === "me" ? me.id : q.assignee;
  const queue = listQueue(
    { projectId, complaintType: q.type, severity: q.severity, status: q.status, assigneeId, overdue: q.overdue, unclassified: q.unclassified },
    q.page,
    now,
  );
  return { q, queue, counts: queueCounts(now), projects, staff: listStaff(), me: me.id, now };
}
