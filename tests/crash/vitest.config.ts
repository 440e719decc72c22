// The crash test (npm run test:crash): the production server, killed and restarted. Kept out of
// the main vitest run because it needs the production build and owns its server processes.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  root,
  resolve: {
    alias: [{ find: /^~\//, replacement: `${root}app/` }],
  },
  test: {
    include: ["tests/crash/**/*.test.ts"],
    pool: "forks",
    env: { NODE_ENV: "test", SEED_DEMO: "0" },
    // Three server starts on a busy machine, and a build when none exists yet.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
