// The scoreboard as pages and the API read it: a period from the URL, resolved in the site's zone.
import { getEnv } from "~/lib/env.server";
import { isPeriod, periodRange, type Period } from "~/lib/periods";
import { monthlySeries, scoreboard } from "./stats.server";

export const DEFAULT_PERIOD: Period = "90_days";

export function periodFrom(url: URL): Period {
  const p = url.searchParams.get("period");
  return isPeriod(p) ? p : DEFAULT_PERIOD;
}

export function loadScoreboard(period: Period, projectId?: number, now = Date.now()) {
  const tz = getEnv().SITE_TIME_ZONE;
  const range = periodRange(period, now, tz);
  return { period, range, ...scoreboard(range, now, projectId), months: monthlySeries(now, tz, projectId) };
}
