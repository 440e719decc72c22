import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Pagination, ThreadFilterFields, ThreadList } from "~/components/thread-list";
import { feedLinks, pageDescription, pageTitle } from "~/lib/meta";
import { parseThreadQuery, threadQueryString } from "~/lib/thread-query";
import { useSite } from "~/hooks/use-site";
import { listProjectOptions } from "~/models/projects.server";
import { listThreadsFor } from "~/models/threads.server";
import { currentTime } from "~/lib/time.server";
import { FilterForm } from "~/components/filter-form";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = parseThreadQuery(new URL(request.url).searchParams);
  const result = await listThreadsFor(query, undefined, context.user);
  return json({ query, result, projects: await listProjectOptions(), now: currentTime() });
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const query = args.data?.query;
  const project = query?.project ? args.data?.projects.find((p) => p.slug === query.project) : undefined;
  // A list narrowed to a project that does not exist has no feed to offer (it would be a 404).
  const feeds = query?.project && !project ? [] : feedLinks(args, [{ kind: "threads", project, type: query?.type }]);
  return [...pageTitle(args, "home.title"), ...pageDescription(args, "seo.home"), ...feeds];
};

export default function Home() {
  const { query, result, projects, now } = useLoaderData<typeof loader>();
  const { t } = useSite();
  const navigation = useNavigation();
  const filtered = Boolean(query.project || query.type || query.status || query.sort !== "newest");
  return (
    <>
      <h1>{t("home.title")}</h1>
      <FilterForm className="filters" aria-label={t("common.filter")}>
        <ThreadFilterFields projects={projects} query={query} />
        <label>
          <span>{t("metoo.sort")}</span>
          <select name="sort" defaultValue={query.sort}>
            <option value="newest">{t("metoo.sortNewest")}</option>
            <option value="metoo">{t("metoo.sortMetoo")}</option>
          </select>
        </label>
        <button type="submit" className="button" aria-busy={navigation.state === "loading" || undefined}>
          {t("common.filter")}
        </button>
        {filtered ? <Link to="/">{t("common.clearFilters")}</Link> : null}
      </FilterForm>
      <p className="list-count" aria-live="polite">
        {t("home.count", { count: result.total })}
      </p>
      <p className="feed-link">
        <a href={`/feeds/threads.atom${threadQueryString({ project: query.project, type: query.type })}`} type="application/atom+xml">
          {t("common.feed")}
        </a>
      </p>
      <ThreadList threads={result.items} serverNow={now} emptyText={filtered ? t("home.empty") : t("home.emptyAll")} />
      <Pagination page={result.page} pages={result.pages} hrefFor={(page) => `/${threadQueryString({ ...query, page })}`} />
    </>
  );
}
