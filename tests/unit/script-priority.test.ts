import { describe, expect, it } from "vitest";
import { withLowPriorityScripts } from "../../app/entry.server";

describe("preloaded scripts", () => {
  it("are fetched at low priority, and nothing else of the page changes", () => {
    const html =
      '<head><link rel="stylesheet" href="/build/app.css"/><link rel="modulepreload" href="/build/entry.client.js"/>' +
      '<link rel="modulepreload" href="/build/root.js"/></head><body><p>&lt;link rel=&quot;modulepreload&quot;</p></body>';
    expect(withLowPriorityScripts(html)).toBe(
      '<head><link rel="stylesheet" href="/build/app.css"/><link rel="modulepreload" fetchpriority="low" href="/build/entry.client.js"/>' +
        '<link rel="modulepreload" fetchpriority="low" href="/build/root.js"/></head><body><p>&lt;link rel=&quot;modulepreload&quot;</p></body>',
    );
  });
});
