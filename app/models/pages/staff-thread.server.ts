// The read model of the staff view of one thread: triage, notes, versions, call-backs, and
// whether the author has a record in the project (never its contact: that is revealed on request).
import { listInternalNotes } from "../moderation.server";
import { ownerStandingForStaff } from "../owners.server";
import { threadVerdicts } from "../responses.server";
import { getThread, listThreadRevisions, type Viewer } from "../threads.server";
import { listStaff } from "../users.server";

export async function staffThreadPage(id: number, staff: NonNullable<Viewer>, now: number) {
  const thread = await getThread(id, staff);
  if (!thread) return undefined;
  return {
    thread,
    notes: await listInternalNotes(id),
    revisions: await listThreadRevisions(id),
    staff: await listStaff(),
    verdicts: await threadVerdicts(id, true, { viewer: staff, threadHidden: thread.hiddenReason != null }),
    owner: await ownerStandingForStaff(thread.authorId, thread.project.id),
    now,
  };
}
