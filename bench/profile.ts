// Where the time of each page rendered afresh goes: starts the production server on the
// benchmark's database with the page cache off, in one web process, under V8's CPU profiler
// (bench/profiled-server.ts); drives one page at a time at one connection for PROFILE_SECONDS
// (10); and summarises each page's profile (bench/profile-summary.ts). The profiles are kept
// under bench/results/profiles/ (open them in Chrome DevTools or speedscope for the flame graph).
// Run `npm run bench` once first (it builds and generates the database);
// `npx tsx bench/profile.ts [page-slug…]`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { BENCH } from "./generate";
import { freePort, logIn, serverEnv, waitFor } from "./harness";
import { formatSummary, summariseProfile, type CpuProfile } from "./profile-summary";

const ROOT = path.resolve(import.meta.dirname, "..");
const DB = path.join(ROOT, "bench", "data", "bench.db");
const OUT = path.join(ROOT, "bench", "results", "profiles");
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10);

type Page = { slug: string; page: string; path: string; as?: "owner" | "staff" };
const PAGES: Page[] = [
  { slug: "list-1", page: "thread list, page 1", path: "/" },
  { slug: "list-500", page: "thread list, page 500", path: "/?page=500" },
  { slug: "thread", page: "thread with 50 replies", path: `/threads/${BENCH.fiftyReplyThread}` },
  { slug: "thread-owner", page: "thread with 50 replies, its author logged in", path: `/threads/${BENCH.fiftyReplyThread}`, as: "owner" },
  { slug: "project", page: "project page", path: "/projects/project-1" },
  { slug: "staff-queue", page: "staff queue (logged in)", path: "/staff", as: "staff" },
  { slug: "staff-thread", page: "staff thread view (logged in)", path: `/staff/threads/${BENCH.fiftyReplyThread}`, as: "staff" },
  { slug: "search-2", page: "search, 2 characters (scan)", path: `/search?q=${encodeURIComponent("漏水")}` },
  { slug: "search-3", page: "search, 3+ characters (index)", path: `/search?q=${encodeURIComponent("卫生间")}` },
  // The floor of a page: the log-in form runs the root loader and almost no query.
  { slug: "login", page: "log-in form (the smallest page)", path: "/login" },
];
// What a request costs before Remix: Express alone, then its middleware with a static file.
const FLOORS = [
  { page: "/healthz (Express and the metrics middleware)", path: "/healthz" },
  { page: "/favicon.svg (every middleware, a static file)", path: "/favicon.svg" },
];

async function main() {
  if (!fs.existsSync(DB)) throw new Error(`${path.relative(ROOT, DB)} is missing: run \`npm run bench\` once first`);
  const only = process.argv.slice(2);
  const pages = only.length ? PAGES.filter((p) => only.includes(p.slug)) : PAGES;
  const dir = path.join(OUT, new Date().toISOString().replace(/[:.]/g, "-"));
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "bench/profiled-server.ts"], {
    cwd: ROOT,
    env: serverEnv(port, { DATABASE_PATH: DB, PAGE_CACHE_SECONDS: "0", WEB_PROCESSES: "1", PROFILE_DIR: dir }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/`);
    const cookies = { owner: await logIn(base, BENCH.threadOwnerEmail), staff: await logIn(base, BENCH.staffEmail) };
    const report: string[] = [];
    for (const f of FLOORS) {
      const r = await autocannon({ url: `${base}${f.path}`, connections: 1, duration: Math.max(1, SECONDS / 2) });
      const line = `${f.page}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms (no profiler)`;
      console.log(line);
      report.push(line);
    }
    let n = 0;
    for (const p of pages) {
      const headers: Record<string, string> = p.as ? { Cookie: cookies[p.as] } : {};
      // Warm: the first requests pay for compiling and for cold caches.
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${base}${p.path}`, { headers, redirect: "manual" });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${p.page} answered ${res.status}: not profiled`);
      }
      server.kill("SIGUSR2");
      await new Promise((r) => setTimeout(r, 200));
      const result = await autocannon({ url: `${base}${p.path}`, connections: 1, duration: SECONDS, headers });
      server.kill("SIGUSR2");
      const file = path.join(dir, `${++n}.cpuprofile`);
      while (!fs.existsSync(file)) await new Promise((r) => setTimeout(r, 100));
      const named = path.join(dir, `${p.slug}.cpuprofile`);
      fs.renameSync(file, named);
      const summary = summariseProfile(JSON.parse(fs.readFileSync(named, "utf8")) as CpuProfile, 15);
      const text = formatSummary(`${p.page} (${p.path}), ${Math.round(result.requests.average)} req/s under the profiler`, summary, result.requests.total);
      console.log(`${text}\n`);
      report.push(text);
    }
    fs.writeFileSync(path.join(dir, "summary.txt"), `${report.join("\n\n")}\n`);
    console.log(`Profiles and summary.txt in ${path.relative(ROOT, dir)}`);
  } finally {
    server.kill("SIGTERM");
  }
}

await main();
