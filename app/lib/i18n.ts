// i18next set-up shared by server and browser. Both message files are small and bundled.
import i18next, { type i18n as I18n } from "i18next";
import en from "~/locales/en";
import zhCN from "~/locales/zh-CN";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "lang";

export const LOCALE_NAMES: Record<Locale, string> = { "zh-CN": "中文", en: "English" };

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
    // React escapes text itself; emails escape in their own templates.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

export type Translate = (key: string, values?: Record<string, unknown>) => string;

const memos = new WeakMap<I18n, Translate>();
/**
 * i18next's t() costs tens of microseconds a call and a page makes hundreds of calls with
 * the same few keys; the messages never change at run time, so each result is remembered.
 */
export function memoizedT(instance: I18n): Translate {
  let t = memos.get(instance);
  if (!t) {
    const cache = new Map<string, string>();
    t = (key, values) => {
      const id = values ? `${key}\u0000${JSON.stringify(values)}` : key;
      let out = cache.get(id);
      if (out === undefined) {
        out = String(instance.t(key, values as never));
        if (cache.size > 50_000) cache.clear();
        cache.set(id, out);
      }
      return out;
    };
    memos.set(instance, t);
  }
  return t;
}

const cache = new Map<Locale, I18n>();
/** A shared, already initialised instance per locale (read-only use). */
export function i18nFor(locale: Locale): I18n {
  let inst = cache.get(locale);
  if (!inst) {
    inst = createI18n(locale);
    cache.set(locale, inst);
  }
  return inst;
}
