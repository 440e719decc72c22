// The messages pages are translated with: both languages for the server's rendering, and
// one language at a time for a browser, served by routes/locales.$locale.tsx under a
// version that changes with its content, so that it may be cached for good.
import { createHash } from "node:crypto";
import en from "~/locales/en";
import zhCN from "~/locales/zh-CN";
import { LOCALES, provideMessages, type Locale, type Messages } from "./translate";

const MESSAGES: Record<Locale, Messages> = { "zh-CN": zhCN, en };

// Pages render on the server from the moment this module is loaded (the root route imports it).
for (const locale of LOCALES) provideMessages(locale, MESSAGES[locale]);

const served = new Map<Locale, { body: string; version: string }>();

/** A language's messages as the browser receives them, and the version naming that content. */
export function messagesForBrowser(locale: Locale) {
  let entry = served.get(locale);
  if (!entry) {
    const body = JSON.stringify(MESSAGES[locale]);
    entry = { body, version: createHash("sha256").update(body).digest("hex").slice(0, 12) };
    served.set(locale, entry);
  }
  return entry;
}

/** Where a page's browser fetches its messages from. */
export function messagesHref(locale: Locale) {
  return `/locales/${locale}?v=${messagesForBrowser(locale).version}`;
}
