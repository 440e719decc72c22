// The root loader's data (language, time zone, viewer) for any component.
import { useRouteLoaderData } from "@remix-run/react";
import { formatDate, formatDateTime } from "~/lib/format";
import { DEFAULT_LOCALE, i18nFor, memoizedT, type Locale } from "~/lib/i18n";
import type { SiteData } from "~/lib/site-data";

export function useSite() {
  const data = useRouteLoaderData<SiteData>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const t = memoizedT(i18nFor(locale));
  const timeZone = data?.timeZone ?? "Asia/Shanghai";
  return {
    t,
    locale,
    timeZone,
    user: data?.user ?? null,
    dateTime: (ms: number) => formatDateTime(ms, locale, timeZone),
    date: (ms: number) => formatDate(ms, locale, timeZone),
  };
}
