// Page titles in the viewer's language, from the root loader's locale.
import { DEFAULT_LOCALE, i18nFor, isLocale } from "./i18n";

type MetaArgs = { matches: readonly ({ id: string; data?: unknown } | undefined)[] };

export function localeFromMatches(matches: MetaArgs["matches"]) {
  const root = matches.find((m) => m?.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

export function pageTitle(args: MetaArgs, key: string, values?: Record<string, unknown>, literal?: string) {
  const t = i18nFor(localeFromMatches(args.matches)).t;
  const title = literal ?? t(key, values);
  return [{ title: `${title} · ${t("site.name")}` }];
}
