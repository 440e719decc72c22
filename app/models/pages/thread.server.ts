// The read model of a thread's public page: everything it shows for one viewer at one moment.
import { isStaffRole } from "~/lib/domain";
import { getEnv } from "~/lib/env.server";
import type { PostView } from "~/lib/views";
import { threadFactor } from "../identity.server";
import { hasMeToo } from "../me-too.server";
import { hasFlagged } from "../moderation.server";
import { photosFlaggedBy } from "../photos.server";
import { threadVerdicts } from "../responses.server";
import { canEditPost, getThread, type Viewer } from "../threads.server";

/**
 * The owner's rating and the company's call-backs and promises kept. A hidden thread hides
 * everything in it from all but staff and its author: the words of the rating and of the notes
 * go too (they may quote what was hidden); the marks, dates and outcomes stay on the record.
 */
async function verdictsFor(id: number, viewer: Viewer, threadHidden: boolean, authorId: string) {
  const staff = !!viewer && isStaffRole(viewer.role);
  const verdicts = await threadVerdicts(id, staff, { viewer, threadHidden });
  if (!threadHidden || staff || viewer?.id === authorId) return verdicts;
  return {
    ...verdicts,
    ratings: verdicts.ratings.map((r) => ({ ...r, comment: null })),
    callbacks: verdicts.callbacks.map((c) => ({ ...c, note: null })),
    kept: verdicts.kept.map((k) => ({ ...k, note: "" })),
  };
}

export async function threadPage(id: number, viewer: Viewer, now: number) {
  const thread = await getThread(id, viewer);
  if (!thread) return undefined;
  const posts = [thread.opening, ...thread.replies].filter((p): p is PostView => !!p);
  const env = getEnv();
  // Whose account wrote what stays on the server: an account id would tie an owner's pseudonym
  // in one project to their name in another. The page learns only which posts are the viewer's.
  const { authorId, opening, replies, ...rest } = thread;
  const publicPost = ({ authorId: postAuthor, ...p }: PostView) => ({ ...p, mine: !!viewer && viewer.id === postAuthor });
  return {
    thread: { ...rest, isAuthor: !!viewer && viewer.id === authorId, opening: opening ? publicPost(opening) : undefined, replies: replies.map(publicPost) },
    // The viewer's own: the posts they may still edit, flagged, and their "me too".
    editable: viewer ? posts.filter((p) => canEditPost(p, viewer.id, now)).map((p) => p.id) : [],
    flagged: viewer
      ? await hasFlagged(
          posts.map((p) => p.id),
          viewer.id,
        )
      : [],
    flaggedPhotos: viewer
      ? await photosFlaggedBy(
          posts.flatMap((p) => p.photos.map((ph) => ph.id)),
          viewer.id,
        )
      : [],
    meToo: viewer ? await hasMeToo(id, viewer.id) : false,
    // Judged against the author's purchase date here, so the date never reaches the browser.
    factor: await threadFactor(thread),
    verdicts: await verdictsFor(id, viewer, thread.hiddenReason != null, authorId),
    now,
    promise: { ack: env.ACK_HOURS, answer: env.ANSWER_HOURS },
  };
}
