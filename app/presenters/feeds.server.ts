// Atom feeds, built with the `feed` library from the same public data the pages show (the
// routes read it through the models, as for a viewer without a session): hidden content
// appears only as its tombstone, internal events and notes never.
import type { PhotoView } from "~/lib/views";
import { Feed } from "feed";
import { publicUrl } from "~/lib/env.server";
import { i18nFor, type Locale, type Translate } from "~/lib/i18n";
import type { ComplaintType } from "~/lib/domain";
import { changeText } from "~/lib/disclosure-text";
import { authorLabel } from "~/lib/identity";
import { feedHref, feedTitle, type FeedRef } from "~/lib/meta";
import { eventText, type EventWords } from "~/lib/timeline-text";
import type { listDisclosureHistory } from "~/models/disclosures.server";
import type { getThread, ThreadListItem } from "~/models/threads.server";

/** How many of the newest complaints a feed carries. */
export const FEED_SIZE = 50;

/** What XML 1.0 cannot carry at all (control characters but tab and newlines, lone surrogates, U+FFFE and U+FFFF): one would make the whole feed unreadable. */
const xmlSafe = (s: string) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/**
 * Plain text (a title, an owner's words) for an element the feed marks type="html": escaped, so
 * that a reader shows it as typed, nothing in it is read as markup, and it cannot end the CDATA
 * section the library wraps it in ("]]>") to write elements of its own into the feed.
 */
const asHtml = (s: string) => escapeHtml(xmlSafe(s));

function newFeed(locale: Locale, opts: { id: string; title: string; link: string; self: string; updated: number; description?: string }) {
  const t = i18nFor(locale).t;
  return new Feed({
    id: opts.id,
    title: xmlSafe(opts.title),
    description: opts.description && xmlSafe(opts.description),
    link: opts.link,
    language: locale,
    updated: new Date(opts.updated),
    generator: "Tousu",
    copyright: t("site.company"),
    feedLinks: { atom: opts.self },
    author: { name: t("site.company"), link: publicUrl() },
  });
}

export function threadsFeed(
  locale: Locale,
  filters: { projectName?: string; projectSlug?: string; type?: ComplaintType },
  items: ThreadListItem[],
  /** When each entry last changed in public (lastPublicChanges). */
  changed: Map<number, number>,
) {
  const t = i18nFor(locale).t;
  const base = publicUrl();
  const ref: FeedRef = {
    kind: "threads",
    project: filters.projectSlug ? { slug: filters.projectSlug, name: filters.projectName ?? filters.projectSlug } : undefined,
    type: filters.type,
  };
  const self = `${base}${feedHref(ref)}`;
  const qs = new URL(self).search;
  const feed = newFeed(locale, {
    id: self,
    title: feedTitle(t, ref),
    description: t("site.tagline"),
    link: `${base}/${qs}`,
    self,
    // When the newest change was: a reader asks again for what changed since.
    updated: Math.max(0, ...changed.values()),
  });
  for (const th of items) {
    const title = th.hiddenReason != null ? t("moderation.tombstone", { reason: th.hiddenReason }) : th.title;
    feed.addItem({
      id: `${base}/threads/${th.id}`,
      title: asHtml(title),
      link: `${base}/threads/${th.id}`,
      // Updated when it changed (a reply, a clock, hidden): a reader then shows the entry as it is now.
      date: new Date(changed.get(th.id) ?? th.createdAt),
      published: new Date(th.createdAt),
      description: asHtml(`${th.project.name} · ${t(`types.${th.complaintType}`)} · ${t(`statuses.${th.status}`)}`),
      author: [{ name: xmlSafe(authorLabel(t, { name: th.authorName, deleted: th.authorDeleted })) }],
      category: [{ name: t(`types.${th.complaintType}`), term: th.complaintType }],
    });
  }
  return feed.atom1();
}

/**
 * An event's words, or a plain "updated" for a kind (or value) with no message yet: a feed
 * reader shows no page around the entry, so a raw message key must never reach it.
 */
