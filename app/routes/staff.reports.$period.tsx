// A complaint report for staff: /staff/reports/YYYY-MM (客户投诉月报) or /staff/reports/YYYY-Www
// (投诉周报, an ISO week), printable, with a CSV beside it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getEnv } from "~/lib/env.server";
import { notFound, requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { adjacentReportPeriod, reportPeriod } from "~/lib/report-periods";
import { useSite } from "~/hooks/use-site";
import { complaintReport } from "~/models/reports.server";
import { BreachList, CompanyTable, DepartmentTable, ProjectTable, SatisfactionSection, SeriousList } from "~/components/report";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  const tz = getEnv().SITE_TIME_ZONE;
  const period = reportPeriod(args.params.period ?? "", tz);
  if (!period) notFound();
  const now = currentTime();
  return json({
    period,
    report: await complaintReport(period, now),
    generatedAt: now,
    previous: adjacentReportPeriod(period, -1, tz).key,
    next: period.to <= now ? adjacentReportPeriod(period, 1, tz).key : null,
  });
}

const titleKey = (kind: string | undefined) => (kind === "week" ? "report.weekTitle" : "report.monthTitle");

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, titleKey(args.data?.period.kind), { key: args.data?.period.key ?? "" });

export default function ComplaintReportPage() {
  const { period, report, generatedAt, previous, next } = useLoaderData<typeof loader>();
  const { t, dateTime, day } = useSite();
  const week = period.kind === "week";
  return (
    <article className="report">
      <nav className="row-actions no-print" aria-label={t("pagination.label")}>
        <Link to="/staff/reports">{t("report.all")}</Link>
        <Link to={`/staff/reports/${previous}`}>{t(week ? "report.previousWeek" : "report.previousMonth")}</Link>
        {next ? <Link to={`/staff/reports/${next}`}>{t(week ? "report.nextWeek" : "report.nextMonth")}</Link> : null}
        <a href={`/staff/reports/${period.key}/csv`} className="button button-small">
          {t("report.csv")}
        </a>
      </nav>
      <h1>{t(titleKey(period.kind), { key: period.key })}</h1>
      <p className="report-meta">
        {t("report.days", { from: day(period.firstDay), to: day(period.lastDay) })} · {t("report.asOf", { at: dateTime(generatedAt) })}
      </p>
      <p>{t("report.intro")}</p>
      <section className="report-section">
        <h2>{t("report.perCompany")}</h2>
        <CompanyTable rows={report.perCompany} totals={report.totals} />
      </section>
      <section className="report-section">
        <h2>{t("report.perProject")}</h2>
        <ProjectTable rows={report.perProject} />
      </section>
      <section className="report-section">
        <h2>{t("report.perDepartment")}</h2>
        <DepartmentTable rows={report.perDepartment} />
      </section>
      <section className="report-section">
        <h2>{t("report.breaches")}</h2>
        <BreachList rows={report.breaches} />
      </section>
      <section className="report-section">
        <h2>{t("report.serious")}</h2>
        <SeriousList rows={report.serious} />
      </section>
      <section className="report-section">
        <h2>{t("report.satisfaction")}</h2>
        <SatisfactionSection s={report.satisfaction} />
      </section>
    </article>
  );
}
