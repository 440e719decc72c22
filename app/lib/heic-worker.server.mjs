// Decodes one HEIC at a time for photo-processing.server.ts, in a worker thread: the wasm
// decoder runs synchronously and would otherwise stall the web server for about a second.
// Plain JavaScript so that it runs as it is under tsx, vitest and the built server alike.
import { parentPort } from "node:worker_threads";
import heicDecode from "heic-decode";

// libheif-js prints to the console when a decode fails; nothing about a photo is ever logged.
const silent = () => {};
globalThis.console.log = globalThis.console.warn = globalThis.console.error = silent;

if (!parentPort) throw new Error("heic-worker.server.mjs runs only as a worker thread");
const port = parentPort;

port.on("message", async (/** @type {{ bytes: Uint8Array; maxPixels: number }} */ job) => {
  let images;
  try {
    images = await heicDecode.all({ buffer: job.bytes });
    const image = images[0];
    if (!image) return port.postMessage({ ok: false, reason: "unreadable" });
    // The size comes from the container's header; decoding starts only when it is within the limit.
    if (image.width * image.height > job.maxPixels) return port.postMessage({ ok: false, reason: "tooManyPixels" });
    const { width, height, data } = await image.decode();
    port.postMessage({ ok: true, width, height, data }, [data.buffer]);
  } catch {
    port.postMessage({ ok: false, reason: "unreadable" });
  } finally {
    images?.dispose();
  }
});

// Tells the server the decoder loaded: a failure before this is the server's, not the photo's.
port.postMessage({ ready: true });
