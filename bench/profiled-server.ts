// The production server with V8's CPU profiler on a signal, for bench/profile.ts: SIGUSR2 starts
// a profile, the next SIGUSR2 writes it to $PROFILE_DIR/<n>.cpuprofile, so a profile holds the
// requests of one page and none of the start-up. Run as `node --import tsx bench/profiled-server.ts`
// with the server's usual environment, in one web process.
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";

const dir = process.env.PROFILE_DIR ?? "bench/results/profiles";
const intervalMicros = Number(process.env.PROFILE_INTERVAL_US ?? 250);
fs.mkdirSync(dir, { recursive: true });

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: intervalMicros });

let running = false;
let written = 0;
let busy = Promise.resolve();
process.on("SIGUSR2", () => {
  busy = busy.then(async () => {
    if (!running) {
      await session.post("Profiler.start");
      running = true;
      return;
    }
    const { profile } = await session.post("Profiler.stop");
    running = false;
    const file = path.join(dir, `${++written}.cpuprofile`);
    // Written whole, then renamed: the driver waits for the name.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(profile));
    fs.renameSync(`${file}.tmp`, file);
  });
});

await import("../server/index");
