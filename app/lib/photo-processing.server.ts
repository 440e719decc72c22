// Turns an uploaded photo into the two JPEGs a post shows: a display image and a thumbnail,
// upright, in sRGB, with every piece of metadata (EXIF, GPS, XMP, IPTC, ICC, maker notes,
// embedded thumbnails) left behind. The type is decided from the bytes alone, and the pixel
// count is checked from the header before anything is decoded.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { PHOTO_LIMITS } from "./photo-limits";

export type PhotoRejectionReason = "type" | "tooLarge" | "tooManyPixels" | "unreadable";

export class PhotoRejectedError extends Error {
  constructor(readonly reason: PhotoRejectionReason) {
    super(`photo refused: ${reason}`);
    this.name = "PhotoRejectedError";
  }
}

type Encoded = { bytes: Buffer; width: number; height: number };

/** Both outputs are JPEG (image/jpeg). */
export type ProcessedPhoto = { display: Encoded; thumb: Encoded; sourceType: "jpeg" | "png" | "webp" | "heic" };

type SourceType = ProcessedPhoto["sourceType"];

const QUALITY = { display: 82, thumb: 75 } as const;
const WHITE = { r: 255, g: 255, b: 255 };

export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length > PHOTO_LIMITS.fileBytes) throw new PhotoRejectedError("tooLarge");
  const sourceType = await sourceTypeOf(input);

  let image: sharp.Sharp;
  if (sourceType === "heic") {
    const raw = await decodeHeic(input);
    image = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 4 }, limitInputPixels: PHOTO_LIMITS.pixels });
  } else {
    // The header alone (metadata decodes no pixels), read without sharp's own limit so that the
    // size is judged here; limitInputPixels below stays as a second guard.
    const header = await sharp(input, { limitInputPixels: false })
      .metadata()
      .catch(() => {
        throw new PhotoRejectedError("unreadable");
      });
    // libvips reads the type again from the bytes; a file that file-type and libvips disagree about is not trusted.
    if (header.format !== sourceType) throw new PhotoRejectedError("type");
    if (header.width * header.height > PHOTO_LIMITS.pixels) throw new PhotoRejectedError("tooManyPixels");
    // "error" refuses truncated and broken files but lets through the harmless warnings some cameras cause.
    image = sharp(input, { limitInputPixels: PHOTO_LIMITS.pixels, failOn: "error" });
  }

  try {
    // One decode: the display-sized pixels are kept raw, and the thumbnail is made from them.
    const upright = image.rotate().flatten({ background: WHITE }).toColourspace("srgb");
    const display = await upright
      .resize({ width: PHOTO_LIMITS.displaySide, height: PHOTO_LIMITS.displaySide, fit: "inside", withoutEnlargement: true })
      // 8 bits a channel whatever came in (16-bit PNGs), as the raw input below reads them.
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
    const pixels = { raw: { width: display.info.width, height: display.info.height, channels: display.info.channels } };
    const [displayJpeg, thumbJpeg] = await Promise.all([
      encodeJpeg(sharp(display.data, pixels), PHOTO_LIMITS.displaySide, QUALITY.display),
      encodeJpeg(sharp(display.data, pixels), PHOTO_LIMITS.thumbSide, QUALITY.thumb),
    ]);
    return { display: displayJpeg, thumb: thumbJpeg, sourceType };
  } catch (e) {
    if (e instanceof PhotoRejectedError) throw e;
    // libvips refuses a header over limitInputPixels with this message; anything else is a broken file.
    if (e instanceof Error && /pixel limit/i.test(e.message)) throw new PhotoRejectedError("tooManyPixels");
    throw new PhotoRejectedError("unreadable");
  }
}

