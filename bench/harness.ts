// What the benchmark and the profiler share: a free port, the servers' environment, waiting for a
// server, logging in.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { BENCH } from "./generate";

const ROOT = path.resolve(import.meta.dirname, "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor(url: string, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer at ${url}`);
}

/** Logs in through the form, as people do, and returns the session cookie. */
export async function logIn(base: string, email: string): Promise<string> {
  const login = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password: BENCH.password }).toString(),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  if (login.status !== 302 || !cookie) throw new Error(`login as ${email} answered ${login.status}`);
  return cookie;
}

/**
 * The Node options `npm run serve` starts the server with (package.json), so that the benchmark
 * measures the process as deployed: a smaller young generation (decision 0020).
 */
export function servedNodeOptions(): string {
  const serve = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.serve ?? "";
  const options = /NODE_OPTIONS="([^"$]*)/.exec(serve)?.[1]?.trim();
  if (!options) throw new Error("package.json's serve script sets no NODE_OPTIONS");
  return options;
}

/** The environment the benchmark's servers run with, as deployed but quiet. */
export function serverEnv(port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_OPTIONS: [servedNodeOptions(), process.env.NODE_OPTIONS].filter(Boolean).join(" "),
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    SEED_DEMO: "0",
    LOG_REQUESTS: "0",
    SCHEDULER_INTERVAL_SECONDS: "3600",
    ...extra,
  };
}

/** A field of /proc/<pid>/status in MiB: VmHWM (peak RSS), RssAnon (heap), RssFile (mapped files, SQLite's mmap). */
export function statusMb(pid: number, field: "VmHWM" | "RssAnon" | "RssFile"): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}
export const peakRssMb = (pid: number) => statusMb(pid, "VmHWM");
