// The public JSON shapes. Field names are a contract: listed in the README, never renamed.
import { summarizeClock, type ClockFacts } from "~/lib/clock";
import { DEFAULT_LOCALE, i18nFor, memoizedT } from "~/lib/i18n";
import { authorLabel, type RelativeToPurchase } from "~/lib/identity";
import type { PhotoView } from "~/lib/views";
import type { PostView, ThreadListItem, TimelineEvent } from "~/models/threads.server";

const iso = (ms: number) => new Date(ms).toISOString();

/** A name as the public sees it; a deleted account is named in the site's default language (and flagged). */
const publicName = (name: string | null, deleted: boolean) => authorLabel(memoizedT(i18nFor(DEFAULT_LOCALE)), { name, deleted });
const seconds = (ms: number | null) => (ms == null ? null : Math.round(ms / 1000));

export function apiClock(c: ClockFacts | null, now: number) {
  if (!c) return null;
  const s = summarizeClock(c, now);
  return {
    round: c.round,
    startedAt: iso(c.startedAt),
    deadline: iso(c.deadline),
    state: s.state,
    metAt: c.metAt != null && s.state === "met" ? iso(c.metAt) : null,
    closedAt: c.closedAt != null ? iso(c.closedAt) : null,
    closeReason: c.closeReason ?? null,
    missedAt: s.state === "missed" || s.state === "overdue" ? iso(c.deadline) : null,
    repliedAt: c.metAt != null ? iso(c.metAt) : null,
    tookSeconds: seconds(s.tookMs),
    lateBySeconds: s.state === "missed" || s.state === "overdue" ? seconds(s.lateByMs) : 0,
  };
}

export function apiThreadSummary(t: ThreadListItem, now: number) {
  return {
    id: t.id,
    title: t.title,
    complaintType: t.complaintType,
    status: t.status,
    project: { slug: t.project.slug, name: t.project.name },
    author: { displayName: publicName(t.authorName, t.authorDeleted), deleted: t.authorDeleted },
    replyCount: t.replyCount,
    createdAt: iso(t.createdAt),
    lastPostAt: iso(t.lastPostAt),
    clocks: { ack: apiClock(t.ack, now), answer: apiClock(t.answer, now), promise: apiClock(t.promise, now) },
    holder: t.holder,
    meTooCount: t.meTooCount,
    // A hidden thread keeps its place in the list; only its reason is public.
    hidden: t.hiddenReason != null ? { reason: t.hiddenReason } : null,
    mergedIntoId: t.mergedIntoId,
    url: `/threads/${t.id}`,
  };
}

/** The public triage of a thread; the assignee is internal and never included. */
export function apiTriage(t: { severity: number | null; validity: string | null; invalidReason: string | null; department: string | null }) {
  return { severity: t.severity, validity: t.validity, invalidReason: t.validity === "invalid" ? t.invalidReason : null, department: t.department };
}

export function apiPost(p: PostView) {
  return {
    id: p.id,
    kind: p.kind,
    official: p.kind === "official",
    officialKind: p.officialKind,
    author: { displayName: publicName(p.authorName, p.authorDeleted), role: p.authorRole, deleted: p.authorDeleted, verifiedOwner: p.authorVerifiedOwner },
    // Withheld (null) when the post, or the whole thread, is hidden from the public.
    bodyHtml: p.hiddenReason != null || !p.bodyHtml ? null : p.bodyHtml,
    hidden: p.hiddenReason != null ? { reason: p.hiddenReason } : null,
    createdAt: iso(p.createdAt),
    editedAt: p.editedAt ? iso(p.editedAt) : null,
    photos: p.photos.map(apiPhoto),
  };
}

/** A photo: where its images are and how large; a hidden one gives only its reason. */
export function apiPhoto(p: PhotoView) {
  if (p.hiddenReason != null || !p.src) return { id: p.id, hidden: { reason: p.hiddenReason } };
  return {
    id: p.id,
    url: p.src.display,
    width: p.width,
    height: p.height,
    bytes: p.bytes,
    thumbnail: { url: p.src.thumb, width: p.thumbWidth, height: p.thumbHeight },
    caption: p.caption,
    hidden: null,
  };
}

export function apiEvent(e: TimelineEvent) {
  return {
    kind: e.kind,
    actor: e.actorName || e.actorDeleted ? { displayName: publicName(e.actorName, e.actorDeleted), deleted: e.actorDeleted } : null,
    note: e.note,
    from: e.fromValue,
    to: e.toValue,
    postId: e.postId,
    createdAt: iso(e.createdAt),
  };
}

/** A thread's linked factor and where it stood on the author's purchase date (never the date itself). */
export function apiDisclosure(f: { id: number; firstPublishedAt: number | null; relativeToPurchase: RelativeToPurchase | null } | null) {
  if (!f) return null;
  return { factorId: f.id, firstPublishedAt: f.firstPublishedAt != null ? iso(f.firstPublishedAt) : null, relativeToPurchase: f.relativeToPurchase };
}
