// `npm run bench`: builds a 100,000-thread database, starts the production server on it,
// (twice: with the page cache for visitors without a session, and without it) and measures
// the hot pages on loopback with autocannon at 1 and 50 connections, beside
// a minimal static server that sends the list page's own bytes (the ceiling); then "a
// complaint in the news": many readers of one complaint while its owners reply to it.
import { benchPhotoProcessing } from "./photo";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { generateBenchDatabase, BENCH } from "./generate";
import { freePort, logIn, peakRssMb, serverEnv, statusMb, waitFor } from "./harness";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROOT = path.resolve(import.meta.dirname, "..");
const DB = path.join(ROOT, "bench", "data", "bench.db");
// The news case writes: on SQLite it runs on a copy, so that every run starts from the same data.
const NEWS_DB = path.join(ROOT, "bench", "data", "news.db");
const NEWS_DURATION_S = Number(process.env.BENCH_NEWS_DURATION ?? 3 * DURATION_S);
const NEWS_CONNECTIONS = 50;
const NEWS_WRITES_PER_SECOND = 2;
// Owners who reply to the complaint in the news, in turn, and the one whose session a fifth of its readers share.
const NEWS_WRITERS = [1, 2, 3, 4, 5].map((i) => `owner${i}@bench.example`);
const NEWS_READER = "owner6@bench.example";
const RESULTS = path.join(ROOT, "bench", "results");

/** A server's process and, when it runs several web processes, their workers. */
function processTree(pid: number): number[] {
  const children = fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // The field after the parenthesised name is the state, then the parent's pid.
        const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [pid, ...children.flatMap(processTree)];
}

type Row = {
  page: string;
  cache: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  ratio: number | null;
  /** Cores that processes other than the benchmark's kept busy meanwhile: a row measured beside someone's tests says so. */
  otherCores: number | null;
};

/** Clock ticks the machine spent busy, and those of the benchmark's own processes (this one and its servers). */
function cpuTicks(ownPids: number[]): { machine: number; own: number } | null {
  try {
    const [, ...fields] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
    // Idle and iowait left out; steal (the hypervisor's other guests) counts as others' work.
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number) as number[];
    const machine = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
    let own = 0;
    for (const pid of ownPids) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        // utime and stime, the 14th and 15th fields, counted from the state (the 3rd).
        own += Number(after[11]) + Number(after[12]);
      } catch {
        // gone meanwhile
      }
    }
    return { machine, own };
  } catch {
    return null;
  }
}

/** Measures how busy the rest of the machine was while `work` ran, in cores. */
async function besideOthers<T>(ownPids: () => number[], work: () => Promise<T>): Promise<{ result: T; otherCores: number | null }> {
  const before = cpuTicks(ownPids());
  const started = performance.now();
  const result = await work();
  const after = cpuTicks(ownPids());
  const seconds = (performance.now() - started) / 1000;
  if (!before || !after || seconds <= 0) return { result, otherCores: null };
  // /proc counts in USER_HZ, 100 a second on Linux.
  const others = (after.machine - before.machine - (after.own - before.own)) / 100 / seconds;
  return { result, otherCores: Math.max(0, Math.round(others * 100) / 100) };
}

function measure(url: string, connections: number, headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: DURATION_S, headers, pipelining: 1 });
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! : 0);

/**
 * "A complaint in the news": 50 connections read the home list, the complaint and its project
 * in turn, a fifth of them logged in, while its owners reply to it twice a second (each reply
 * drops every cached page). Reports the readers' latency and throughput and the replies' latency.
 */
