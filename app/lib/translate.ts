// Translation for pages, on the server and in the browser. The browser gets only its own
// language's messages, as data (routes/locales.$locale.tsx), never both message files and
// i18next as code; the server provides both at start (lib/messages.server.ts). Emails, feeds
// and the other server-side texts keep i18next (lib/i18n.ts); a test holds the two equal.
import type { Messages } from "~/locales/zh-CN";

export type { Messages };

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "lang";

export const LOCALE_NAMES: Record<Locale, string> = { "zh-CN": "中文", en: "English" };

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

export type Translate = (key: string, values?: Record<string, unknown>) => string;

type Tree = { readonly [key: string]: string | Tree };

function lookup(messages: Tree | undefined, key: string): string | undefined {
  let node: string | Tree | undefined = messages;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/**
 * i18next's t() as the messages use it: `a.b` keys, `{{name}}` placeholders, the fallback
 * language's message for a missing one, else `defaultValue`, else the key itself. A value
 * passed as undefined or null prints nothing; a placeholder with no value at all stays.
 */
export function createTranslate(messages: Messages, fallback?: Messages): Translate {
  const templates = new Map<string, string | undefined>();
  return (key, values) => {
    let template = templates.get(key);
    if (template === undefined && !templates.has(key)) {
      template = lookup(messages as Tree, key) ?? lookup(fallback as Tree | undefined, key);
      templates.set(key, template);
    }
    if (template === undefined) template = typeof values?.defaultValue === "string" ? values.defaultValue : key;
    if (!values) return template;
    return template.replace(/\{\{(.+?)\}\}/g, (placeholder, name: string) => {
      const id = name.trim();
      if (!Object.prototype.hasOwnProperty.call(values, id)) return placeholder;
      const value = values[id];
      return value == null ? "" : String(value);
    });
  };
}

const provided = new Map<Locale, Messages>();
const translators = new Map<Locale, Translate>();

/** Makes a language's messages available to translatorFor (the server: both; a browser: its page's). */
export function provideMessages(locale: Locale, messages: Messages) {
  provided.set(locale, messages);
  translators.clear();
}

/** The page translator for a language: its messages, falling back to the default language's where provided. */
export function translatorFor(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const messages = provided.get(locale) ?? provided.get(DEFAULT_LOCALE);
    // Nothing provided yet (a test that forgot, say): keys, as i18next shows without resources.
    t = messages ? createTranslate(messages, locale === DEFAULT_LOCALE ? undefined : provided.get(DEFAULT_LOCALE)) : (key) => key;
    translators.set(locale, t);
  }
  return t;
}