function eventWords(locale: Locale) {
  const i18n = i18nFor(locale);
  return (e: EventWords) => {
    let missing = false;
    const strict: Translate = (key, values) => {
      if (!i18n.exists(key)) missing = true;
      return String(i18n.t(key, values as never));
    };
    const text = eventText(strict, e);
    return missing ? i18n.t("feeds.event") : text;
  };
}

/** A thread's public timeline: posting, acknowledgement, answers, breaches, verdicts. */
export function threadTimelineFeed(locale: Locale, thread: NonNullable<Awaited<ReturnType<typeof getThread>>>) {
  const t = i18nFor(locale).t;
  const base = publicUrl();
  const url = `${base}/threads/${thread.id}`;
  const words = eventWords(locale);
  const posted = {
    id: 0,
    kind: "posted",
    actorName: thread.authorName,
    actorDeleted: thread.authorDeleted,
    actorAccountName: null,
    note: null,
    createdAt: thread.createdAt,
    postId: null,
    fromValue: null,
    toValue: null,
  };
  const events = [posted, ...thread.events];
  const feed = newFeed(locale, {
    id: `${url}/timeline.atom`,
    title: feedTitle(t, { kind: "timeline", thread }),
    link: url,
    self: `${url}/timeline.atom`,
    updated: events.at(-1)!.createdAt,
  });
  const posts = new Map([thread.opening, ...thread.replies].flatMap((p) => (p ? [[p.id, p] as const] : [])));
  for (const e of [...events].reverse()) {
    const text = words(e);
    // The photos of the post an entry is about (the complaint's own for its posting).
    const post = e.kind === "posted" ? thread.opening : e.postId ? posts.get(e.postId) : undefined;
    const shown = (post?.photos ?? []).filter((p) => p.src && p.hiddenReason == null);
    feed.addItem({
      id: `${url}#event-${e.kind}-${e.id}`,
      title: asHtml(text),
      link: e.postId ? `${url}#post-${e.postId}` : url,
      date: new Date(e.createdAt),
      description: e.note ? asHtml(t("timeline.note", { note: e.note })) : undefined,
      content: shown.length ? photosHtml(base, shown, t) : undefined,
      author: [{ name: xmlSafe(e.actorName != null || e.actorDeleted ? authorLabel(t, { name: e.actorName, deleted: e.actorDeleted }) : t("site.company")) }],
    });
  }
  return feed.atom1();
}

/** A project's disclosures: one entry per published version. */
export function disclosuresFeed(locale: Locale, project: { slug: string; name: string }, history: Awaited<ReturnType<typeof listDisclosureHistory>>) {
  const t = i18nFor(locale).t;
  const base = publicUrl();
  const link = `${base}/projects/${project.slug}/disclosures`;
  const feed = newFeed(locale, {
    id: `${link}.atom`,
    title: feedTitle(t, { kind: "disclosures", project }),
    description: t("disclosure.intro"),
    link,
    self: `${link}.atom`,
    updated: history[0]?.publishedAt ?? 0,
  });
  for (const h of history) {
    feed.addItem({
      id: `${link}#version-${h.versionId}`,
      title: asHtml(h.changes.map((c) => changeText(t, c)).join("; ") || h.fields.title),
      link: `${link}#factor-${h.factorId}`,
      date: new Date(h.publishedAt),
      description: asHtml(`${h.fields.title}: ${h.fields.impact}`),
      author: [{ name: t("site.company") }],
    });
  }
  return feed.atom1();
}

/** Thumbnails linking to the full images, for a feed entry's content. */
function photosHtml(base: string, photos: PhotoView[], t: Translate) {
  return photos
    .map((p, i) => {
      const alt = asHtml(p.caption || t("photos.alt", { n: i + 1 }));
      return `<p><a href="${base}${p.src!.display}"><img src="${base}${p.src!.thumb}" width="${p.thumbWidth}" height="${p.thumbHeight}" alt="${alt}"></a></p>`;
    })
    .join("");
}
