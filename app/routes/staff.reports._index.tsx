// /staff/reports : this month's report.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getEnv } from "~/lib/env.server";
import { requireStaff } from "~/lib/guards.server";
import { localMonth } from "~/lib/periods";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  const { year, month } = localMonth(currentTime(), getEnv().SITE_TIME_ZONE);
  return redirect(`/staff/reports/${year}-${String(month).padStart(2, "0")}`);
}
