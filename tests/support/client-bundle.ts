// What each route of the production build makes the browser download, in gzipped bytes: the
// client entry, the root route and the route itself with every shared chunk they import, read
// from the manifest the classic compiler writes (public/build/manifest-*.js). Source modules
// are named from build/metafile.js.json, so that a route over its budget says what grew.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/** The pages anyone may open without logging in (the "public pages"). */
export const PUBLIC_ROUTES = [
  "routes/_index",
  "routes/threads.$id",
  "routes/projects._index",
  "routes/projects.$slug",
  "routes/projects.$slug_.disclosures._index",
  "routes/projects.$slug_.disclosures.print",
  "routes/search",
  "routes/stats",
  "routes/login",
  "routes/register",
  "routes/forgot-password",
  "routes/reset-password",
  "routes/verify-email",
  "routes/unsubscribe",
  "routes/$",
] as const;

/** Every public page's JavaScript, gzipped, at most (the target). */
export const PUBLIC_ROUTE_BUDGET = 100 * 1024;

type ManifestEntry = { module: string; imports?: string[]; parentId?: string };
type Manifest = { entry: ManifestEntry; routes: Record<string, ManifestEntry & { id: string }> };
type Metafile = { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };

export type RouteBundle = {
  route: string;
  /** Sum of the gzipped files. */
  gzip: number;
  files: { file: string; gzip: number }[];
  /** Source modules by their share of the gzipped total (estimated from their minified bytes). */
  modules: { module: string; gzip: number }[];
};

export function readManifest(root = process.cwd()): Manifest {
  const dir = path.join(root, "public/build");
  const name = fs.readdirSync(dir).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (!name) throw new Error(`No manifest in ${dir}: run \`npm run build\` first.`);
  const source = fs.readFileSync(path.join(dir, name), "utf8");
  return JSON.parse(source.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;
}

export function routeBundles(root = process.cwd()): RouteBundle[] {
  const manifest = readManifest(root);
  const metafilePath = path.join(root, "build/metafile.js.json");
  const metafile: Metafile | null = fs.existsSync(metafilePath) ? (JSON.parse(fs.readFileSync(metafilePath, "utf8")) as Metafile) : null;
  const gzipOf = new Map<string, number>();
  const sizeOf = (url: string) => {
    let size = gzipOf.get(url);
    if (size === undefined) {
      size = gzipSync(fs.readFileSync(path.join(root, "public", url))).length;
      gzipOf.set(url, size);
    }
    return size;
  };

  return Object.values(manifest.routes).map((route) => {
    const chain: ManifestEntry[] = [manifest.entry];
    const routes: ManifestEntry[] = [];
    for (let r: (typeof manifest.routes)[string] | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) routes.unshift(r);
    chain.push(...routes);
    const urls = [...new Set(chain.flatMap((r) => [r.module, ...(r.imports ?? [])]))];
    const files = urls.map((file) => ({ file, gzip: sizeOf(file) })).sort((a, b) => b.gzip - a.gzip);

    const modules = new Map<string, number>();
    for (const { file, gzip } of files) {
      const inputs = Object.entries(metafile?.outputs[`public${file}`]?.inputs ?? {});
      const raw = inputs.reduce((sum, [, i]) => sum + i.bytesInOutput, 0);
      for (const [input, { bytesInOutput }] of inputs) {
        // Package files are named from their package on, wherever node_modules is linked from.
        const name = input.replace(/^.*node_modules\//, "");
        if (raw > 0) modules.set(name, (modules.get(name) ?? 0) + (gzip * bytesInOutput) / raw);
      }
    }
    return {
      route: route.id,
      gzip: files.reduce((sum, f) => sum + f.gzip, 0),
      files,
      modules: [...modules].map(([module, gzip]) => ({ module, gzip: Math.round(gzip) })).sort((a, b) => b.gzip - a.gzip),
    };
  });
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The biggest source modules of a route, one a line, for a failure message or a report. */
export function describeBundle(bundle: RouteBundle, top = 8): string {
  const lines = bundle.modules.slice(0, top).map((m) => `    ${kb(m.gzip).padStart(9)}  ${m.module}`);
  return `${bundle.route}: ${kb(bundle.gzip)} gzipped in ${bundle.files.length} files; biggest modules:\n${lines.join("\n")}`;
}

// `npx tsx tests/support/client-bundle.ts` prints every route's size after a build.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const publicIds: readonly string[] = PUBLIC_ROUTES;
  for (const b of routeBundles().sort((a, b) => a.route.localeCompare(b.route))) {
    console.log(`${publicIds.includes(b.route) ? "public" : "      "}  ${kb(b.gzip).padStart(9)}  ${b.route}`);
  }
}
