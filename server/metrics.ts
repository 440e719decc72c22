// /metrics in Prometheus text format: this process's requests (count and latency by method,
// route pattern and status class, so that the label values stay few whatever the URLs) and,
// read from the database at each scrape, the mail outbox's backlog, the breaches recorded and
// how long ago a scheduler last ticked. Asks for `Authorization: Bearer <METRICS_TOKEN>`; without
// that setting the endpoint does not exist. With WEB_PROCESSES > 1 each worker counts its own requests.
import { createHash, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { ServerBuild } from "@remix-run/node";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { currentTime } from "../app/lib/time.server";
import { operationsMetrics } from "../app/models/operations.server";

type Pattern = { label: string; segments: string[]; splat: boolean; score: number };

/** Every URL pattern of the Remix build, most specific first (static over dynamic over splat). */
export function routePatterns(build: Pick<ServerBuild, "routes">): Pattern[] {
  const routes = build.routes;
  const fullPath = (id: string): string[] => {
    const route = routes[id];
    if (!route) return [];
    const own = (route.path ?? "").split("/").filter(Boolean);
    return [...(route.parentId ? fullPath(route.parentId) : []), ...own];
  };
  const patterns = new Map<string, Pattern>();
  for (const id of Object.keys(routes)) {
    const segments = fullPath(id).map((s) => s.replace(/\?$/, ""));
    const splat = segments.at(-1) === "*";
    const label = `/${segments.join("/")}`;
    const score = segments.reduce((n, s) => n + (s === "*" ? -2 : s.startsWith(":") ? 3 : 10), 0);
    patterns.set(label, { label, segments: splat ? segments.slice(0, -1) : segments, splat, score });
  }
  return [...patterns.values()].sort((a, b) => b.score - a.score || b.segments.length - a.segments.length);
}

/** The pattern a path falls under ("/threads/:id"), or null when none does. */
export function matchPattern(patterns: Pattern[], pathname: string): string | null {
  const parts = pathname.split("/").filter(Boolean);
  for (const p of patterns) {
    if (p.splat ? parts.length < p.segments.length : parts.length !== p.segments.length) continue;
    if (p.segments.every((s, i) => s.startsWith(":") || s.toLowerCase() === parts[i]!.toLowerCase())) return p.label;
  }
  return null;
}

const ONE_PATH = new Set(["/healthz", "/readyz", "/metrics"]);

function sameToken(given: string, expected: string) {
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function createMetrics(build: Pick<ServerBuild, "routes">, { token }: { token: string | undefined }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "tousu_" });
  const patterns = routePatterns(build);
  const labelNames = ["method", "route", "status"] as const;
  const requests = new Counter({ name: "tousu_http_requests_total", help: "HTTP requests answered by this process.", labelNames, registers: [registry] });
  const latency = new Histogram({
    name: "tousu_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by this process.",
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  const pending = gauge("tousu_mail_outbox_pending", "Messages waiting in the mail outbox.");
  const failed = gauge("tousu_mail_outbox_failed", "Messages that ran out of delivery attempts.");
  const oldestPending = gauge("tousu_mail_outbox_oldest_pending_age_seconds", "How long the oldest waiting message has waited (0 when none waits).");
  const breaches = gauge("tousu_breaches_recorded", "Missed deadlines recorded by every scheduler process, as kept in scheduler_runs.");
  const lastTick = gauge("tousu_scheduler_last_tick_age_seconds", "Seconds since any scheduler last ended a tick (-1 if none ever has).");
  const databaseUp = gauge("tousu_metrics_database_up", "1 if this scrape read the database, 0 if it failed.");

  const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

  /** Counts and times every request; first in the chain, so that refusals count too. */
  function middleware(req: Request, res: Response, next: NextFunction) {
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const path = req.path;
      // A static file, a refusal before routing, or a page (rendered or cached): the pattern, never the path itself.
      const route = ONE_PATH.has(path) ? path : res.locals.routed ? (matchPattern(patterns, path) ?? "unmatched") : res.statusCode < 400 ? "static" : "refused";
      const labels = { method: KNOWN_METHODS.has(req.method) ? req.method : "other", route, status: `${Math.floor(res.statusCode / 100)}xx` };
      requests.inc(labels);
      latency.observe(labels, seconds);
    });
    next();
  }

  /** Marks a request that got past the static files, so that it is labelled with its route pattern. */
  function routed(_req: Request, res: Response, next: NextFunction) {
    res.locals.routed = true;
    next();
  }

  function handler(req: Request, res: Response, next: NextFunction) {
    res.set("Cache-Control", "no-store");
    if (!token) {
      res.status(404).type("text/plain").send("Not Found");
      return;
    }
    const auth = /^Bearer\s+(.+)$/i.exec(req.get("authorization") ?? "")?.[1]?.trim();
    if (!auth || !sameToken(auth, token)) {
      res.status(401).set("WWW-Authenticate", 'Bearer realm="metrics"').type("text/plain").send("Unauthorized");
      return;
    }
    void scrape(res).catch(next);
  }

  async function scrape(res: Response) {
    try {
      const m = await operationsMetrics(currentTime());
      pending.set(m.pending);
      failed.set(m.failed);
      oldestPending.set((m.oldestPendingAgeMs ?? 0) / 1000);
      breaches.set(m.breachesRecorded);
      lastTick.set(m.lastTickAgeMs == null ? -1 : m.lastTickAgeMs / 1000);
      databaseUp.set(1);
    } catch (e) {
      console.error("metrics:", e instanceof Error ? e.message : e);
      databaseUp.set(0);
    }
    res.type(registry.contentType).send(await registry.metrics());
  }

  return { middleware, routed, handler, registry };
}
