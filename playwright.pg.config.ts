// The browser smoke test on PostgreSQL: two server processes, each on its own port, on one
// throwaway PostgreSQL cluster (tests/e2e-pg/serve.ts), driven by one browser.
import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/support/browser";

const freePort = () =>
  execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
process.env.E2E_PG_PORT_A ??= freePort();
process.env.E2E_PG_PORT_B ??= freePort();
const a = `http://127.0.0.1:${process.env.E2E_PG_PORT_A}`;

export default defineConfig({
  testDir: "tests/e2e-pg",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: a,
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "npx tsx tests/e2e-pg/serve.ts",
    url: `${a}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
