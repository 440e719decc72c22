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
  /** The author's public name (empty when the account was deleted: print the label instead). */
  authorName: string;
  authorDeleted: boolean;
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
  /** The author's public name in this thread's project (empty when the account was deleted). */
  authorName: string;
  authorDeleted: boolean;
  /** For staff viewers only: the account name behind a pseudonym. */
  authorAccountName: string | null;
  /** The author is a verified owner (认证业主) of this thread's project. */
  authorVerifiedOwner: boolean;
  authorRole: string;
  /** Empty when the post is hidden and the viewer is neither its author nor staff. */
  bodyHtml: string;
  createdAt: number;
  editedAt: number | null;
  /** The reason shown in the tombstone when the post is hidden. */
  hiddenReason: string | null;
  /** Its photos the viewer may know of, in order. */
  photos: PhotoView[];
};

/** One photo, as the viewer may see it. */
export type PhotoView = {
  id: number;
  /** The author's caption, used as the image's alt text. */
  caption: string | null;
  /** The display image (longest side at most 1600 px), and its thumbnail. */
  width: number;
  height: number;
  bytes: number;
  thumbWidth: number;
  thumbHeight: number;
  /** Set when staff (or flags) hid it: the public sees a tombstone with this reason. */
  hiddenReason: string | null;
  /** Where its images are for this viewer: public, private (its uploader and staff), or none. */
  src: { display: string; thumb: string } | null;
  /** The viewer uploaded it. */
  mine: boolean;
};
