import { describe, expect, it } from "vitest";
import en from "../../app/locales/en";
import zhCN from "../../app/locales/zh-CN";
import { detectLocale } from "../../app/lib/locale.server";
import { formatDateTime } from "../../app/lib/format";
import { parseThreadQuery, threadQueryString } from "../../app/lib/thread-query";

const req = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

describe("detectLocale", () => {
  it("defaults to Chinese", () => {
    expect(detectLocale(req({}))).toBe("zh-CN");
    expect(detectLocale(req({ "Accept-Language": "fr-FR" }))).toBe("zh-CN");
  });
  it("follows Accept-Language", () => {
    expect(detectLocale(req({ "Accept-Language": "en-GB,en;q=0.9" }))).toBe("en");
    expect(detectLocale(req({ "Accept-Language": "zh-TW,zh;q=0.9,en;q=0.5" }))).toBe("zh-CN");
    expect(detectLocale(req({ "Accept-Language": "de;q=1, en;q=0.5" }))).toBe("en");
  });
  it("prefers the remembered choice over the browser", () => {
    expect(detectLocale(req({ "Accept-Language": "en", Cookie: "a=1; lang=zh-CN" }))).toBe("zh-CN");
    expect(detectLocale(req({ Cookie: "lang=en" }))).toBe("en");
    expect(detectLocale(req({ Cookie: "lang=xx" }))).toBe("zh-CN");
  });
});

describe("message files", () => {
  const keys = (o: object, prefix = ""): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
  it("have the same keys in both languages, none empty", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const k of keys(en)) expect(k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en)).not.toBe("");
  });
});

describe("formatDateTime", () => {
  it("shows the site's time zone in the viewer's language", () => {
    const ms = Date.UTC(2026, 10, 23, 6, 5); // 14:05 in Shanghai
    expect(formatDateTime(ms, "zh-CN", "Asia/Shanghai")).toContain("14:05");
    expect(formatDateTime(ms, "zh-CN", "Asia/Shanghai")).toContain("11月23日");
    expect(formatDateTime(ms, "en", "Asia/Shanghai")).toMatch(/Nov 23, 2026.*14:05/);
    expect(formatDateTime(ms, "en", "UTC")).toContain("06:05");
  });
});

describe("thread query", () => {
  it("parses known filters and ignores unknown values", () => {
    const q = parseThreadQuery(new URLSearchParams("project=yunqi&type=quality&status=bogus&page=3"));
    expect(q).toEqual({ project: "yunqi", type: "quality", status: undefined, sort: "newest", page: 3 });
    expect(parseThreadQuery(new URLSearchParams("page=-2")).page).toBe(1);
    expect(threadQueryString({ ...q, page: 1 })).toBe("?project=yunqi&type=quality");
  });
});
