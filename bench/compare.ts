// `npx tsx bench/compare.ts <checkout A> <checkout B>`: the same pages on two checkouts' servers
// (each built, with its own node_modules), page cache off, one process each, on the benchmark's
// database (`npm run bench` makes it). It alternates between them, page by page and round by
// round, so that a machine whose speed drifts (a shared virtual machine) moves both alike, and
// prints each page's req/s at one connection per round, the medians, and B's over A's.
// COMPARE_PAGES (comma-separated paths; "@owner" or "@staff" after a path sends that session),
// COMPARE_ROUNDS (3) and COMPARE_SECONDS (4) change what it measures.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import { BENCH } from "./generate";
import { freePort, logIn, peakRssMb, serverEnv, waitFor } from "./harness";

const DB = path.resolve(import.meta.dirname, "data", "bench.db");
const DEFAULT_PAGES = [
  "/",
  "/?page=500",
  `/threads/${BENCH.fiftyReplyThread}`,
  `/threads/${BENCH.fiftyReplyThread}@owner`,
  "/projects/project-1",
  "/staff@staff",
  `/staff/threads/${BENCH.fiftyReplyThread}@staff`,
  `/search?q=${encodeURIComponent("漏水")}`,
  `/search?q=${encodeURIComponent("卫生间")}`,
  "/login",
];

type Server = { dir: string; proc: ChildProcess; base: string; sessions: Record<string, string> };

async function start(dir: string): Promise<Server> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: dir,
    env: serverEnv(port, { DATABASE_PATH: DB, PAGE_CACHE_SECONDS: "0", WEB_PROCESSES: "1" }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/`);
  const sessions = { owner: await logIn(base, BENCH.threadOwnerEmail), staff: await logIn(base, BENCH.staffEmail) };
  return { dir, proc, base, sessions };
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

async function main() {
  const dirs = process.argv.slice(2, 4).map((d) => path.resolve(d));
  if (dirs.length !== 2) throw new Error("usage: npx tsx bench/compare.ts <checkout A> <checkout B>");
  const pages = process.env.COMPARE_PAGES ? process.env.COMPARE_PAGES.split(",") : DEFAULT_PAGES;
  const rounds = Number(process.env.COMPARE_ROUNDS ?? 3);
  const seconds = Number(process.env.COMPARE_SECONDS ?? 4);
  const servers: Server[] = [];
  let peaks: (number | null)[] | undefined;
  const rps = new Map<string, [number[], number[]]>(pages.map((p) => [p, [[], []]]));
  try {
    for (const dir of dirs) servers.push(await start(dir));
    for (let round = 0; round < rounds; round++) {
      for (const page of pages) {
        const [pathname, who] = page.split("@") as [string, string | undefined];
        // A goes first in even rounds, B in odd ones.
        for (const i of round % 2 ? [1, 0] : [0, 1]) {
          const s = servers[i]!;
          const headers = who ? { Cookie: s.sessions[who]! } : undefined;
          const warm = await fetch(s.base + pathname, { headers, redirect: "manual" });
          if (warm.status !== 200) throw new Error(`${page} on ${s.dir} answered ${warm.status}: not measured`);
          // The first round warms the code up first, so that neither side measures its JIT.
          if (round === 0) for (let w = 0; w < 50; w++) await (await fetch(s.base + pathname, { headers })).arrayBuffer();
          const r = await autocannon({ url: s.base + pathname, connections: 1, duration: seconds, headers });
          rps.get(page)![i]!.push(r.requests.average);
        }
      }
    }
    peaks = servers.map((s) => peakRssMb(s.proc.pid!));
  } finally {
    for (const s of servers) s.proc.kill();
  }
  console.log(`A: ${dirs[0]}\nB: ${dirs[1]}\nreq/s at one connection, ${rounds} rounds of ${seconds} s, alternating\n`);
  console.log(`Peak memory (RSS high-water mark) of the server: A ${peaks?.[0]} MiB, B ${peaks?.[1]} MiB\n`);
  console.log("| page | A per round | A median | B per round | B median | B / A |\n|:--|--:|--:|--:|--:|--:|");
  for (const [page, [a, b]] of rps) {
    const round = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(" / ");
    console.log(`| ${page} | ${round(a)} | ${median(a).toFixed(0)} | ${round(b)} | ${median(b).toFixed(0)} | ${(median(b) / median(a)).toFixed(2)} |`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
