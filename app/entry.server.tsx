// Renders documents on the server. Whole documents, not streams: React 18's
// renderToPipeableStream can split a multi-byte character at a chunk boundary
// and emit NUL bytes in Chinese text, and no page here defers data anyway.
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceContext } from "~/components/nonce";
import { loadSignedInParts } from "~/components/signed-in-only";

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The parts only signed-in viewers see are loaded lazily in the browser; here, once, before rendering.
  await loadSignedInParts();
  const html = renderToString(
    <NonceContext.Provider value={loadContext.nonce}>
      <RemixServer context={remixContext} url={request.url} />
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${withLowPriorityScripts(html)}`, { status: responseStatusCode, headers: responseHeaders });
}

/**
 * Marks the scripts Remix preloads (`<link rel="modulepreload">`, a page has 20 to 30) as low
 * priority. A page is whole and usable as the server sends it, its script only improves it;
 * at high priority, on a slow phone connection, the scripts take the bandwidth that the
 * stylesheet and the text need for the first paint. React escapes `<` in text and quotes in
 * attributes, so only Remix's own tags can match.
 */
export function withLowPriorityScripts(html: string): string {
  return html.replaceAll('<link rel="modulepreload"', '<link rel="modulepreload" fetchpriority="low"');
}

/** Logs what went wrong on the server; not what the request got wrong, which its answer says. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  // The client left, or its body went past the limit (answered 413): nothing here went wrong.
  if (request.signal.aborted) return;
  // The router's own 4xx (a method a page does not take, say): a stack each time would let anyone fill the log.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const inner = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : undefined;
  console.error(inner ?? error);
};
