// The HEIC decoder's worker thread is found where the server really runs: from source under
// tsx (`npm run serve`), and from a server bundle that esbuild wrote elsewhere, as Remix does
// into build/, which does not carry the worker file beside it; and a worker that cannot be
// found at all is a server error, never a refused photo. Each runs in a process of its own.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(ROOT, "tests/fixtures/photos/phone.heic");
let dir = "";

// Inside the project, as build/ is, so that the bundle's packages resolve from node_modules.
beforeAll(() => {
  fs.mkdirSync(path.join(ROOT, ".cache"), { recursive: true });
  dir = fs.mkdtempSync(path.join(ROOT, ".cache", "photo-runtime-"));
  const script = [
    `import fs from "node:fs";`,
    `import { processPhoto } from ${JSON.stringify(path.join(ROOT, "app/lib/photo-processing.server.ts"))};`,
    `const photo = await processPhoto(fs.readFileSync(${JSON.stringify(FIXTURE)}));`,
    `console.log(JSON.stringify({ sourceType: photo.sourceType, width: photo.display.width, height: photo.display.height }));`,
  ].join("\n");
  fs.writeFileSync(path.join(dir, "entry.ts"), script);
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const decoded = { sourceType: "heic", width: 320, height: 240 };
const run = (command: string, args: string[]) => JSON.parse(execFileSync(command, args, { cwd: ROOT, encoding: "utf8", timeout: 30_000 })) as unknown;

describe("the HEIC worker at run time", () => {
  it("is found from source under tsx", () => {
    expect(run(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(dir, "entry.ts")])).toEqual(decoded);
  });

  it("is found from the project root by a server bundle built elsewhere", async () => {
    const outfile = path.join(dir, "build", "index.js");
    await build({
      entryPoints: [path.join(dir, "entry.ts")],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      logLevel: "silent",
    });
    expect(fs.readdirSync(path.dirname(outfile))).toEqual(["index.js"]);
    expect(run(process.execPath, [outfile])).toEqual(decoded);
  });

  it("missing, is the server's error and not a refused photo", async () => {
    const outfile = path.join(dir, "elsewhere", "index.js");
    await build({
      entryPoints: [path.join(dir, "entry.ts")],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      logLevel: "silent",
    });
    // Neither beside the bundle nor under the working directory.
    const ran = spawnSync(process.execPath, [outfile], { cwd: os.tmpdir(), encoding: "utf8", timeout: 30_000 });
    expect(ran.status).not.toBe(0);
    expect(ran.stderr).toContain("the HEIC decoder worker failed to start");
    expect(ran.stderr).not.toContain("PhotoRejectedError");
  });
});
