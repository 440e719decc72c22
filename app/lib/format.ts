// Dates and times in the viewer's language and the site's time zone.
import type { Locale } from "./i18n";

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

export function formatDateTime(ms: number, locale: Locale, timeZone: string) {
  return formatter(locale, timeZone, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(ms);
}

export function formatDate(ms: number, locale: Locale, timeZone: string) {
  return formatter(locale, timeZone, { year: "numeric", month: "long", day: "numeric" }).format(ms);
}

export const toIso = (ms: number) => new Date(ms).toISOString();

/** "11月23日 14:05" / "Nov 23, 14:05": for clock outcomes, where the year is obvious. */
export function formatShortDateTime(ms: number, locale: Locale, timeZone: string) {
  return formatter(locale, timeZone, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ms);
}
