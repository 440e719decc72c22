// Reads a V8 .cpuprofile (from bench/profile.ts, `node --cpu-prof` or DevTools) and prints where
// the time went: by module (node_modules package, the app's server bundle, server/, Node's
// internals, SQLite, GC), by self time and by inclusive time, and the top functions of each.
// Idle time is left out: percentages are of the time the process was busy.
// `npx tsx bench/profile-summary.ts FILE.cpuprofile [--top N]`
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

type Entry = { name: string; ms: number; share: number };
type Phase = { name: string; ms: number; share: number; bySelfModule: Entry[] };
export type ProfileSummary = {
  busyMs: number;
  idleMs: number;
  phases: Phase[];
  modulesBySelf: Entry[];
  modulesByInclusive: Entry[];
  functionsBySelf: Entry[];
  functionsByInclusive: Entry[];
};

// better-sqlite3's statement methods are native: the time spent in SQLite shows as these.
const SQLITE_NATIVE = new Set([
  "all",
  "get",
  "run",
  "iterate",
  "raw",
  "pluck",
  "expand",
  "bind",
  "columns",
  "prepare",
  "Statement",
  "exec",
  "pragma",
  "transaction",
]);

// The steps of a request, each found by the functions that do it; a sample counts for every step
// on its stack. Only steps that run synchronously are named: past an `await` the stack no longer
// shows the caller (a loader's awaited query shows as the query alone).
const DATABASE = new Set(["drizzle-orm", "better-sqlite3", "SQLite: preparing statements", "SQLite: running statements", "pg"]);
const PHASES: { name: string; is: (f: CallFrame, module: string) => boolean }[] = [
  { name: "React renderToString", is: (f, m) => m === "react-dom" && /renderToString$/.test(f.functionName) },
  { name: "database: drizzle builds the SQL, better-sqlite3 prepares and runs it, drizzle maps the rows", is: (_f, m) => DATABASE.has(m) },
  { name: "route matching (Remix matchRoutes)", is: (f, m) => m === "@remix-run/router" && f.functionName === "matchRoutes" },
  {
    name: "loader data as JSON: json() and reading it back",
    is: (f, m) => (m === "@remix-run/server-runtime" && f.functionName === "json") || f.functionName === "parseJSONFromBytes",
  },
  { name: "hydration data in the page (createServerHandoffString)", is: (f) => f.functionName === "createServerHandoffString" },
  { name: "Express request into a Fetch Request (fetchRequest)", is: (f) => f.functionName === "fetchRequest" },
  { name: "GC", is: (_f, m) => m === "GC" },
];

