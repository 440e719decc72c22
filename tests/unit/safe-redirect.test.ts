import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/lib/guards.server";

const BASE = "https://forum.example.com";
const safe = (to: string) => safeRedirect(to, "/fallback", BASE);

// Targets that browsers, proxies or naive URL code take off-site (or that make an invalid header).
const BYPASSES = [
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "/\\evil.example",
  "/\\\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\nLocation: https://evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/\u0085/evil.example",
  "\t//evil.example",
  " //evil.example",
  " /threads/1",
  "\n/threads/1",
  "\u00a0//evil.example",
  "\ufeff//evil.example",
  "/%2F/evil.example",
  "/%2f/evil.example",
  "/%2F%2Fevil.example",
  "/%252F/evil.example",
  "/%25252F/evil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/%09/evil.example",
  "/%0d%0aSet-Cookie:%20a=b",
  "/%E0%A4%A",
  "/a/..//evil.example",
  "/a/%2e%2e//evil.example",
  "/./\\evil.example",
  "/／evil.example",
  "/\uff0f/evil.example",
  "/\uff3cevil.example",
  "/@evil.example",
  "/%40evil.example",
  "https:evil.example",
  "https:/evil.example",
  "https://evil.example",
  "HTTPS://evil.example",
  "http://forum.example.com@evil.example",
  "http://user@evil.example",
  "http://user:pass@forum.example.com/threads/1",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "evil.example",
  "evil。example",
  "//evil。example",
  "//evil%E3%80%82example",
  "",
  "/" + "a".repeat(5000),
];

// Odd, but paths on this site whichever way they are read: whether kept or refused, never off-site.
const ODD = ["/\u2025/evil.example", "/\u3002/evil.example", "/threads/1/../2", "/ /evil.example", "/threads/1?next=//evil.example"];

// Paths of this site as the forms and links send them: kept exactly.
const GOOD = [
  "/",
  "/threads/1",
  "/threads/12#post-34",
  "/threads/new",
  "/?page=2&sort=metoo",
  "/search?q=%E6%BC%8F%E6%B0%B4&project=chengwan-yunqi#results",
  "/projects/chengwan-yunqi/disclosures",
  "/staff?project=chengwan-yunqi&overdue=1",
  "/admin/users?q=li.na%40example.com",
  "/login?redirectTo=%2Fthreads%2F1",
  "/stats?period=90_days",
  "/threads/1?x=a:b",
];

describe("safeRedirect", () => {
  it.each(BYPASSES.map((t) => [JSON.stringify(t).slice(0, 60), t] as const))("refuses %s", (_name, target) => {
    const out = safe(target);
    expect(out).toBe("/fallback");
  });

  it.each(GOOD)("keeps %j unchanged", (target) => {
    expect(safe(target)).toBe(target);
  });

  it("keeps Chinese characters, encoded the way a browser sends them", () => {
    const out = safe("/search?q=漏水 电梯#回复");
    expect(out).toBe("/search?q=%E6%BC%8F%E6%B0%B4%20%E7%94%B5%E6%A2%AF#%E5%9B%9E%E5%A4%8D");
    expect(decodeURI(out)).toBe("/search?q=漏水 电梯#回复");
    expect(safe("/projects/云栖苑")).toBe("/projects/%E4%BA%91%E6%A0%96%E8%8B%91");
  });

  it("always answers a same-site path, whatever it is given", () => {
    for (const target of [...BYPASSES, ...ODD, ...GOOD]) {
      const out = safe(target);
      expect(out.startsWith("/") && !out.startsWith("//")).toBe(true);
      expect(new URL(out, BASE).origin).toBe(BASE);
      expect(out).toMatch(/^[\x21-\x7e]+$/);
    }
  });

  it("falls back on nothing at all", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined, "/threads/1")).toBe("/threads/1");
  });
});
