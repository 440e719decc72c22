// 客户投诉月报 for staff: /staff/reports/YYYY-MM, printable, with a CSV beside it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDuration } from "~/lib/clock";
import { getEnv } from "~/lib/env.server";
import { notFound, requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { monthRange } from "~/lib/periods";
import { useSite } from "~/hooks/use-site";
import { monthlyReport } from "~/models/reports.server";
import { TableWrap } from "~/components/table-wrap";
import { currentTime } from "~/lib/time.server";

const shift = (key: string, by: number) => {
  const [y, m] = key.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  const range = monthRange(args.params.month ?? "", getEnv().SITE_TIME_ZONE);
  if (!range) notFound();
  const now = currentTime();
  return json({ month: range.key, report: monthlyReport(range, now), previous: shift(range.key, -1), next: range.to <= now ? shift(range.key, 1) : null });
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "report.title", { month: args.data?.month ?? "" });

export default function MonthlyReport() {
  const { month, report, previous, next } = useLoaderData<typeof loader>();
  const { t, dateTime, locale } = useSite();
  const pct = (v: number | null) => (v == null ? "—" : `${(v * 100).toFixed(1)}%`);
  return (
    <article className="report">
      <nav className="row-actions no-print" aria-label={t("pagination.label")}>
        <Link to={`/staff/reports/${previous}`}>{t("report.previous")}</Link>
        {next ? <Link to={`/staff/reports/${next}`}>{t("report.next")}</Link> : null}
        <a href={`/staff/reports/${month}/csv`} className="button button-small">
          {t("report.csv")}
        </a>
      </nav>
      <h1>{t("report.title", { month })}</h1>
      <p>{t("report.intro")}</p>
      <h2>{t("report.perProject")}</h2>
      <TableWrap label={t("report.perProject")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("report.project")}</th>
              <th scope="col">{t("report.threads")}</th>
              <th scope="col">{t("report.valid")}</th>
              <th scope="col">{t("report.closed")}</th>
              <th scope="col">{t("report.closureRate")}</th>
            </tr>
          </thead>
          <tbody>
            {report.perProject.map((p) => (
              <tr key={p.slug} data-project={p.slug}>
                <th scope="row">{p.name}</th>
                <td>{p.threads}</td>
                <td>{p.valid}</td>
                <td>{p.validClosed}</td>
                <td>{pct(p.closureRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t("report.breaches")}</h2>
      {report.breaches.length === 0 ? (
        <p>{t("report.noBreaches")}</p>
      ) : (
        <ul className="report-list">
          {report.breaches.map((b) => (
            <li key={`${b.threadId}-${b.kind}-${b.round}`} data-breach={b.kind}>
              <Link to={`/staff/threads/${b.threadId}`}>
                #{b.threadId} {b.title}
              </Link>{" "}
              · {b.projectName} · {t(`clock.${b.kind}Name`)} · {t("report.deadline")} {dateTime(b.deadline)} ·{" "}
              {b.stillOpen ? t("report.stillOpen") : t("report.late", { late: formatDuration(b.lateByMs, locale) })}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("report.serious")}</h2>
      {report.serious.length === 0 ? (
        <p>{t("report.noSerious")}</p>
      ) : (
        <ul className="report-list">
          {report.serious.map((s) => (
            <li key={s.id}>
              <Link to={`/staff/threads/${s.id}`}>
                #{s.id} {s.title}
              </Link>{" "}
              · {s.projectName} · {t(`triage.severities.${s.severity}`)} · {t(`statuses.${s.status}`)}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("report.satisfaction")}</h2>
      <p>{t("report.ratings", { count: report.satisfaction.ratings, rate: pct(report.satisfaction.ratingRate) })}</p>
      <p>{t("report.callbacks", { count: report.satisfaction.callbacks, rate: pct(report.satisfaction.callbackRate) })}</p>
    </article>
  );
}
