// Dates and times in the viewer's language and the site's time zone.
import type { Locale } from "./translate";

const KINDS = {
  dateTime: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  date: { year: "numeric", month: "long", day: "numeric" },
  short: { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// One formatter per kind, language and time zone: a page formats hundreds of dates.
const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string, kind: keyof typeof KINDS) {
  const key = `${kind}|${locale}|${timeZone}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...KINDS[kind] });
    cache.set(key, f);
  }
  return f;
}

export function formatDateTime(ms: number, locale: Locale, timeZone: string) {
  return formatter(locale, timeZone, "dateTime").format(ms);
}

export function formatDate(ms: number, locale: Locale, timeZone: string) {
  return formatter(locale, timeZone, "date").format(ms);
}

export const toIso = (ms: number) => new Date(ms).toISOString();

/**
 * A calendar day ("2026-11-23", as a form or a report period gives it) in the viewer's words:
 * "2026年11月23日", "November 23, 2026". It is a day, not an instant, so no time zone moves it.
 */
export function formatDay(day: string, locale: Locale) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return formatter(locale, "UTC", "date").format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
}

/** "11月23日 14:05" / "Nov 23, 14:05": for clock outcomes, where the year is obvious. */
export function formatShortDateTime(ms: number, locale: Locale, timeZone: string) {
  return formatter(locale, timeZone, "short").format(ms);
}

/** "a***@example.com": enough to tell addresses apart on a shared screen, not enough to copy one. */
export function maskAddress(address: string) {
  const at = address.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${address[0]}***${address.slice(at)}`;
}

/** Every address in a text (an SMTP server's reply often quotes the recipient), masked. */
export function maskAddressesIn(text: string) {
  return text.replace(/[^\s<>"'():;,@]+@[^\s<>"'():;,]+/g, (a) => maskAddress(a));
}

/** "45 s", "12 min", "3 h", "2 d": how long ago, roughly, in either language's units. */
export function formatAge(ms: number, locale: Locale) {
  const s = Math.max(0, Math.round(ms / 1000));
  const [value, unit] =
    s < 90 ? [s, "second"] : s < 90 * 60 ? [Math.round(s / 60), "minute"] : s < 36 * 3600 ? [Math.round(s / 3600), "hour"] : [Math.round(s / 86400), "day"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(value);
}
