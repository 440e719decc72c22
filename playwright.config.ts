// End-to-end tests against a production build on a free port with a fresh database.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/support/browser";

// Chosen once in the runner; workers inherit these through the environment.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString();
process.env.E2E_DB_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "tousu-e2e-"));
process.env.DATABASE_PATH = path.join(process.env.E2E_DB_DIR, "forum.db");
// Mail the server writes as files stays out of the working tree.
process.env.OUTBOX_DIR = path.join(process.env.E2E_DB_DIR, "outbox");
process.env.UPLOAD_DIR = path.join(process.env.E2E_DB_DIR, "uploads");
// Lets a test move the server's clock forward (tests/e2e/fixtures.ts, moveServerClock).
process.env.TOUSU_CLOCK_OFFSET_FILE = path.join(process.env.E2E_DB_DIR, "clock-offset");

const port = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "npx tsx server/index.ts",
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: process.env.DATABASE_PATH,
      OUTBOX_DIR: process.env.OUTBOX_DIR,
      UPLOAD_DIR: process.env.UPLOAD_DIR,
      TOUSU_CLOCK_OFFSET_FILE: process.env.TOUSU_CLOCK_OFFSET_FILE,
      SEED_DEMO: "1",
    },
  },
});
