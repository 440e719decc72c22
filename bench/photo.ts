// How long a 12-megapixel phone photo (4000 × 3000) takes to become its display image and
// thumbnail, as a JPEG and as a HEIC (when libheif's heif-enc is installed to make one), and
// how long the web server's event loop is held up meanwhile. The test photos are generated
// once into bench/data/photos/. Run alone with `npx tsx bench/photo.ts`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { processPhoto } from "../app/lib/photo-processing.server";

const WIDTH = 4000;
const HEIGHT = 3000;
const DATA = path.join(import.meta.dirname, "data", "photos");

type Result = { label: string; ms: number };

/** Gradients, soft shapes and sensor-like noise: something a JPEG or HEVC encoder has to work at. */
function photoPixels(): Buffer {
  const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 0x2545f491;
  const noise = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) % 33) - 16;
  };
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = (y * WIDTH + x) * 3;
      const ring = Math.sin(Math.hypot(x - 2600, y - 1200) / 40) * 40;
      const sky = (y / HEIGHT) * 120;
      pixels[i] = Math.max(0, Math.min(255, 60 + sky + ring + noise()));
      pixels[i + 1] = Math.max(0, Math.min(255, 90 + (x / WIDTH) * 100 + noise()));
      pixels[i + 2] = Math.max(0, Math.min(255, 200 - sky + ring / 2 + noise()));
    }
  }
  return pixels;
}

function heifEncAvailable(): boolean {
  return !spawnSync("heif-enc", ["--help"], { stdio: "ignore" }).error;
}

/** The JPEG and, when heif-enc is there, the HEIC; made once and kept in bench/data/photos/. */
async function testPhotos(log: (s: string) => void): Promise<{ jpeg: Buffer; heic: Buffer | null }> {
  fs.mkdirSync(DATA, { recursive: true });
  const jpegFile = path.join(DATA, "12mp.jpg");
  const heicFile = path.join(DATA, "12mp.heic");
  if (!fs.existsSync(jpegFile)) {
    log(`Generating a ${WIDTH} × ${HEIGHT} test photo…`);
    await sharp(photoPixels(), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
      .jpeg({ quality: 90 })
      .toFile(jpegFile);
  }
  if (!heifEncAvailable()) {
    log("heif-enc is not installed (Debian: libheif-examples): the HEIC measurement is skipped.");
    return { jpeg: fs.readFileSync(jpegFile), heic: null };
  }
  if (!fs.existsSync(heicFile)) {
    log("Encoding it as HEIC with heif-enc…");
    const made = spawnSync("heif-enc", ["-q", "80", jpegFile, "-o", heicFile], { stdio: "ignore" });
    if (made.status !== 0) throw new Error("heif-enc failed to make the HEIC test photo");
  }
  return { jpeg: fs.readFileSync(jpegFile), heic: fs.readFileSync(heicFile) };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The first run (cold), the median of the others, and the longest the event loop waited in any. */
async function measure(input: Buffer, runs: number) {
  const stall = monitorEventLoopDelay({ resolution: 5 });
  const times: number[] = [];
  stall.enable();
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    await processPhoto(input);
    times.push(performance.now() - started);
  }
  stall.disable();
  return { cold: times[0]!, median: median(times.slice(1)), stall: stall.max / 1e6 };
}

export async function benchPhotoProcessing(runs = 5, log: (s: string) => void = console.log): Promise<Result[]> {
  const { jpeg, heic } = await testPhotos(log);
  const mb = (b: Buffer) => `${(b.length / 2 ** 20).toFixed(1)} MB`;
  const results: Result[] = [];
  const jpegRuns = await measure(jpeg, runs);
  results.push(
    { label: `12 MP JPEG (${mb(jpeg)}) → display + thumbnail, median of ${runs}`, ms: jpegRuns.median },
    { label: "12 MP JPEG, longest event-loop stall", ms: jpegRuns.stall },
  );
  if (heic) {
    const heicRuns = await measure(heic, runs);
    results.push(
      { label: `12 MP HEIC (${mb(heic)}) → display + thumbnail, median of ${runs}`, ms: heicRuns.median },
      { label: "12 MP HEIC, first one (starts the decoder's worker)", ms: heicRuns.cold },
      { label: "12 MP HEIC, longest event-loop stall", ms: heicRuns.stall },
    );
  }
  return results.map((r) => ({ ...r, ms: Math.round(r.ms) }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { label, ms } of await benchPhotoProcessing()) console.log(`${label}: ${ms} ms`);
}
