import { afterEach, describe, expect, it, vi } from "vitest";
import { handleError } from "../../app/entry.server";

// What Remix's router throws for a request it cannot route: an error response.
const errorResponse = (status: number, statusText: string) => ({ status, statusText, internal: true, data: null, error: new Error(statusText) });

const args = (aborted = false) => {
  const controller = new AbortController();
  if (aborted) controller.abort();
  return { request: new Request("http://localhost/x", { signal: controller.signal }), params: {}, context: {} } as never;
};

describe("server error log", () => {
  afterEach(() => vi.restoreAllMocks());

  it("keeps real errors, and not what a request got wrong or a request given up", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = new Error("boom");
    handleError(boom, args());
    handleError(errorResponse(405, "Method Not Allowed"), args());
    handleError(errorResponse(404, "Not Found"), args());
    handleError(new Error("aborted"), args(true));
    const internal = errorResponse(500, "Internal Server Error");
    handleError(internal, args());
    expect(log.mock.calls).toEqual([[boom], [internal.error]]);
  });
});
