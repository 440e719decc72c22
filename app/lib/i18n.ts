// i18next with both message files, for the texts the server writes outside pages: emails,
// feeds, CSV, the API's names, the 413 page. Server only (not named .server because server/
// imports it directly): bundled into a page, it would bring both languages and i18next, so
// pages translate with lib/translate.ts instead.
import i18next, { type i18n as I18n } from "i18next";
import en from "~/locales/en";
import zhCN from "~/locales/zh-CN";
import { DEFAULT_LOCALE, type Locale, type Translate } from "./translate";

export { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALE_NAMES, LOCALES, isLocale, type Locale, type Translate } from "./translate";

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
