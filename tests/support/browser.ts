// The browser every Playwright run uses: Debian's Chromium when present (or CHROMIUM_PATH),
// with the flags a headless run in a container needs.
import fs from "node:fs";

export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};
