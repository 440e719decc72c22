// The root loader's data (language, time zone, viewer) for any component.
import { useRouteLoaderData } from "@remix-run/react";
import { formatDate, formatDateTime, formatDay } from "~/lib/format";
import { DEFAULT_LOCALE, translatorFor, type Locale } from "~/lib/translate";
import type { SiteData } from "~/lib/site-data";

export function useSite() {
  const data = useRouteLoaderData<SiteData>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const t = translatorFor(locale);
  const timeZone = data?.timeZone ?? "Asia/Shanghai";
  return {
    t,
    locale,
    timeZone,
    user: data?.user ?? null,
    dateTime: (ms: number) => formatDateTime(ms, locale, timeZone),
    date: (ms: number) => formatDate(ms, locale, timeZone),
    /** A calendar day, "YYYY-MM-DD". */
    day: (day: string) => formatDay(day, locale),
  };
}
