import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { StatusBadge } from "~/components/badges";
import { ThreadFilterFields } from "~/components/thread-list";
import { pageDescription, pageTitle } from "~/lib/meta";
import { parseThreadQuery } from "~/lib/thread-query";
import { useSite } from "~/hooks/use-site";
import { listProjectOptions } from "~/models/projects.server";
import { MARK_END, MARK_START } from "~/lib/search-marks";
import { search } from "~/models/search.server";
import { FilterForm } from "~/components/filter-form";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = parseThreadQuery(url.searchParams);
  const q = url.searchParams.get("q") ?? "";
  return json({ filters, result: await search(q, filters, filters.page), projects: await listProjectOptions() });
}

export const meta: MetaFunction = (args) => [...pageTitle(args, "search.title"), ...pageDescription(args, "seo.search")];

/** Snippet text with its match markers as <mark>: React escapes the rest. */
function Highlighted({ text }: { text: string }) {
  const parts = text.split(MARK_START);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return <span key={i}>{part.replaceAll(MARK_END, "")}</span>;
        const [marked, rest = ""] = part.split(MARK_END);
        return (
          <span key={i}>
            <mark>{marked}</mark>
            {rest}
          </span>
        );
      })}
    </>
  );
}

export default function Search() {
  const { filters, result, projects } = useLoaderData<typeof loader>();
  const { t, dateTime } = useSite();
  const busy = useNavigation().state === "loading";
  const href = (page: number) => {
    const p = new URLSearchParams({ q: result.q });
    if (filters.project) p.set("project", filters.project);
    if (filters.type) p.set("type", filters.type);
    if (filters.status) p.set("status", filters.status);
    if (page > 1) p.set("page", String(page));
    return `/search?${p}`;
  };
  return (
    <>
      <h1>{t("search.title")}</h1>
      <FilterForm className="filters" role="search">
        <label className="search-box">
          <span>{t("search.label")}</span>
          <input type="search" name="q" defaultValue={result.q} placeholder={t("search.placeholder")} />
        </label>
        <ThreadFilterFields projects={projects} query={filters} />
        <button type="submit" className="button button-primary" aria-busy={busy || undefined}>
          {t("search.submit")}
        </button>
      </FilterForm>
      {result.mode === "none" ? (
        <p className="empty">{t("search.prompt")}</p>
      ) : result.hits.length === 0 ? (
        <p className="empty" role="status">
          {t("search.none", { q: result.q })}
        </p>
      ) : (
        <>
          <h2 role="status">{t("search.results", { q: result.q })}</h2>
          <ol className="thread-list search-results">
            {result.hits.map((h) => (
              <li key={`${h.threadId}-${h.postId ?? "title"}`} className="thread-item" data-thread={h.threadId} data-post={h.postId ?? undefined}>
                <h3 className="thread-item-title">
                  <Link to={`/threads/${h.threadId}${h.postId ? `#post-${h.postId}` : ""}`}>{h.postId ? h.threadTitle : <Highlighted text={h.snippet} />}</Link>
                </h3>
                {h.postId ? (
                  <p className="snippet">
                    <Highlighted text={h.snippet} />
                  </p>
                ) : null}
                <p className="thread-item-meta">
                  <StatusBadge status={h.status} />
                  <span className="badge badge-type">{t(`types.${h.complaintType}`)}</span>
                  <span>{h.projectName}</span>
                  {h.postId ? null : <span className="badge">{t("search.inTitle")}</span>}
                  <time dateTime={new Date(h.createdAt).toISOString()} suppressHydrationWarning>
                    {dateTime(h.createdAt)}
                  </time>
                </p>
              </li>
            ))}
          </ol>
          <nav className="pagination" aria-label={t("pagination.label")}>
            {result.page > 1 ? <Link to={href(result.page - 1)}>{t("search.previous")}</Link> : null}
            {result.hasMore ? <Link to={href(result.page + 1)}>{t("search.more")}</Link> : null}
          </nav>
        </>
      )}
    </>
  );
}
