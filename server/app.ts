// The Express application: security headers, origin check, sessions, static files, Remix.
import { randomBytes } from "node:crypto";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import type { ServerBuild } from "@remix-run/node";
import { bodyLimitFor, UPLOAD_LIMITS, type BodyLimitRule } from "../app/lib/body-limits";
import { isSameOrigin, readSession, sessionCookieName } from "../app/lib/auth.server";
import type { TousuContext } from "../app/lib/context";
import { databaseGeneration } from "../app/models/generation.server";
import { getEnv } from "../app/lib/env.server";
import { readCookie } from "../app/lib/cookies";
import { localeFromHeaders } from "../app/lib/locale.server";
import { boundedBody, limitBodies } from "./body-limit";
import { healthz, readyz } from "./health";
import { createMetrics } from "./metrics";
import { createPageCache } from "./page-cache";
import { remixHandler } from "./remix";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Authorised by a signed token in the URL, never by cookies, and posted by mail apps
// (RFC 8058 one-click) that send no Origin: a cross-site request can do no harm here.
const TOKEN_PATHS = new Set(["/unsubscribe"]);

/** Rejects state-changing requests whose Origin (or Referer) is not this site. */
export function originCheck(extraHosts: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || TOKEN_PATHS.has(req.path)) return next();
    let origin = req.get("origin") ?? null;
    if (!origin || origin === "null") {
      const referer = req.get("referer");
      try {
        origin = referer ? new URL(referer).origin : null;
      } catch {
        origin = null;
      }
    }
    const host = req.get("x-forwarded-host") && req.app.get("trust proxy") ? req.get("x-forwarded-host") : req.get("host");
    if (isSameOrigin(origin, host, extraHosts)) return next();
    res.status(403).type("text/plain").send("Cross-origin request refused.");
  };
}

export type AppOptions = {
  /** The paths that take files, with their larger body limits (tests give their own). */
  uploadLimits?: readonly BodyLimitRule[];
};

export function createApp(build: ServerBuild, { uploadLimits = UPLOAD_LIMITS }: AppOptions = {}) {
  const env = getEnv();
  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY > 0) app.set("trust proxy", env.TRUST_PROXY);

  const metrics = createMetrics(build, { token: env.METRICS_TOKEN });
  app.use(metrics.middleware);
  // For the load balancer and the metrics scraper: before sessions, the page cache and Remix.
  app.get("/healthz", healthz);
  app.get("/readyz", readyz);
  app.get("/metrics", metrics.handler);

  app.use((_req, res, next) => {
    res.locals.nonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`],
          "style-src": ["'self'", "'unsafe-inline'"],
          // User Markdown may show images from any http(s) address.
          "img-src": ["'self'", "data:", "https:", "http:"],
          "connect-src": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "upgrade-insecure-requests": null,
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  // Before anything that could read a body, or answer and leave it to be read.
  app.use(limitBodies((req) => bodyLimitFor(req.path, req.headers["content-type"], env.FORM_BODY_LIMIT, uploadLimits)));
  app.use(compression());

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  // Not a static file: the request metrics label it with its route pattern (a cached page too).
  app.use(metrics.routed);

  const extraHosts = env.PUBLIC_URL ? [new URL(env.PUBLIC_URL).host] : [];
  app.use(originCheck(extraHosts));

  if (env.LOG_REQUESTS && env.NODE_ENV !== "test") {
    app.use((req, res, next) => {
      // The load balancer's probes, every few seconds, would drown the log.
      if (req.path === "/healthz" || req.path === "/readyz") return next();
      const start = process.hrtime.bigint();
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        // Path only: no query strings, addresses or cookies in the log.
        console.log(`${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`);
      });
      next();
    });
  }

  const pageCache = createPageCache({
    ttlMs: env.PAGE_CACHE_SECONDS * 1000,
    generation: databaseGeneration,
    variant: (req) => localeFromHeaders(req.headers.cookie, req.headers["accept-language"]),
    // Photos carry their own HTTP caching, and their bytes are not pages to keep in memory.
    bypass: (req) => req.path.startsWith("/photos/") || readCookie(req.headers.cookie ?? null, sessionCookieName()) !== undefined,
    nonce: (res) => res.locals.nonce as string,
  });
  app.use(pageCache.middleware);

  app.all(
    "*",
    (req, res, next) => {
      readSession(req.headers.cookie)
        .then(({ user, session, setCookie }) => {
          if (setCookie) res.append("Set-Cookie", setCookie);
          res.locals.tousu = {
            user,
            session,
            nonce: res.locals.nonce as string,
            clientIp: req.ip ?? "unknown",
          } satisfies TousuContext;
          next();
        })
        .catch(next);
    },
    remixHandler({
      build,
      mode: env.NODE_ENV === "production" ? "production" : "development",
      getLoadContext: (_req, res) => res.locals.tousu as TousuContext,
      body: boundedBody,
      // A signed-in viewer's pages carry their own controls, contact details, internal notes.
      ownAnswer: (res) => (res.locals.tousu as TousuContext).user != null,
    }),
  );

  return app;
}
