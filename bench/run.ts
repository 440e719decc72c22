// `npm run bench`: builds a 100,000-thread database, starts the production server on it,
// (twice: with the page cache for visitors without a session, and without it) and measures
// the hot pages on loopback with autocannon at 1 and 50 connections, beside
// a minimal static server that sends the list page's own bytes (the ceiling).
import { benchPhotoProcessing } from "./photo";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { generateBenchDatabase, BENCH } from "./generate";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROOT = path.resolve(import.meta.dirname, "..");
const DB = path.join(ROOT, "bench", "data", "bench.db");
const RESULTS = path.join(ROOT, "bench", "results");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function peakRssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

async function waitFor(url: string, ms = 60_000) {
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

type Row = { page: string; cache: string; connections: number; rps: number; p50: number; p99: number; errors: number; non2xx: number; ratio: number | null };

function measure(url: string, connections: number, headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: DURATION_S, headers, pipelining: 1 });
}

async function main() {
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`Generating ${BENCH.threads.toLocaleString()} threads and ${BENCH.posts.toLocaleString()} posts…`);
  // BENCH_REUSE=1 measures again on the database of the previous run.
  const reuse = process.env.BENCH_REUSE === "1" && fs.existsSync(DB);
  const gen = reuse
    ? {
        seconds: 0,
        bytes: fs.statSync(DB).size,
        counts: { threads: BENCH.threads, posts: BENCH.posts, projects: BENCH.projects },
        staffEmail: "staff1@bench.example",
      }
    : await generateBenchDatabase(DB, Date.now(), (s) => console.log(s));
  console.log(`Generated in ${gen.seconds.toFixed(1)} s; database file ${(gen.bytes / 2 ** 20).toFixed(0)} MiB.`);

  // BENCH_DATABASE_URL runs the same measurements on PostgreSQL: the generated database is
  // copied into it (an empty database; with BENCH_REUSE=1 a previous run's copy is kept).
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    const { copySqliteToPostgres, CopyRefusedError } = await import("../db/copy");
    try {
      const copy = await copySqliteToPostgres({ from: DB, to: pgUrl, log: () => undefined });
      console.log(`Copied to PostgreSQL in ${(copy.ms / 1000).toFixed(1)} s.`);
    } catch (e) {
      if (!(reuse && e instanceof CopyRefusedError)) throw e;
      console.log("Measuring again on the PostgreSQL copy of the previous run.");
    }
    process.env.DATABASE_URL = pgUrl;
  }
  const database = pgUrl ? { DATABASE_URL: pgUrl } : { DATABASE_PATH: DB };
  console.log(`Engine: ${pgUrl ? "PostgreSQL" : "SQLite"}`);

  // Two servers on the same database: as deployed (pages read without a session are kept
  // for PAGE_CACHE_SECONDS), and with that cache off, which is what every logged-in reader
  // and every first reader after a write gets.
  async function startServer(pageCacheSeconds: string, webProcesses = "1") {
    const port = await freePort();
    const proc = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        ...database,
        SEED_DEMO: "0",
        LOG_REQUESTS: "0",
        SCHEDULER_INTERVAL_SECONDS: "3600",
        PAGE_CACHE_SECONDS: pageCacheSeconds,
        WEB_PROCESSES: webProcesses,
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/`);
    return { proc, base };
  }
  const servers: ChildProcess[] = [];
  try {
    const cached = await startServer(process.env.PAGE_CACHE_SECONDS ?? "5");
    servers.push(cached.proc);
    // A staff session for the queue, made by logging in as staff do.
    const login = await fetch(`${cached.base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: cached.base },
      body: new URLSearchParams({ email: gen.staffEmail, password: BENCH.password }).toString(),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    if (login.status !== 302 || !cookie) throw new Error(`staff login answered ${login.status}`);
    const uncached = await startServer("0");
    servers.push(uncached.proc);
    // One web process per core, as a deployment on this machine would run.
    const cores = String(os.cpus().length);
    const uncachedAllCores = await startServer("0", cores);
    servers.push(uncachedAllCores.proc);

    // The ceiling: the list page's own HTML from a minimal Node server.
    const listHtml = Buffer.from(await (await fetch(`${uncached.base}/`)).arrayBuffer());
    const staticPort = await freePort();
    const staticServer = http
      .createServer((_req, res) => {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": listHtml.length });
        res.end(listHtml);
      })
      .listen(staticPort, "127.0.0.1");

    const pages: { page: string; path: string }[] = [
      { page: "thread list, page 1", path: "/" },
      { page: "thread list, page 500", path: "/?page=500" },
      { page: "thread with 50 replies", path: `/threads/${BENCH.fiftyReplyThread}` },
      { page: "project page", path: "/projects/project-1" },
      { page: "disclosure page", path: "/projects/project-1/disclosures" },
      { page: "search, 3+ characters (index)", path: `/search?q=${encodeURIComponent("卫生间")}` },
      { page: "search, 2 characters (scan)", path: `/search?q=${encodeURIComponent("漏水")}` },
    ];
    const cases: { page: string; cache: string; url: string; headers?: Record<string, string>; connections?: number[] }[] = [
      { page: "static ceiling (list HTML)", cache: "", url: `http://127.0.0.1:${staticPort}/` },
      ...pages.flatMap((p) => [
        { page: p.page, cache: "on", url: `${cached.base}${p.path}` },
        { page: p.page, cache: "off", url: `${uncached.base}${p.path}` },
        // At one connection a second process has nothing to do; at fifty it shares the work.
        { page: p.page, cache: `off, ${cores} processes`, url: `${uncachedAllCores.base}${p.path}`, connections: [50] },
      ]),
      { page: "staff queue (logged in)", cache: "", url: `${cached.base}/staff`, headers: { Cookie: cookie } },
    ];
    const rows: Row[] = [];
    const ceiling: Record<number, number> = {};
    for (const c of cases) {
      // A warm-up request, so the first measured one does not pay for cold caches alone.
      // It must answer 200: a page that fails or redirects would be measured as fast.
      const warm = await fetch(c.url, { headers: c.headers, redirect: "manual" });
      if (warm.status !== 200) throw new Error(`${c.page} answered ${warm.status}: not measured`);
      for (const connections of c.connections ?? [1, 50]) {
        const r = await measure(c.url, connections, c.headers);
        const rps = r.requests.average;
        if (c.page.startsWith("static")) ceiling[connections] = rps;
        rows.push({
          page: c.page,
          cache: c.cache,
          connections,
          rps: Math.round(rps),
          p50: r.latency.p50,
          p99: r.latency.p99,
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
          ratio: ceiling[connections] ? Math.round((rps / ceiling[connections]!) * 1000) / 1000 : null,
        });
        console.log(`  ${c.page}${c.cache ? ` (cache ${c.cache})` : ""} @${connections}: ${Math.round(rps)} req/s, p99 ${r.latency.p99} ms`);
      }
    }
    staticServer.close();
    const peak = Math.max(...servers.map((p) => peakRssMb(p.pid!) ?? 0)) || null;

    const header = ["page", "page cache", "conns", "req/s", "p50 ms", "p99 ms", "errors", "non-2xx", "vs static"];
    const lines = rows.map((r) => [
      r.page,
      r.cache,
      String(r.connections),
      String(r.rps),
      String(r.p50),
      String(r.p99),
      String(r.errors),
      String(r.non2xx),
      r.ratio == null ? "" : r.ratio.toFixed(3),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
    const left = (i: number) => i <= 1;
    const fmt = (cols: string[]) => `| ${cols.map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
    console.log("");
    console.log(fmt(header));
    console.log(`|${widths.map((w, i) => (left(i) ? ":" : "") + "-".repeat(w + 1) + (left(i) ? "" : ":")).join("|")}|`);
    for (const l of lines) console.log(fmt(l));
    console.log(`\nServer peak memory (RSS high-water mark of the largest single-process server): ${peak ?? "unknown"} MiB`);
    // Photos are processed in the web process as they are uploaded: a phone's 12-megapixel photo.
    console.log("\nPhoto processing (in the web process, beside the pages):");
    const photoTimes = await benchPhotoProcessing(3, (s) => console.log(`  ${s}`));
    for (const p of photoTimes) console.log(`  ${p.label}: ${Math.round(p.ms)} ms`);
    console.log(
      `Database: ${gen.counts.threads} threads, ${gen.counts.posts} posts, ${gen.counts.projects} projects, ${(gen.bytes / 2 ** 20).toFixed(0)} MiB, generated in ${gen.seconds.toFixed(1)} s`,
    );

    fs.mkdirSync(RESULTS, { recursive: true });
    const out = path.join(RESULTS, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(
      out,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
          engine: pgUrl ? "postgresql" : "sqlite",
          durationSeconds: DURATION_S,
          generation: gen,
          peakRssMiB: peak,
          rows,
          photoProcessing: photoTimes,
        },
        null,
        2,
      ),
    );
    console.log(`Results written to ${path.relative(ROOT, out)}`);
  } finally {
    for (const p of servers) p.kill("SIGTERM");
  }
}

await main();
