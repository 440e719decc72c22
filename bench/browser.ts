// `npm run bench:browser`: Lighthouse (mobile, its default simulated throttling) on the home
// page and on a thread page of a production build, started here on a throwaway database with
// the demo data and the page cache on as deployed. Prints each page's scores and metrics
// beside the targets and writes the full reports under bench/results/. A missed target is a
// result, not a failure: only errors make the exit status non-zero.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";
import { chromiumLaunchOptions } from "../tests/support/browser";
import { freePort, serverEnv, waitFor } from "./harness";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(ROOT, "bench", "results");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
// The site's default language, which most of its readers get; the page cache keeps one copy per language.
const ACCEPT_LANGUAGE = "zh-CN,zh;q=0.9";

const TARGETS = { performance: 0.95, tbtMs: 200, seo: 1 };

type PageResult = {
  page: string;
  url: string;
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  seo: number | null;
  tbtMs: number;
  lcpMs: number;
  fcpMs: number;
  cls: number;
  jsKb: number;
  /** The document's time to first byte as Lighthouse saw it: a few ms when it came from the page cache. */
  serverResponseMs: number;
  /** The machine's one-minute load average as the page was measured: Lighthouse's simulated timings move with it. */
  loadAverage: number;
  report: string;
};

/** Debian's Chromium (or CHROMIUM_PATH), as the browser tests use; else Playwright's own. */
async function chromePath(): Promise<string> {
  if (chromiumLaunchOptions.executablePath) return chromiumLaunchOptions.executablePath;
  const { chromium } = await import("@playwright/test");
  return chromium.executablePath();
}

/**
 * The font families this machine has for Chinese. Without one, Chromium looks each character
 * up again through fontconfig's fallbacks, and lays the page out several times slower than a
 * phone, which has CJK fonts: Lighthouse counts that as the page's main-thread time.
 */
function chineseFonts(): string[] | null {
  try {
    const out = execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
    return out.split("\n").filter((line) => line.trim());
  } catch {
    return null;
  }
}

/** The production server on a fresh SQLite file, which it fills with the demo data at start. */
async function startServer(dir: string): Promise<{ proc: ChildProcess; base: string }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: serverEnv(port, {
      DATABASE_PATH: path.join(dir, "forum.db"),
      OUTBOX_DIR: path.join(dir, "outbox"),
      UPLOAD_DIR: path.join(dir, "uploads"),
      SEED_DEMO: "1",
      // As deployed: pages read without a session come from memory for a few seconds.
      PAGE_CACHE_SECONDS: process.env.PAGE_CACHE_SECONDS ?? "5",
    }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  // It listens once the demo data is in, which takes a while on a busy machine.
  await waitFor(`${base}/healthz`, 180_000);
  return { proc, base };
}

/** The complaint on the home list's first page with the most replies: a thread page with something to read. */
async function busiestThreadPath(base: string): Promise<string> {
  const res = await fetch(`${base}/api/threads?pageSize=20`);
  if (!res.ok) throw new Error(`/api/threads answered ${res.status}`);
  const { threads } = (await res.json()) as { threads: { id: number; replyCount: number }[] };
  const busiest = [...threads].sort((a, b) => b.replyCount - a.replyCount || a.id - b.id)[0];
  if (!busiest) throw new Error("the demo data has no threads");
  return `/threads/${busiest.id}`;
}

