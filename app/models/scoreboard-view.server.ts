// The scoreboard as pages and the API read it: a period from the URL, resolved in the site's zone.
import { getEnv } from "~/lib/env.server";
import { isPeriod, periodRange, type Period } from "~/lib/periods";
import { monthlySeries, scoreboard } from "./stats.server";

export const DEFAULT_PERIOD: Period = "90_days";

export function periodFrom(url: URL): Period {
  const p = url.searchParams.get("period");
  return isPeriod(p) ? p : DEFAULT_PERIOD;
}

/** The site-wide board reads every complaint of the period; it is recomputed at most once a minute. */
export const SITE_BOARD_TTL_MS = 60_000;
const siteBoards = new Map<Period, { at: number; board: ReturnType<typeof compute> }>();

function compute(period: Period, projectId: number | undefined, now: number) {
  const tz = getEnv().SITE_TIME_ZONE;
  const range = periodRange(period, now, tz);
  return { period, range, computedAt: now, ...scoreboard(range, now, projectId), months: monthlySeries(now, tz, projectId) };
}

export function loadScoreboard(period: Period, projectId?: number, now = Date.now()) {
  if (projectId !== undefined) return compute(period, projectId, now);
  const cached = siteBoards.get(period);
  if (cached && now - cached.at < SITE_BOARD_TTL_MS) return cached.board;
  const board = compute(period, undefined, now);
  siteBoards.set(period, { at: now, board });
  return board;
}
