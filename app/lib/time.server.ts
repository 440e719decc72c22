// The one place the server reads the clock: routes, the scheduler and the page cache ask it
// for "now" and pass it on as an argument. TOUSU_CLOCK_OFFSET_FILE, when set (the browser
// tests set it; a deployment never does), names a file holding a number of milliseconds to
// add, so that a test can move the running server's clock forward without waiting.
import fs from "node:fs";

const file = process.env.TOUSU_CLOCK_OFFSET_FILE;
let cached = { mtimeMs: -1, offset: 0 };

function offset(): number {
  if (!file) return 0;
  try {
    const stat = fs.statSync(file);
    if (stat.mtimeMs !== cached.mtimeMs) cached = { mtimeMs: stat.mtimeMs, offset: Number(fs.readFileSync(file, "utf8").trim()) || 0 };
    return cached.offset;
  } catch {
    return 0;
  }
}

export function currentTime(): number {
  return Date.now() + offset();
}
