// Request bodies are refused past their path's limit (app/lib/body-limits.ts) before anything
// reads them whole: a declared Content-Length over the limit is answered at once, and the bytes
// of any body (chunked, or with a lying length) are counted as they arrive, whoever reads them.
// Over the limit, the server stops reading, answers 413 and closes the connection.
// See docs/decisions/0007-request-bodies-and-device-cookies.md.
import type { IncomingMessage } from "node:http";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import type { NextFunction, Request, Response } from "express";
import { formatBytes } from "../app/lib/body-limits";
import { i18nFor } from "../app/lib/i18n";
import { localeFromHeaders } from "../app/lib/locale.server";

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** Passes the body on, counting; fails as soon as the count goes past the limit. */
class Meter extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.seen += chunk.length;
    if (this.seen > this.limit) return done(new BodyTooLargeError(this.limit));
    done(null, chunk);
  }
}

const BODIES = new WeakMap<IncomingMessage, Readable>();

/** The request's body as limitBodies lets it through: the only stream that may read it. Null without a body. */
export function boundedBody(req: IncomingMessage): Readable | null {
  return BODIES.get(req) ?? null;
}

const hasBody = (req: IncomingMessage) =>
  req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0");

/** True when the request says up front that its body is over the limit. */
export function declaredTooLarge(req: IncomingMessage, limit: number) {
  const declared = Number(req.headers["content-length"]);
  return Number.isFinite(declared) && declared > limit;
}

export function limitBodies(limitFor: (req: Request) => number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) return next();
    const limit = limitFor(req);
    if (declaredTooLarge(req, limit)) return refuse(req, res, limit);
    const meter = new Meter(limit);
    meter.on("error", (e) => {
      if (e instanceof BodyTooLargeError) refuse(req, res, limit);
    });
    // A client gone mid-body: whoever waits for the body hears of it instead of waiting forever.
    req.once("close", () => {
      if (!req.complete) meter.destroy(new Error("request body aborted"));
    });
    req.pipe(meter);
    // A body nobody read (a refused origin, a page that takes no post) is drained after the answer,
    // still counted, so that the connection can serve its next request; past the limit it is closed.
    res.once("finish", () => {
      if (!req.complete && !meter.destroyed) meter.resume();
    });
    BODIES.set(req, meter);
    next();
  };
}

function refuse(req: Request, res: Response, limit: number) {
  // Not one more byte from this client: the socket is paused now and closed after the answer.
  req.unpipe();
  req.pause();
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.status(413).set("Connection", "close");
  const size = formatBytes(limit);
  if (wantsJson(req)) {
    // A Remix data request shows its route's error page for a "caught" response.
    if (req.query._data !== undefined) res.set("X-Remix-Catch", "yes");
    res.json({ error: "payload_too_large", limit });
    return;
  }
  const locale = localeFromHeaders(req.headers.cookie, req.headers["accept-language"]);
  const t = i18nFor(locale).t;
  const title = t("http.tooLargeTitle");
  res
    .type("html")
    .send(
      `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escape(title)} · ${escape(t("site.name"))}</title></head>` +
        `<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.6">` +
        `<main><h1>${escape(title)}</h1><p>${escape(t("http.tooLargeBody", { limit: size }))}</p>` +
        `<p><a href="/">${escape(t("errorPage.goHome"))}</a></p></main></body></html>`,
    );
}

function wantsJson(req: Request) {
  if (req.path.startsWith("/api/") || req.query._data !== undefined) return true;
  return req.accepts(["html", "json"]) === "json";
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
