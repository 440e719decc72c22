// The root loader's data (language, time zone, viewer) for any component.
import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/root";
import { DEFAULT_LOCALE, i18nFor, memoizedT, type Locale } from "./i18n";
import { formatDate, formatDateTime } from "./format";

export function useSite() {
  const data = useRouteLoaderData<typeof loader>("root");
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