function moduleOfUrl(url: string): string | null {
  if (!url) return null;
  if (url.startsWith("node:")) return "node internals";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (nm) return nm[1]!;
  if (/\/build\/index\.js$/.test(url)) return "app (server bundle)";
  if (/\/server\//.test(url)) return "server/";
  // The modules server/ imports from app/ itself (sessions, the page cache's generation), loaded by tsx.
  if (/\/app\//.test(url)) return "app (source, via tsx)";
  if (/\/bench\//.test(url)) return "bench/";
  return path.basename(url);
}

export function summariseProfile(profile: CpuProfile, top = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // What a node counts as: its own module, or for native and builtin code, what called it.
  const moduleMemo = new Map<number, string>();
  const callerModule = (id: number): string => {
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const m = moduleOfUrl(byId.get(p)!.callFrame.url);
      if (m) return m;
    }
    return "top level";
  };
  const moduleOf = (id: number): string => {
    const memo = moduleMemo.get(id);
    if (memo) return memo;
    const { functionName, url } = byId.get(id)!.callFrame;
    let m: string;
    if (functionName === "(garbage collector)") m = "GC";
    else if (functionName === "(program)") m = "(program: native code outside JS)";
    else if (functionName === "(idle)") m = "(idle)";
    else if (url) m = moduleOfUrl(url)!;
    else {
      const caller = callerModule(id);
      m =
        SQLITE_NATIVE.has(functionName) && ["drizzle-orm", "better-sqlite3", "app (server bundle)", "app (source, via tsx)"].includes(caller)
          ? functionName === "Statement" || functionName === "prepare"
            ? "SQLite: preparing statements"
            : "SQLite: running statements"
          : `native/builtin ← ${caller}`;
    }
    moduleMemo.set(id, m);
    return m;
  };
  const functionOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = functionName || "(anonymous)";
    return url ? `${name} (${moduleOf(id)}:${lineNumber + 1})` : `${name} [${moduleOf(id)}]`;
  };

  // Each sample's duration is the delta to the next one; the last gets the mean.
  const mean = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  const selfModule = new Map<string, number>();
  const inclModule = new Map<string, number>();
  const selfFunction = new Map<string, number>();
  const inclFunction = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const phaseTime = PHASES.map(() => ({ us: 0, modules: new Map<string, number>() }));
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? mean;
    const own = moduleOf(id);
    if (own === "(idle)") {
      idle += us;
      return;
    }
    busy += us;
    add(selfModule, own, us);
    add(selfFunction, functionOf(id), us);
    const modules = new Set<string>();
    const functions = new Set<string>();
    const phases = new Set<number>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const frame = byId.get(n)!.callFrame;
      if (frame.functionName === "(root)") break;
      modules.add(moduleOf(n));
      functions.add(functionOf(n));
      PHASES.forEach((ph, i) => ph.is(frame, moduleOf(n)) && phases.add(i));
    }
    for (const i of phases) {
      phaseTime[i]!.us += us;
      add(phaseTime[i]!.modules, own, us);
    }
    for (const m of modules) add(inclModule, m, us);
    for (const f of functions) add(inclFunction, f, us);
  });
  const ranked = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy ? us / busy : 0 }));
  return {
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    phases: PHASES.map((ph, i) => ({
      name: ph.name,
      ms: phaseTime[i]!.us / 1000,
      share: busy ? phaseTime[i]!.us / busy : 0,
      bySelfModule: ranked(phaseTime[i]!.modules, 6),
    })).filter((ph) => ph.ms > 0),
    modulesBySelf: ranked(selfModule, top),
    modulesByInclusive: ranked(inclModule, top),
    functionsBySelf: ranked(selfFunction, top),
    functionsByInclusive: ranked(inclFunction, top),
  };
}

export function formatSummary(title: string, s: ProfileSummary, requests?: number): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`;
  const perRequest = (ms: number) => (requests ? `  ${(ms / requests).toFixed(2).padStart(6)} ms/req` : "");
  const section = (heading: string, entries: Entry[]) => [`  ${heading}`, ...entries.map((e) => `    ${pct(e.share)}${perRequest(e.ms)}  ${e.name}`)];
  const phases = [
    "  steps of the request (inclusive; the modules whose own code takes the step's time)",
    ...s.phases.map(
      (ph) =>
        `    ${pct(ph.share)}${perRequest(ph.ms)}  ${ph.name}: ${ph.bySelfModule.map((e) => `${e.name} ${((e.ms / ph.ms) * 100).toFixed(0)} %`).join(", ")}`,
    ),
  ];
  return [
    `${title}: busy ${s.busyMs.toFixed(0)} ms, idle ${s.idleMs.toFixed(0)} ms${requests ? `, ${requests} requests, ${(s.busyMs / requests).toFixed(2)} ms busy per request` : ""}`,
    ...phases,
    ...section("modules by self time", s.modulesBySelf),
    ...section("modules by inclusive time (a sample counts once for each module on its stack)", s.modulesByInclusive),
    ...section("functions by self time", s.functionsBySelf),
    ...section("functions by inclusive time", s.functionsByInclusive),
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf("--top");
  const top = topAt === -1 ? 20 : Number(args[topAt + 1]);
  const files = args.filter((a, i) => a !== "--top" && i !== topAt + 1);
  if (files.length === 0) {
    console.error("usage: npx tsx bench/profile-summary.ts FILE.cpuprofile… [--top N]");
    process.exit(2);
  }
  for (const file of files) {
    console.log(formatSummary(path.basename(file), summariseProfile(JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile, top)));
    console.log("");
  }
}
