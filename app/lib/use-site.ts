// The root loader's data (language, time zone, viewer) for any component.
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader } from "~/root";
import { DEFAULT_LOCALE, type Locale } from "./i18n";
import { formatDate, formatDateTime } from "./format";

export function useSite() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t } = useTranslation();
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
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
