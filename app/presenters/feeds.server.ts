// Atom feeds, built with the `feed` library from the same public data the pages show (the
// routes read it through the models, as for a viewer without a session): hidden content
// appears only as its tombstone, internal events and notes never.
import { Feed } from "feed";
import { publicUrl } from "~/lib/env.server";
import { i18nFor, type Locale } from "~/lib/i18n";
import type { ComplaintType } from "~/lib/domain";
import { changeText } from "~/lib/disclosure-text";
import { eventText } from "~/lib/timeline-text";
import type { listDisclosureHistory } from "~/models/disclosures.server";
import type { getThread, ThreadListItem } from "~/models/threads.server";

/** How many of the newest complaints a feed carries. */
export const FEED_SIZE = 50;

function newFeed(locale: Locale, opts: { id: string; title: string; link: string; self: string; updated: number; description?: string }) {
  const t = i18nFor(locale).t;
  return new Feed({
    id: opts.id,
    title: opts.title,
    description: opts.description,
    link: opts.link,
    language: locale,
    updated: new Date(opts.updated),
    generator: "Tousu",
    copyright: t("site.company"),
    feedLinks: { atom: opts.self },
    author: { name: t("site.company"), link: publicUrl() },
  });
}

export function threadsFeed(locale: Locale, filters: { projectName?: string; projectSlug?: string; type?: ComplaintType }, items: ThreadListItem[]) {
  const t = i18nFor(locale).t;
  const base = publicUrl();
  const query = new URLSearchParams();
  if (filters.projectSlug) query.set("project", filters.projectSlug);
  if (filters.type) query.set("type", filters.type);
  const qs = query.toString() ? `?${query}` : "";
  const scope = [filters.projectName, filters.type ? t(`types.${filters.type}`) : null].filter(Boolean).join(" · ");
  const feed = newFeed(locale, {
    id: `${base}/feeds/threads.atom${qs}`,
    title: scope ? `${t("site.name")} · ${scope}` : `${t("site.name")} · ${t("home.title")}`,
    description: t("site.tagline"),
    link: `${base}/${qs}`,
    self: `${base}/feeds/threads.atom${qs}`,
    updated: items[0]?.createdAt ?? 0,
  });
  for (const th of items) {
    const title = th.hiddenReason != null ? t("moderation.tombstone", { reason: th.hiddenReason }) : th.title;
    feed.addItem({
      id: `${base}/threads/${th.id}`,
      title,
      link: `${base}/threads/${th.id}`,
      date: new Date(th.createdAt),
      published: new Date(th.createdAt),
      description: `${th.project.name} · ${t(`types.${th.complaintType}`)} · ${t(`statuses.${th.status}`)}`,
      author: [{ name: th.authorName }],
      category: [{ name: t(`types.${th.complaintType}`), term: th.complaintType }],
    });
  }
  return feed.atom1();
}

/** A thread's public timeline: posting, acknowledgement, answers, breaches, verdicts. */
export function threadTimelineFeed(locale: Locale, thread: NonNullable<ReturnType<typeof getThread>>) {
  const t = i18nFor(locale).t;
  const base = publicUrl();
  const url = `${base}/threads/${thread.id}`;
  const title = thread.title || t("moderation.tombstone", { reason: thread.hiddenReason ?? "" });
  const posted = { id: 0, kind: "posted", actorName: thread.authorName, note: null, createdAt: thread.createdAt, postId: null, fromValue: null, toValue: null };
  const events = [posted, ...thread.events];
  const feed = newFeed(locale, {
    id: `${url}/timeline.atom`,
    title: `${title} · ${t("timeline.title")}`,
    link: url,
    self: `${url}/timeline.atom`,
    updated: events.at(-1)!.createdAt,
  });
  for (const e of [...events].reverse()) {
    const text = eventText(t, e);
    feed.addItem({
      id: `${url}#event-${e.kind}-${e.id}`,
      title: text,
      link: e.postId ? `${url}#post-${e.postId}` : url,
      date: new Date(e.createdAt),
      description: e.note ? t("timeline.note", { note: e.note }) : undefined,
      author: [{ name: e.actorName ?? t("site.company") }],
    });
  }
  return feed.atom1();
}

/** A project's disclosures: one entry per published version. */
export function disclosuresFeed(locale: Locale, project: { slug: string; name: string }, history: ReturnType<typeof listDisclosureHistory>) {
  const t = i18nFor(locale).t;
  const base = publicUrl();
  const link = `${base}/projects/${project.slug}/disclosures`;
  const feed = newFeed(locale, {
    id: `${link}.atom`,
    title: t("disclosure.pageTitle", { project: project.name }),
    description: t("disclosure.intro"),
    link,
    self: `${link}.atom`,
    updated: history[0]?.publishedAt ?? 0,
  });
  for (const h of history) {
    feed.addItem({
      id: `${link}#version-${h.versionId}`,
      title: h.changes.map((c) => changeText(t, c)).join("; ") || h.fields.title,
      link: `${link}#factor-${h.factorId}`,
      date: new Date(h.publishedAt),
      description: `${h.fields.title}: ${h.fields.impact}`,
      author: [{ name: t("site.company") }],
    });
  }
  return feed.atom1();
}
