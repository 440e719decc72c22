// GET /staff/reports/YYYY-MM/csv or /staff/reports/YYYY-Www/csv : a report as a spreadsheet.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/lib/env.server";
import { notFound, requireStaff } from "~/lib/guards.server";
import { i18nFor, memoizedT } from "~/lib/i18n";
import { detectLocale } from "~/lib/locale.server";
import { reportPeriod } from "~/lib/report-periods";
import { complaintReport } from "~/models/reports.server";
import { reportCsv } from "~/presenters/report-csv";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  const period = reportPeriod(args.params.period ?? "", getEnv().SITE_TIME_ZONE);
  if (!period) notFound();
  const now = currentTime();
  const csv = reportCsv(await complaintReport(period, now), period, now, memoizedT(i18nFor(detectLocale(args.request))));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tousu-report-${period.key}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
