import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// CI installs with `npm ci`, which refuses a lock file that lacks any package
// another package depends on, including the platform builds a package lists
// as optional dependencies for other machines. `npm install` on one machine
// does not notice, so the check lives here, without the network.

type LockEntry = {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};
const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  overrides?: Record<string, string>;
};

/** Where Node's lookup from `from` would find `name`, as a lock-file key. */
function resolveInLock(packages: Record<string, LockEntry>, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const cut = dir.lastIndexOf("/node_modules/");
    dir = cut < 0 ? "" : dir.slice(0, cut);
  }
}

function missingEntries(packages: Record<string, LockEntry>): string[] {
  const missing: string[] = [];
  for (const [key, entry] of Object.entries(packages)) {
    if (key === "") continue;
    const wanted = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const name of Object.keys(wanted)) {
      if (!resolveInLock(packages, key, name)) missing.push(`${key} -> ${name}`);
    }
  }
  return missing;
}

describe("package-lock.json", () => {
  it("is a version 3 lock file", () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  it("records the same direct dependencies as package.json", () => {
    const root = lock.packages[""]!;
    expect(root.dependencies).toEqual(manifest.dependencies);
    expect(root.devDependencies).toEqual(manifest.devDependencies);
  });

  it("holds every package that a locked package depends on, optional platform builds included", () => {
    expect(missingEntries(lock.packages)).toEqual([]);
  });

  it("would notice a platform build missing from the lock", () => {
    const broken = structuredClone(lock.packages);
    const platformBuild = Object.keys(broken).find((key) => key.startsWith("node_modules/@rollup/rollup-"));
    expect(platformBuild).toBeDefined();
    delete broken[platformBuild!];
    const missing = missingEntries(broken);
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/(^|\/)node_modules\/rollup -> @rollup\/rollup-/);
    expect(missing[0]!.endsWith(platformBuild!.slice("node_modules/".length))).toBe(true);
  });
});
