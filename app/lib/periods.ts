// Reporting periods in the site's time zone. Pure: `now` and the zone are arguments.

export const PERIODS = ["this_month", "last_month", "90_days", "12_months"] as const;
export type Period = (typeof PERIODS)[number];
export const isPeriod = (v: unknown): v is Period => typeof v === "string" && (PERIODS as readonly string[]).includes(v);

/** Projects with fewer threads than this in a period are shown but not ranked (the scoreboard says so). */
export const RANK_MIN_THREADS = 5;

const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(ms);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The local calendar year and month (1-12) of an instant. */
export function localMonth(ms: number, timeZone: string) {
  const d = new Date(ms + offsetAt(ms, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** The instant when a local month begins (the 1st, 00:00, in the zone). Month may overflow. */
export function monthStart(year: number, month: number, timeZone: string) {
  return instantOfWallTime(Date.UTC(year, month - 1, 1), timeZone);
}

export type Range = { from: number; to: number };

export function periodRange(period: Period, now: number, timeZone: string): Range {
  const { year, month } = localMonth(now, timeZone);
  switch (period) {
    case "this_month":
      return { from: monthStart(year, month, timeZone), to: now };
    case "last_month":
      return { from: monthStart(year, month - 1, timeZone), to: monthStart(year, month, timeZone) };
    case "90_days":
      return { from: now - 90 * DAY, to: now };
    case "12_months":
      return { from: monthStart(year, month - 11, timeZone), to: now };
  }
}

/** The last twelve local months, oldest first, the current one last (ending now). */
export function lastTwelveMonths(now: number, timeZone: string) {
  const { year, month } = localMonth(now, timeZone);
  return Array.from({ length: 12 }, (_, i) => {
    const m = month - 11 + i;
    const from = monthStart(year, m, timeZone);
    const to = i === 11 ? now : monthStart(year, m + 1, timeZone);
    const label = localMonth(from + DAY, timeZone);
    return { key: `${label.year}-${String(label.month).padStart(2, "0")}`, from, to };
  });
}

/** A month key "YYYY-MM" as a range; null when malformed. */
export function monthRange(key: string, timeZone: string): (Range & { key: string }) | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return { key, from: monthStart(year, month, timeZone), to: monthStart(year, month + 1, timeZone) };
}

/** The local calendar date of an instant. */
export function localDate(ms: number, timeZone: string) {
  const d = new Date(ms + offsetAt(ms, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** The local date of an instant as "YYYY-MM-DD". */
export function localDayKey(ms: number, timeZone: string) {
  const { year, month, day } = localDate(ms, timeZone);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The instant of a local wall-clock time (day and hour may overflow). */
export function localTime(year: number, month: number, day: number, hour: number, timeZone: string) {
  return instantOfWallTime(Date.UTC(year, month - 1, day, hour), timeZone);
}

/**
 * The instant a wall-clock time (given as if it were UTC) is reached in the zone. Where the
 * clocks jump over it (a change at midnight, as in São Paulo or Santiago), the first instant
 * after the jump: the day begins then.
 */
function instantOfWallTime(wall: number, timeZone: string) {
  let ms = wall - offsetAt(wall, timeZone);
  ms = wall - offsetAt(ms, timeZone); // settle across an offset change
  const reached = ms + offsetAt(ms, timeZone);
  // Settled before it: this wall time never happens, and the instant the clocks jump is when it begins.
  if (reached < wall) ms += wall - reached;
  return ms;
}

/** "YYYY-MM-DD" as numbers; null when it is not a real calendar date. */
export function parseDayKey(key: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** The local day "YYYY-MM-DD" as a range, from its midnight to the next. Null when malformed. */
export function dayRange(key: string, timeZone: string): (Range & { key: string }) | null {
  const d = parseDayKey(key);
  if (!d) return null;
  return { key, from: localTime(d.year, d.month, d.day, 0, timeZone), to: localTime(d.year, d.month, d.day + 1, 0, timeZone) };
}

/** The last instant of a local day: a promise "by this date" is kept until then. */
export function endOfLocalDay(key: string, timeZone: string): number | null {
  const r = dayRange(key, timeZone);
  return r ? r.to - 1 : null;
}

/**
 * A report week as a range: "YYYY-Www" (ISO 8601 week, Monday to Monday, local time).
 * Null when malformed.
 */
export function weekRange(key: string, timeZone: string): (Range & { key: string; firstDay: string }) | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const [year, week] = [Number(m[1]), Number(m[2])];
  if (week < 1 || week > 53) return null;
  // Week 1 is the week with the year's first Thursday; its Monday is found from 4 January.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(Date.UTC(year, 0, 4 - ((jan4.getUTCDay() + 6) % 7) + (week - 1) * 7));
  if (weekKeyOfDate(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()) !== key) return null;
  const [y, mo, d] = [monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()];
  return {
    key,
    firstDay: `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
    from: localTime(y, mo, d, 0, timeZone),
    to: localTime(y, mo, d + 7, 0, timeZone),
  };
}

function weekKeyOfDate(year: number, month: number, day: number) {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY);
  const isoYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY));
  return `${isoYear}-W${String(week).padStart(2, "0")}`;
}

/** The ISO week key "YYYY-Www" of an instant, in the zone. */
export function weekKey(ms: number, timeZone: string) {
  const { year, month, day } = localDate(ms, timeZone);
  return weekKeyOfDate(year, month, day);
}

/** Nearest-rank percentile of sorted values (q in 0..1); null for none. */
export function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

export const DEFAULT_PERIOD: Period = "90_days";

/** The scoreboard period a URL asks for (`?period=`), or the default. */
export function periodFrom(url: URL): Period {
  const p = url.searchParams.get("period");
  return isPeriod(p) ? p : DEFAULT_PERIOD;
}
