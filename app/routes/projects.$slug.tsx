import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination, ThreadList } from "~/components/thread-list";
import { notFound } from "~/lib/guards.server";
import { feedLinks, pageDescription, pageTitle } from "~/lib/meta";
import { parseThreadQuery } from "~/lib/thread-query";
import { useSite } from "~/hooks/use-site";
import { Headline, MonthlyCharts, PeriodTabs } from "~/components/scoreboard";
import { PurchaseCounts } from "~/components/purchase-counts";
import { DEFAULT_PERIOD, periodFrom, type Period } from "~/lib/periods";
import { projectPage } from "~/models/pages/project.server";
import { currentTime } from "~/lib/time.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { page } = parseThreadQuery(url.searchParams);
  const data = await projectPage(params.slug ?? "", { page, period: periodFrom(url) }, context.user, currentTime());
  if (!data) notFound();
  return json(data);
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const project = args.data?.project;
  const feeds = project
    ? feedLinks(args, [
        { kind: "threads", project },
        { kind: "disclosures", project },
      ])
    : [];
  const description = project ? pageDescription(args, "seo.project", { project: project.name, city: project.city }) : [];
  return [...pageTitle(args, "", undefined, project?.name ?? ""), ...description, ...feeds];
};

/** A project page's address; the scoreboard's period and the list's page are each kept when the other changes. */
function projectHref(slug: string, { period, page }: { period: Period; page: number }) {
  const q = new URLSearchParams();
  if (period !== DEFAULT_PERIOD) q.set("period", period);
  if (page > 1) q.set("page", String(page));
  const query = q.toString();
  return `/projects/${slug}${query ? `?${query}` : ""}`;
}

export default function ProjectPage() {
  const { project, result, surroundings, purchases, board, now } = useLoaderData<typeof loader>();
  const { t } = useSite();
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("nav.projects")}</Link> › {project.name}
      </nav>
      <h1>{project.name}</h1>
      <dl className="thread-facts">
        <div>
          <dt>{t("project.city")}</dt>
          <dd>{project.city}</dd>
        </div>
        <div>
          <dt>{t("project.address")}</dt>
          <dd>{project.address}</dd>
        </div>
      </dl>
      <p className="row-actions">
        <Link to={`/threads/new?project=${project.slug}`} className="button button-primary">
          {t("nav.newThread")}
        </Link>
        <Link to={`/projects/${project.slug}/disclosures`} className="button">
          {t("disclosure.link")}
        </Link>
      </p>
      <p className="muted" data-surroundings>
        {t("disclosure.surroundings", surroundings)}
      </p>
      <PurchaseCounts counts={purchases} />
      <section aria-labelledby="scoreboard-title" className="project-scoreboard">
        <h2 id="scoreboard-title">{t("stats.projectScoreboard")}</h2>
        <PeriodTabs period={board.period} hrefFor={(period) => projectHref(project.slug, { period, page: result.page })} />
        <Headline m={board.overall} />
        <details>
          <summary>{t("stats.charts")}</summary>
          <MonthlyCharts series={board.months} idPrefix="project-chart" />
        </details>
        <p>
          <Link to={`/stats?period=${board.period}`}>{t("stats.seeAll")}</Link>
        </p>
      </section>
      <h2>{t("project.threadsTitle")}</h2>
      <p className="feed-link">
        <a href={`/feeds/threads.atom?project=${project.slug}`} type="application/atom+xml">
          {t("common.feed")}
        </a>
      </p>
      <p className="list-count">{t("home.count", { count: result.total })}</p>
      <ThreadList threads={result.items} serverNow={now} emptyText={t("project.empty")} />
      <Pagination page={result.page} pages={result.pages} hrefFor={(page) => projectHref(project.slug, { period: board.period, page })} />
    </>
  );
}
