// Picks the viewer's language: the remembered choice first, then Accept-Language.
import Negotiator from "negotiator";
import { readCookie } from "~/lib/cookies";
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, isLocale, type Locale } from "~/lib/translate";

export function detectLocale(request: Request): Locale {
  return localeFromHeaders(request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}

/** The same choice from the raw Cookie and Accept-Language headers. */
export function localeFromHeaders(cookie: string | null | undefined, accept: string | null | undefined): Locale {
  const chosen = readCookie(cookie ?? null, LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  if (!accept) return DEFAULT_LOCALE;
  // Match "zh", "zh-TW", "en-GB" to our two languages by their primary subtag too.
  const available = [...LOCALES, "zh", "en-US", "en-GB"];
  const best = new Negotiator({ headers: { "accept-language": accept } }).language(available);
  if (!best) return DEFAULT_LOCALE;
  return best.toLowerCase().startsWith("en") ? "en" : "zh-CN";
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
