// The public JSON shapes. Field names are a contract: listed in the README, never renamed.
import type { PostView, ThreadListItem } from "./threads.server";

const iso = (ms: number) => new Date(ms).toISOString();

export function apiThreadSummary(t: ThreadListItem) {
  return {
    id: t.id,
    title: t.title,
    complaintType: t.complaintType,
    status: t.status,
    project: { slug: t.project.slug, name: t.project.name },
    author: { displayName: t.authorName },
    replyCount: t.replyCount,
    createdAt: iso(t.createdAt),
    lastPostAt: iso(t.lastPostAt),
    url: `/threads/${t.id}`,
  };
}

export function apiPost(p: PostView) {
  return {
    id: p.id,
    kind: p.kind,
    author: { displayName: p.authorName, role: p.authorRole },
    bodyHtml: p.bodyHtml,
    createdAt: iso(p.createdAt),
    editedAt: p.editedAt ? iso(p.editedAt) : null,
  };
}
