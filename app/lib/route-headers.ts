// Remix renders a page's HTTP headers from the routes' `headers` exports only; an action's
// own headers (other than Set-Cookie) are dropped unless the route passes them on. Routes
// whose actions can answer "too many requests" export this, so a form posted without
// JavaScript gets the Retry-After that a script's fetch gets.
import type { HeadersFunction } from "@remix-run/node";

const PASSED_ON = ["Retry-After"] as const;

export const passOnRetryAfter: HeadersFunction = ({ actionHeaders, loaderHeaders, errorHeaders }) => {
  const headers = new Headers();
  for (const name of PASSED_ON) {
    const value = actionHeaders.get(name) ?? errorHeaders?.get(name) ?? loaderHeaders.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
};
