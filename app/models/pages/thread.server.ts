// The read model of a thread's public page: everything it shows for one viewer at one moment.
import { isStaffRole } from "~/lib/domain";
import { getEnv } from "~/lib/env.server";
import type { PostView } from "~/lib/views";
import { factorDisclosure } from "../disclosures.server";
import { hasMeToo } from "../me-too.server";
import { hasFlagged } from "../moderation.server";
import { threadVerdicts } from "../responses.server";
import { canEditPost, getThread, type Viewer } from "../threads.server";

export function threadPage(id: number, viewer: Viewer, now: number) {
  const thread = getThread(id, viewer);
  if (!thread) return undefined;
  const posts = [thread.opening, ...thread.replies].filter((p): p is PostView => !!p);
  const env = getEnv();
  return {
    thread,
    // The viewer's own: the posts they may still edit, flagged, and their "me too".
    editable: viewer ? posts.filter((p) => canEditPost(p, viewer.id, now)).map((p) => p.id) : [],
    flagged: viewer
      ? hasFlagged(
          posts.map((p) => p.id),
          viewer.id,
        )
      : [],
    meToo: viewer ? hasMeToo(id, viewer.id) : false,
    factor: thread.relatedFactorId ? (factorDisclosure(thread.relatedFactorId) ?? null) : null,
    verdicts: threadVerdicts(id, !!viewer && isStaffRole(viewer.role)),
    now,
    promise: { ack: env.ACK_HOURS, answer: env.ANSWER_HOURS },
  };
}