/** One request as Lighthouse's browser will make it, so that its navigation finds the page cached. */
async function warmUp(url: string) {
  const res = await fetch(url, { headers: { "Accept-Language": ACCEPT_LANGUAGE }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: not measured`);
}

function summarise(page: string, url: string, lhr: Result, report: string, loadAverage: number): PageResult {
  const numeric = (id: string) => {
    const value = lhr.audits[id]?.numericValue;
    if (value === undefined) throw new Error(`${page}: Lighthouse reported no ${id}`);
    return value;
  };
  const scripts = (lhr.audits["resource-summary"]?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items?.find(
    (row) => row.resourceType === "script",
  );
  return {
    page,
    url,
    performance: lhr.categories.performance?.score ?? null,
    accessibility: lhr.categories.accessibility?.score ?? null,
    bestPractices: lhr.categories["best-practices"]?.score ?? null,
    seo: lhr.categories.seo?.score ?? null,
    tbtMs: Math.round(numeric("total-blocking-time")),
    lcpMs: Math.round(numeric("largest-contentful-paint")),
    fcpMs: Math.round(numeric("first-contentful-paint")),
    cls: Math.round(numeric("cumulative-layout-shift") * 1000) / 1000,
    jsKb: Math.round(((scripts?.transferSize ?? 0) / 1024) * 10) / 10,
    serverResponseMs: Math.round(numeric("server-response-time")),
    loadAverage,
    report,
  };
}

/** The audits that cost the page points, worst first: where to look when a score is low. */
function costlyAudits(lhr: Result): string[] {
  return CATEGORIES.flatMap((id) => {
    const category = lhr.categories[id];
    if (!category) return [];
    return category.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
      .filter(({ audit }) => audit && audit.score !== null && audit.score < 1)
      .sort((a, b) => b.ref.weight * (1 - (b.audit!.score ?? 0)) - a.ref.weight * (1 - (a.audit!.score ?? 0)))
      .map(({ audit }) => `${id}: ${audit!.id} (${audit!.score}${audit!.displayValue ? `, ${audit!.displayValue}` : ""})`);
  });
}

/**
 * One Lighthouse run of a page, warmed up just before so that it is served from the page
 * cache. On a busy machine Lighthouse sometimes loses its trace (NO_NAVSTART, say) and asks
 * to be run again: it is, once.
 */
async function audit(port: number, url: string, page: string) {
  for (let attempt = 1; ; attempt++) {
    await warmUp(url);
    const run = await lighthouse(url, {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
      extraHeaders: { "Accept-Language": ACCEPT_LANGUAGE },
    });
    if (!run) throw new Error(`${page}: Lighthouse returned nothing`);
    const error = run.lhr.runtimeError;
    if (!error) return run;
    if (attempt >= 2) throw new Error(`${page}: ${error.code}: ${error.message}`);
    console.warn(`${page}: ${error.code}; running Lighthouse again`);
  }
}

const score = (s: number | null) => (s === null ? "n/a" : s.toFixed(2));
const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

function print(r: PageResult, costly: string[]) {
  const perfOk = r.performance !== null && r.performance >= TARGETS.performance;
  const tbtOk = r.tbtMs < TARGETS.tbtMs;
  const seoOk = r.seo !== null && r.seo >= TARGETS.seo;
  console.log(`\n${r.page}: ${r.url}  (load average ${r.loadAverage.toFixed(2)})`);
  console.log(`  performance     ${score(r.performance).padStart(6)}   target ≥ ${TARGETS.performance}: ${verdict(perfOk)}`);
  console.log(`  TBT             ${`${r.tbtMs} ms`.padStart(9)}   target < ${TARGETS.tbtMs} ms: ${verdict(tbtOk)}`);
  console.log(`  LCP             ${`${r.lcpMs} ms`.padStart(9)}`);
  console.log(`  FCP             ${`${r.fcpMs} ms`.padStart(9)}`);
  console.log(`  CLS             ${r.cls.toFixed(3).padStart(6)}`);
  console.log(`  JS transferred  ${`${r.jsKb} KB`.padStart(9)}`);
  console.log(`  server response ${`${r.serverResponseMs} ms`.padStart(9)}`);
  console.log(`  seo             ${score(r.seo).padStart(6)}   target = ${TARGETS.seo.toFixed(1)}: ${verdict(seoOk)}`);
  console.log(`  accessibility   ${score(r.accessibility).padStart(6)}`);
  console.log(`  best-practices  ${score(r.bestPractices).padStart(6)}`);
  if (costly.length) console.log(`  costing points: ${costly.slice(0, 8).join("; ")}`);
  console.log(`  report: ${r.report}`);
}

async function main() {
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`);
  const fonts = chineseFonts();
  if (fonts?.length === 0)
    console.warn(
      "No font for Chinese on this machine (fc-list :lang=zh): Chromium's layout of the pages is slowed by font fallback, " +
        "and FCP, LCP and TBT come out worse than on a phone. Install one (Debian: fonts-noto-cjk) for figures worth comparing.",
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tousu-lighthouse-"));
  let server: ChildProcess | undefined;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    const started = await startServer(dir);
    server = started.proc;
    const { base } = started;
    const pages = [
      { page: "home page", slug: "home", path: "/" },
      { page: "thread page", slug: "thread", path: await busiestThreadPath(base) },
    ];

    chrome = await chromeLauncher.launch({ chromePath: await chromePath(), chromeFlags: ["--headless=new", ...chromiumLaunchOptions.args] });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    fs.mkdirSync(RESULTS, { recursive: true });
    const results: PageResult[] = [];
    for (const p of pages) {
      const url = `${base}${p.path}`;
      const loadAverage = os.loadavg()[0]!;
      const run = await audit(chrome.port, url, p.page);
      const report = path.join(RESULTS, `lighthouse-${stamp}-${p.slug}.json`);
      fs.writeFileSync(report, typeof run.report === "string" ? run.report : JSON.stringify(run.lhr, null, 2));
      const result = summarise(p.page, url, run.lhr, path.relative(ROOT, report), loadAverage);
      for (const warning of run.lhr.runWarnings) console.warn(`${p.page}: ${warning}`);
      print(result, costlyAudits(run.lhr));
      results.push(result);
    }
    const summary = path.join(RESULTS, `lighthouse-${stamp}.json`);
    fs.writeFileSync(
      summary,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, chineseFonts: fonts },
          lighthouse: (await import("lighthouse/package.json", { with: { type: "json" } })).default.version,
          targets: TARGETS,
          pages: results,
        },
        null,
        2,
      ),
    );
    console.log(`\nSummary written to ${path.relative(ROOT, summary)}`);
  } finally {
    // Also removes the throwaway profile chrome-launcher made for it.
    chrome?.kill();
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
