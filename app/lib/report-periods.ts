// The periods of the complaint reports, in the site's time zone: a local month "YYYY-MM"
// (客户投诉月报) or an ISO week "YYYY-Www", Monday to Monday (投诉周报). Pure.
import { localDayKey, localMonth, monthRange, weekKey, weekRange, type Range } from "./periods";

export const REPORT_KINDS = ["month", "week"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A report's period: its key, its instants (from inclusive, to exclusive) and its first and last local days. */
export type ReportPeriod = Range & { kind: ReportKind; key: string; firstDay: string; lastDay: string };

function monthKeyAt(ms: number, timeZone: string) {
  const { year, month } = localMonth(ms, timeZone);
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The period a key names; null when it is neither a real month nor a real ISO week. */
export function reportPeriod(key: string, timeZone: string): ReportPeriod | null {
  const week = weekRange(key, timeZone);
  if (week) return { kind: "week", key, from: week.from, to: week.to, firstDay: week.firstDay, lastDay: localDayKey(week.to - 1, timeZone) };
  const month = monthRange(key, timeZone);
  // Date.UTC reads years below 100 as 19xx: such a key would name another month.
  if (!month || monthKeyAt(month.from, timeZone) !== key) return null;
  return { kind: "month", key, from: month.from, to: month.to, firstDay: localDayKey(month.from, timeZone), lastDay: localDayKey(month.to - 1, timeZone) };
}

/** The period of a kind that holds an instant. */
export function reportPeriodAt(kind: ReportKind, ms: number, timeZone: string): ReportPeriod {
  return reportPeriod(kind === "week" ? weekKey(ms, timeZone) : monthKeyAt(ms, timeZone), timeZone)!;
}

/** The period just before (-1) or just after (1) one of the same kind. */
export function adjacentReportPeriod(p: ReportPeriod, by: -1 | 1, timeZone: string): ReportPeriod {
  return reportPeriodAt(p.kind, by < 0 ? p.from - 1 : p.to, timeZone);
}

/** The last `count` periods of a kind, the one holding `now` first. */
export function recentReportPeriods(kind: ReportKind, count: number, now: number, timeZone: string): ReportPeriod[] {
  const out = [reportPeriodAt(kind, now, timeZone)];
  while (out.length < count) out.push(adjacentReportPeriod(out[out.length - 1]!, -1, timeZone));
  return out;
}
