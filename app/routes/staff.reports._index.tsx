// /staff/reports : the recent weekly and monthly complaint reports, the current ones first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getEnv } from "~/lib/env.server";
import { requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { recentReportPeriods, type ReportPeriod } from "~/lib/report-periods";
import { useSite } from "~/hooks/use-site";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  const tz = getEnv().SITE_TIME_ZONE;
  const now = currentTime();
  return json({ now, weeks: recentReportPeriods("week", 13, now, tz), months: recentReportPeriods("month", 12, now, tz) });
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "report.indexTitle");

function Periods({ title, periods, now }: { title: string; periods: ReportPeriod[]; now: number }) {
  const { t, day } = useSite();
  return (
    <section className="report-section">
      <h2>{title}</h2>
      <ul className="report-list">
        {periods.map((p) => (
          <li key={p.key}>
            <Link to={`/staff/reports/${p.key}`}>{p.key}</Link> · {t("report.days", { from: day(p.firstDay), to: day(p.lastDay) })}
            {p.to > now ? ` · ${t("report.inProgress")}` : ""} · <a href={`/staff/reports/${p.key}/csv`}>{t("report.csvShort")}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function Reports() {
  const { now, weeks, months } = useLoaderData<typeof loader>();
  const { t } = useSite();
  return (
    <article className="report">
      <h1>{t("report.indexTitle")}</h1>
      <p>{t("report.indexIntro")}</p>
      <div className="report-periods">
        <Periods title={t("report.weeks")} periods={weeks} now={now} />
        <Periods title={t("report.months")} periods={months} now={now} />
      </div>
    </article>
  );
}
