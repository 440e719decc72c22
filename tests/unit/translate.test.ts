// Pages translate with lib/translate.ts (the browser gets no i18next); emails, feeds and the
// 413 page with i18next (lib/i18n.ts). Both must say the same for every message.
import { describe, expect, it } from "vitest";
import { i18nFor } from "../../app/lib/i18n";
import { messagesForBrowser } from "../../app/lib/messages.server";
import { createTranslate, LOCALES, translatorFor, type Messages } from "../../app/lib/translate";
import en from "../../app/locales/en";
import zhCN from "../../app/locales/zh-CN";

const MESSAGES: Record<(typeof LOCALES)[number], Messages> = { "zh-CN": zhCN, en };

const leaves = (o: object, prefix = ""): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v as string] as [string, string]]));

describe.each(LOCALES)("%s", (locale) => {
  const t = createTranslate(MESSAGES[locale]);
  const i18next = i18nFor(locale);
  const keys = leaves(MESSAGES[locale]);

  it("has messages with placeholders to check", () => {
    expect(keys.filter(([, m]) => m.includes("{{")).length).toBeGreaterThan(50);
  });

  it("says what i18next says for every message, with all, some or none of its values", () => {
    for (const [key, message] of keys) {
      const names = [...message.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1]!.trim());
      // Text that a replacement or i18next's nesting could misread, numbers, and empty values.
      const all = Object.fromEntries(names.map((n, i) => [n, [`值 $& $1 <b>"'`, 42, "$t(site.name)", null, undefined, 0][i % 6]]));
      const some = Object.fromEntries(names.slice(0, 1).map((n) => [n, "x"]));
      for (const values of [undefined, all, some, { count: 2 }]) {
        expect(t(key, values), `${key} ${JSON.stringify(values)}`).toBe(i18next.t(key, values as never));
      }
    }
  });

  it("answers a missing key as i18next does: its default value, or the key", () => {
    for (const values of [undefined, { defaultValue: "默认 {{x}}", x: 1 }, { x: 1 }]) {
      expect(t("no.such.key", values)).toBe(i18next.t("no.such.key", values as never));
    }
  });

  it("is what pages get, and what the browser is sent", () => {
    expect(translatorFor(locale)("site.name")).toBe(i18next.t("site.name"));
    expect(JSON.parse(messagesForBrowser(locale).body)).toEqual(MESSAGES[locale]);
  });
});

describe("a browser's messages", () => {
  it("change their version when they change", () => {
    expect(messagesForBrowser("zh-CN").version).toMatch(/^[0-9a-f]{12}$/);
    expect(messagesForBrowser("zh-CN").version).not.toBe(messagesForBrowser("en").version);
  });
});
