import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Headline, MetricsTable, MonthlyCharts, PeriodTabs } from "~/components/scoreboard";
import { pageDescription, pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
// The page shows the threshold: from a .server module it would be undefined in the browser.
import { periodFrom, RANK_MIN_THREADS } from "~/lib/periods";
import { loadScoreboard } from "~/models/stats.server";
import { currentTime } from "~/lib/time.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await loadScoreboard(periodFrom(new URL(request.url)), undefined, currentTime()), { headers: { "Cache-Control": "public, max-age=60" } });
}

export const meta: MetaFunction = (args) => [...pageTitle(args, "stats.title"), ...pageDescription(args, "seo.stats")];

export default function Stats() {
  const board = useLoaderData<typeof loader>();
  const { t, date, dateTime } = useSite();
  return (
    <>
      <h1>{t("stats.title")}</h1>
      <p>{t("stats.intro")}</p>
      <PeriodTabs period={board.period} hrefFor={(p) => `/stats?period=${p}`} />
      <p className="muted">
        {/* A period ends before its `to` (last month's is the 1st of this one): its last day is the day before. */}
        {date(board.range.from)} – {date(board.range.to - 1)} · {t("stats.asOf", { at: dateTime(board.computedAt) })}
      </p>
      <Headline m={board.overall} />
      <h2>{t("stats.byProject")}</h2>
      <p className="field-hint">{t("stats.notRankedNote", { min: RANK_MIN_THREADS })}</p>
      <MetricsTable
        label={t("stats.byProject")}
        first={t("stats.project")}
        rows={board.byProject.map((p) => ({
          key: p.slug,
          rank: p.rank,
          label: <Link to={`/projects/${p.slug}?period=${board.period}`}>{p.name}</Link>,
          metrics: p.metrics,
        }))}
      />
      <h2>{t("stats.byCompany")}</h2>
      <MetricsTable
        label={t("stats.byCompany")}
        first={t("stats.company")}
        rows={board.byCompany.map((c) => ({ key: c.unit?.slug ?? "none", label: c.unit?.name ?? t("stats.noCompany"), metrics: c.metrics }))}
      />
      <h2>{t("stats.byType")}</h2>
      <MetricsTable
        label={t("stats.byType")}
        first={t("stats.type")}
        rows={board.byType.map((r) => ({ key: r.type, label: t(`types.${r.type}`), metrics: r.metrics }))}
      />
      <h2>{t("stats.charts")}</h2>
      <MonthlyCharts series={board.months} />
      <p className="field-hint">{t("stats.definitions")}</p>
    </>
  );
}
