import { describe, expect, it } from "vitest";
import { passOnRetryAfter } from "../../app/lib/route-headers";

const call = (init: { action?: HeadersInit; loader?: HeadersInit; error?: HeadersInit }) =>
  new Headers(
    passOnRetryAfter({
      actionHeaders: new Headers(init.action),
      loaderHeaders: new Headers(init.loader),
      parentHeaders: new Headers({ "X-Parent": "1" }),
      errorHeaders: init.error ? new Headers(init.error) : undefined,
    }),
  );

describe("passOnRetryAfter", () => {
  it("passes an action's Retry-After on to the page", () => {
    expect(call({ action: { "Retry-After": "900", "X-Other": "no" } }).get("Retry-After")).toBe("900");
  });

  it("passes one from a thrown response too", () => {
    expect(call({ error: { "Retry-After": "60" } }).get("Retry-After")).toBe("60");
  });

  it("passes nothing else", () => {
    const headers = call({ action: { "X-Other": "no" }, loader: { "Cache-Control": "public" } });
    expect([...headers.keys()]).toEqual([]);
  });
});
