// The shapes of what pages show, shared by the models that read them and the components that
// draw them (browser-safe: plain data, no server code).
import type { ClockFacts } from "./clock";
import type { Holder, OfficialKind } from "./domain";

/** One thread in a list, as the viewer may see it. */
export type ThreadListItem = {
  id: number;
  title: string;
  complaintType: string;
  status: string;
  replyCount: number;
  createdAt: number;
  lastPostAt: number;
  project: { slug: string; name: string };
  authorName: string;
  ack: ClockFacts | null;
  answer: ClockFacts | null;
  /** The promise clock (兑现) of a solution with a date, if one was given. */
  promise: ClockFacts | null;
  /** Who holds it now: the regional company, or headquarters after a missed deadline (督办). */
  holder: Holder;
  meTooCount: number;
  /** Set when staff hid the thread: the public then sees this reason instead of the title. */
  hiddenReason: string | null;
  mergedIntoId: number | null;
};

/** One post, as the viewer may see it. */
export type PostView = {
  id: number;
  kind: string;
  /** For an official post: "progress" (a progress note) or "solution". */
  officialKind: OfficialKind | null;
  authorId: string;
  authorName: string;
  authorRole: string;
  /** Empty when the post is hidden and the viewer is neither its author nor staff. */
  bodyHtml: string;
  createdAt: number;
  editedAt: number | null;
  /** The reason shown in the tombstone when the post is hidden. */
  hiddenReason: string | null;
};