async function encodeJpeg(image: sharp.Sharp, side: number, quality: number): Promise<Encoded> {
  // No withMetadata/keepExif/keepIccProfile: sharp then writes no EXIF, XMP, IPTC or ICC at all.
  const { data, info } = await image
    .resize({ width: side, height: side, fit: "inside", withoutEnlargement: true })
    .jpeg({ quality, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}

/** The photo's type from its bytes alone; a file name or a declared content type is never asked. */
async function sourceTypeOf(input: Buffer): Promise<SourceType> {
  const found = await fileTypeFromBuffer(input).catch(() => undefined);
  switch (found?.ext) {
    case "jpg":
      return "jpeg";
    case "png":
      return "png";
    case "webp":
      return "webp";
    case "heic":
      // file-type calls every "mif1" file HEIC, AVIF and JPEG-in-HEIF included; only HEVC-coded HEIF is taken.
      if (ftypBrands(input).some((brand) => brand === "heic" || brand === "heix")) return "heic";
      throw new PhotoRejectedError("type");
    default:
      throw new PhotoRejectedError("type");
  }
}

/** The major and compatible brands of an ISO-BMFF file's leading ftyp box. */
function ftypBrands(input: Buffer): string[] {
  if (input.length < 16 || input.toString("latin1", 4, 8) !== "ftyp") return [];
  const end = Math.min(input.readUInt32BE(0), input.length);
  const brands = [input.toString("latin1", 8, 12)];
  // Bytes 12..16 are the minor version; the compatible brands follow, four bytes each.
  for (let at = 16; at + 4 <= end; at += 4) brands.push(input.toString("latin1", at, at + 4));
  return brands;
}

// ---------------------------------------------------------------------------------------------
// HEIC, decoded in a worker thread (heic-worker.server.mjs), one photo at a time so that only
// one full-size RGBA image is in memory at once.

type HeicPixels = { width: number; height: number; data: Buffer };
type WorkerReply =
  { ready: true } | { ok: true; width: number; height: number; data: Uint8ClampedArray } | { ok: false; reason: "tooManyPixels" | "unreadable" };

/** A decode that takes longer than this is a file made to hang the decoder. */
const HEIC_TIMEOUT_MS = 60_000;
/** An idle worker is stopped: the wasm decoder's memory never shrinks after a large photo. */
const HEIC_IDLE_MS = 30_000;

type HeicWorker = { thread: Worker; ready: boolean; startError?: Error };
let heicWorker: HeicWorker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let queue: Promise<unknown> = Promise.resolve();

function decodeHeic(input: Buffer): Promise<HeicPixels> {
  const run = queue.then(() => decodeInWorker(input));
  queue = run.catch(() => undefined);
  return run;
}

/**
 * The worker file sits beside this module when it runs from source (tsx, vitest). The built
 * server bundle (build/index.js) does not carry it, so there it is found from the project root.
 */
function heicWorkerUrl(): URL {
  const beside = new URL("./heic-worker.server.mjs", import.meta.url);
  if (beside.protocol === "file:" && fs.existsSync(beside)) return beside;
  return pathToFileURL(path.resolve(process.cwd(), "app/lib/heic-worker.server.mjs"));
}

function startHeicWorker(): HeicWorker {
  const worker: HeicWorker = { thread: new Worker(heicWorkerUrl()), ready: false };
  worker.thread.on("message", (reply: WorkerReply) => {
    if ("ready" in reply) worker.ready = true;
  });
  // Without a listener an error in the worker would be thrown here; the exit that follows is handled per job.
  worker.thread.on("error", (e) => {
    if (!worker.ready) worker.startError = e;
  });
  worker.thread.once("exit", () => {
    if (heicWorker === worker) heicWorker = undefined;
  });
  worker.thread.unref();
  return worker;
}

function stopHeicWorker() {
  const worker = heicWorker;
  heicWorker = undefined;
  if (worker) void worker.thread.terminate();
}

function decodeInWorker(input: Buffer): Promise<HeicPixels> {
  clearTimeout(idleTimer);
  const worker = (heicWorker ??= startHeicWorker());
  // Referenced only while a photo is being decoded: an idle worker never keeps the process alive.
  worker.thread.ref();
  return new Promise<HeicPixels>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      worker.thread.off("message", onMessage);
      worker.thread.off("exit", onExit);
      worker.thread.unref();
      idleTimer = setTimeout(stopHeicWorker, HEIC_IDLE_MS).unref();
    };
    const onMessage = (reply: WorkerReply) => {
      if ("ready" in reply) return;
      done();
      if (reply.ok) resolve({ width: reply.width, height: reply.height, data: Buffer.from(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength) });
      else reject(new PhotoRejectedError(reply.reason));
    };
    const onExit = () => {
      done();
      // A worker that never loaded the decoder is the server's problem; one that died decoding, the photo's.
      if (!worker.ready) reject(new Error("the HEIC decoder worker failed to start", { cause: worker.startError }));
      else reject(new PhotoRejectedError("unreadable"));
    };
    const timer = setTimeout(() => {
      done();
      if (heicWorker === worker) stopHeicWorker();
      reject(new PhotoRejectedError("unreadable"));
    }, HEIC_TIMEOUT_MS);
    worker.thread.on("message", onMessage);
    worker.thread.on("exit", onExit);
    // A copy of exactly the photo's bytes, handed over: a Buffer may be a view of a much larger pool.
    const bytes = new Uint8Array(input);
    worker.thread.postMessage({ bytes, maxPixels: PHOTO_LIMITS.pixels }, [bytes.buffer]);
  });
}
