// GET /staff/reports/YYYY-MM/csv : the monthly report as a spreadsheet.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/lib/env.server";
import { notFound, requireStaff } from "~/lib/guards.server";
import { i18nFor } from "~/lib/i18n";
import { detectLocale } from "~/lib/locale.server";
import { monthRange } from "~/lib/periods";
import { monthlyReport } from "~/models/reports.server";
import { reportCsv } from "~/presenters/report-csv";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  const range = monthRange(args.params.month ?? "", getEnv().SITE_TIME_ZONE);
  if (!range) notFound();
  const csv = reportCsv(monthlyReport(range, currentTime()), i18nFor(detectLocale(args.request)).t);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tousu-report-${range.key}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
