// Page titles and feed links in the viewer's language, from the root loader's locale.
import type { ComplaintType } from "./domain";
import { DEFAULT_LOCALE, isLocale, translatorFor, type Translate } from "./translate";
import { threadQueryString } from "./thread-query";

type MetaArgs = { matches: readonly ({ id: string; data?: unknown } | undefined)[] };

export function localeFromMatches(matches: MetaArgs["matches"]) {
  const root = matches.find((m) => m?.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

export function pageTitle(args: MetaArgs, key: string, values?: Record<string, unknown>, literal?: string) {
  const t = translatorFor(localeFromMatches(args.matches));
  const title = literal ?? t(key, values);
  return [{ title: `${title} · ${t("site.name")}` }];
}

/**
 * The page's <meta name="description"> (search results, link previews), in the viewer's
 * language, from the seo.* messages; they may name the company and the site.
 */
export function pageDescription(args: MetaArgs, key: `seo.${string}`, values?: Record<string, unknown> | ((t: Translate) => Record<string, unknown>)) {
  const t = translatorFor(localeFromMatches(args.matches));
  const given = typeof values === "function" ? values(t) : values;
  return [{ name: "description", content: t(key, { company: t("site.company"), site: t("site.name"), ...given }) }];
}

/** The site's Atom feeds: new complaints (narrowed like the list), a thread's timeline, a project's disclosures. */
export type FeedRef =
  | { kind: "threads"; project?: { slug: string; name: string }; type?: ComplaintType }
  | { kind: "timeline"; thread: { id: number; title: string; hiddenReason: string | null } }
  | { kind: "disclosures"; project: { slug: string; name: string } };

/** Root-relative, so the same link works behind any host name and in the browser. */
export function feedHref(feed: FeedRef) {
  switch (feed.kind) {
    case "threads":
      return `/feeds/threads.atom${threadQueryString({ project: feed.project?.slug, type: feed.type })}`;
    case "timeline":
      return `/threads/${feed.thread.id}/timeline.atom`;
    case "disclosures":
      return `/projects/${encodeURIComponent(feed.project.slug)}/disclosures.atom`;
  }
}

/** One title for a feed, in its <link> and in the document itself. */
export function feedTitle(t: Translate, feed: FeedRef) {
  let title: string;
  switch (feed.kind) {
    case "threads": {
      const scope = [feed.project?.name, feed.type ? t(`types.${feed.type}`) : null].filter(Boolean).join(" · ");
      title = scope ? t("feeds.threadsIn", { scope }) : t("feeds.threads");
      break;
    }
    case "timeline":
      // A hidden thread's title never leaves the page, not even in a feed's name.
      title = t("feeds.timeline", {
        thread: feed.thread.hiddenReason != null || !feed.thread.title ? t("feeds.threadNumber", { id: feed.thread.id }) : feed.thread.title,
      });
      break;
    case "disclosures":
      title = t("feeds.disclosures", { project: feed.project.name });
      break;
  }
  return `${title} · ${t("site.name")}`;
}

/** `<link rel="alternate">` descriptors for a route's meta, so readers and browsers discover its feeds. */
export function feedLinks(args: MetaArgs, feeds: FeedRef[]) {
  const t = translatorFor(localeFromMatches(args.matches));
  return feeds.map((feed) => ({ tagName: "link", rel: "alternate", type: "application/atom+xml", title: feedTitle(t, feed), href: feedHref(feed) }) as const);
}