async function complaintInTheNews(base: string, readerCookie: string, writerCookies: string[]) {
  const paths = ["/", `/threads/${BENCH.newsThread}`, `/projects/project-${BENCH.newsProject}`];
  const loggedIn = NEWS_CONNECTIONS / 5;
  const readers = (connections: number, headers: Record<string, string>) => {
    const latencies: number[] = [];
    const result = new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: base, connections, duration: NEWS_DURATION_S, headers, pipelining: 1, requests: paths.map((p) => ({ method: "GET", path: p })) },
        (err: unknown, r: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(r)),
      );
      instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
    });
    return { latencies, result };
  };
  const anonymous = readers(NEWS_CONNECTIONS - loggedIn, {});
  const owners = readers(loggedIn, { Cookie: readerCookie });

  // The replies go out on the clock, whether or not the previous one has been answered.
  const writes: Promise<{ ms: number; ok: boolean }>[] = [];
  let n = 0;
  const reply = () => {
    const cookie = writerCookies[n % writerCookies.length]!;
    const started = performance.now();
    const body = `第${++n}次跟进：今天又来看了，问题还在，请尽快处理。`;
    writes.push(
      fetch(`${base}/threads/${BENCH.newsThread}`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: cookie },
        body: new URLSearchParams({ intent: "reply", body }).toString(),
      }).then(
        async (res) => {
          await res.arrayBuffer();
          // A reply without JavaScript is answered with a redirect to the new post.
          return { ms: performance.now() - started, ok: res.status === 302 };
        },
        () => ({ ms: performance.now() - started, ok: false }),
      ),
    );
  };
  const timer = setInterval(reply, 1000 / NEWS_WRITES_PER_SECOND);
  const [a, o] = await Promise.all([anonymous.result, owners.result]);
  clearInterval(timer);
  const written = await Promise.all(writes);

  const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
  const summary = (latencies: number[], results: autocannon.Result[], connections: number) => {
    const s = sorted(latencies);
    return {
      connections,
      rps: results.reduce((sum, r) => sum + r.requests.average, 0),
      p50: Math.round(percentile(s, 50)),
      p99: Math.round(percentile(s, 99)),
      errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
      non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    };
  };
  const writeTimes = sorted(written.map((w) => w.ms));
  return {
    paths,
    seconds: NEWS_DURATION_S,
    readers: summary([...anonymous.latencies, ...owners.latencies], [a, o], NEWS_CONNECTIONS),
    anonymousReaders: summary(anonymous.latencies, [a], NEWS_CONNECTIONS - loggedIn),
    loggedInReaders: summary(owners.latencies, [o], loggedIn),
    replies: {
      count: written.length,
      failed: written.filter((w) => !w.ok).length,
      perSecond: written.length / NEWS_DURATION_S,
      p50: Math.round(percentile(writeTimes, 50)),
      p99: Math.round(percentile(writeTimes, 99)),
    },
  };
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
        staffEmail: BENCH.staffEmail,
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
  const database: Record<string, string> = pgUrl ? { DATABASE_URL: pgUrl } : { DATABASE_PATH: DB };
  // Copied before any server opens the database. On PostgreSQL the news case writes to the
  // benchmark's own database: its replies go to a thread of its own, which no other case reads.
  if (!pgUrl) {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(NEWS_DB + suffix, { force: true });
    fs.copyFileSync(DB, NEWS_DB);
    if (fs.existsSync(`${DB}-wal`)) fs.copyFileSync(`${DB}-wal`, `${NEWS_DB}-wal`);
  }
  const newsDatabase = pgUrl ? database : { DATABASE_PATH: NEWS_DB };
  console.log(`Engine: ${pgUrl ? "PostgreSQL" : "SQLite"}`);

  // Two servers on the same database: as deployed (pages read without a session are kept
  // for PAGE_CACHE_SECONDS), and with that cache off, which is what every logged-in reader
  // and every first reader after a write gets.
  async function startServer(pageCacheSeconds: string, webProcesses = "1", extraEnv: Record<string, string> = {}) {
    const port = await freePort();
    const proc = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: ROOT,
      env: serverEnv(port, { ...database, PAGE_CACHE_SECONDS: pageCacheSeconds, WEB_PROCESSES: webProcesses, ...extraEnv }),
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/`);
    return { proc, base };
  }
  const servers: ChildProcess[] = [];
  const ownPids = () => [process.pid, ...servers.flatMap((p) => (p.pid ? processTree(p.pid) : []))];
  const serverLabels = new Map<ChildProcess, string>();
  try {
    const cached = await startServer(process.env.PAGE_CACHE_SECONDS ?? "5");
    servers.push(cached.proc);
    serverLabels.set(cached.proc, "page cache on");
    // A staff session for the queue and the staff view, and the 50-reply thread's author's, made by logging in.
    const cookie = await logIn(cached.base, gen.staffEmail);
    const ownerCookie = await logIn(cached.base, BENCH.threadOwnerEmail);
    const uncached = await startServer("0");
    servers.push(uncached.proc);
    serverLabels.set(uncached.proc, "page cache off");
    // One web process per core, as a deployment on this machine would run.
    const cores = String(os.cpus().length);
    const uncachedAllCores = await startServer("0", cores);
    servers.push(uncachedAllCores.proc);
    serverLabels.set(uncachedAllCores.proc, `page cache off, ${cores} processes`);

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
      // The floor of a fresh render: the log-in form runs the root loader and almost no query.
      { page: "log-in form (the smallest page)", cache: "off", url: `${uncached.base}/login`, connections: [1] },
      // A session cookie passes by the page cache: these are rendered for every request.
      ...[
        { page: "thread with 50 replies, its author logged in", path: `/threads/${BENCH.fiftyReplyThread}`, cookie: ownerCookie },
        { page: "staff queue (logged in)", path: "/staff", cookie },
        { page: "staff thread view (logged in)", path: `/staff/threads/${BENCH.fiftyReplyThread}`, cookie },
      ].flatMap((p) => [
        { page: p.page, cache: "off", url: `${uncached.base}${p.path}`, headers: { Cookie: p.cookie } },
        { page: p.page, cache: `off, ${cores} processes`, url: `${uncachedAllCores.base}${p.path}`, headers: { Cookie: p.cookie }, connections: [50] },
      ]),
    ];
    // The ceiling is measured first and again once the pages are done: on a shared machine it
    // moves between runs, and every ratio is to the mean of the two.
    cases.push({ page: "static ceiling (list HTML), again after the pages", cache: "", url: `http://127.0.0.1:${staticPort}/` });
    const rows: Row[] = [];
    const measuredRps = new Map<Row, number>();
    const ceilings: Record<number, number[]> = {};
    for (const c of cases) {
      // A warm-up request, so the first measured one does not pay for cold caches alone.
      // It must answer 200: a page that fails or redirects would be measured as fast.
      const warm = await fetch(c.url, { headers: c.headers, redirect: "manual" });
      if (warm.status !== 200) throw new Error(`${c.page} answered ${warm.status}: not measured`);
      for (const connections of c.connections ?? [1, 50]) {
        const { result: r, otherCores } = await besideOthers(ownPids, () => measure(c.url, connections, c.headers));
        const rps = r.requests.average;
        if (c.page.startsWith("static")) (ceilings[connections] ??= []).push(rps);
        const row: Row = {
          page: c.page,
          cache: c.cache,
          connections,
          rps: Math.round(rps),
          p50: r.latency.p50,
          p99: r.latency.p99,
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
          ratio: null,
          otherCores,
        };
        rows.push(row);
        measuredRps.set(row, rps);
        console.log(`  ${c.page}${c.cache ? ` (cache ${c.cache})` : ""} @${connections}: ${Math.round(rps)} req/s, p99 ${r.latency.p99} ms`);
      }
    }
    const ceiling: Record<number, number> = Object.fromEntries(Object.entries(ceilings).map(([c, xs]) => [c, xs.reduce((a, b) => a + b, 0) / xs.length]));
    for (const [row, rps] of measuredRps) row.ratio = ceiling[row.connections] ? Math.round((rps / ceiling[row.connections]!) * 1000) / 1000 : null;
    staticServer.close();

    // The complaint in the news, as deployed for it: the page cache on, two web processes.
    const newsServer = await startServer(process.env.PAGE_CACHE_SECONDS ?? "5", "2", {
      ...newsDatabase,
      // Five owners replying twice a second between them would pass the hourly limit on replies.
      RATE_LIMIT_REPLY: "100000",
    });
    servers.push(newsServer.proc);
    serverLabels.set(newsServer.proc, "complaint in the news (page cache on, 2 processes)");
    const writerCookies: string[] = [];
    for (const email of NEWS_WRITERS) writerCookies.push(await logIn(newsServer.base, email));
    const readerCookie = await logIn(newsServer.base, NEWS_READER);
    for (const headers of [{}, { Cookie: readerCookie }] as Record<string, string>[]) {
      for (const p of ["/", `/threads/${BENCH.newsThread}`, `/projects/project-${BENCH.newsProject}`]) {
        const warm = await fetch(`${newsServer.base}${p}`, { headers, redirect: "manual" });
        if (warm.status !== 200) throw new Error(`complaint in the news: ${p} answered ${warm.status}: not measured`);
      }
    }
    const { result: news, otherCores: newsOtherCores } = await besideOthers(ownPids, () => complaintInTheNews(newsServer.base, readerCookie, writerCookies));
    const newsRatio = (rps: number) => (ceiling[50] ? Math.round((rps / ceiling[50]) * 1000) / 1000 : null);
    const newsCache = "on, 2 processes";
    for (const [label, r] of [
      ["complaint in the news: all readers", news.readers],
      ["complaint in the news: readers without a session", news.anonymousReaders],
      ["complaint in the news: logged-in readers", news.loggedInReaders],
    ] as const) {
      rows.push({ page: label, cache: newsCache, ...r, rps: Math.round(r.rps), ratio: newsRatio(r.rps), otherCores: newsOtherCores });
    }
    rows.push({
      page: `complaint in the news: owners' replies (${NEWS_WRITES_PER_SECOND}/s)`,
      cache: newsCache,
      connections: 1,
      rps: Math.round(news.replies.perSecond * 10) / 10,
      p50: news.replies.p50,
      p99: news.replies.p99,
      errors: news.replies.failed,
      non2xx: 0,
      ratio: null,
      otherCores: newsOtherCores,
    });
    console.log(
      `  complaint in the news @${NEWS_CONNECTIONS}: readers ${Math.round(news.readers.rps)} req/s, p99 ${news.readers.p99} ms; ${news.replies.count} replies, p99 ${news.replies.p99} ms`,
    );
    // Read before the servers stop: the largest process, web workers included.
    const peakByServer = servers.map((p) => {
      const largest = processTree(p.pid!).sort((a, b) => (peakRssMb(b) ?? 0) - (peakRssMb(a) ?? 0))[0]!;
      // What the peak is made of, as it stands now: the heap, and the database file mapped in.
      return {
        server: serverLabels.get(p) ?? String(p.pid),
        peakRssMiB: peakRssMb(largest),
        nowAnonMiB: statusMb(largest, "RssAnon"),
        nowFileMiB: statusMb(largest, "RssFile"),
      };
    });
    const peak = Math.max(...peakByServer.map((s) => s.peakRssMiB ?? 0)) || null;

    const header = ["page", "page cache", "conns", "req/s", "p50 ms", "p99 ms", "errors", "non-2xx", "vs static", "others' cores"];
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
      r.otherCores == null ? "" : r.otherCores.toFixed(2),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
    const left = (i: number) => i <= 1;
    const fmt = (cols: string[]) => `| ${cols.map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
    console.log("");
    console.log(fmt(header));
    console.log(`|${widths.map((w, i) => (left(i) ? ":" : "") + "-".repeat(w + 1) + (left(i) ? "" : ":")).join("|")}|`);
    for (const l of lines) console.log(fmt(l));
    console.log(`\nServer peak memory (RSS high-water mark of the largest server process, web workers included): ${peak ?? "unknown"} MiB`);
    for (const s of peakByServer)
      console.log(`  ${s.server}: peak ${s.peakRssMiB ?? "?"} MiB (now ${s.nowAnonMiB ?? "?"} MiB anonymous, ${s.nowFileMiB ?? "?"} MiB of mapped files)`);
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
          peakRssByServer: peakByServer,
          staticCeiling: { runs: ceilings, mean: ceiling },
          rows,
          complaintInTheNews: news,
          photoProcessing: photoTimes,
        },
        null,
        2,
      ),
    );
    console.log(`Results written to ${path.relative(ROOT, out)}`);
  } finally {
    for (const p of servers) p.kill("SIGTERM");
    // The news copy is removed once its server has let go of it.
    await Promise.all(servers.filter((p) => p.exitCode === null && p.signalCode === null).map((p) => new Promise((r) => p.once("exit", r))));
    if (!pgUrl) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(NEWS_DB + suffix, { force: true });
  }
}

await main();
