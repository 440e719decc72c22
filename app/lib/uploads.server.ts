// The one photo store of this process: files under UPLOAD_DIR, which every web machine of a
// site must share (see the README's "Running on several machines").
import type { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { getEnv } from "./env.server";
import { createPhotoStore } from "./photo-store.server";

let store: { dir: string; store: ReturnType<typeof createPhotoStore> } | null = null;

export function photoStore() {
  const dir = getEnv().UPLOAD_DIR;
  if (store?.dir !== dir) store = { dir, store: createPhotoStore(dir) };
  return store.store;
}

/** "display.jpg" or "thumb.jpg", the two images kept of each photo; anything else is not one. */
export function parsePhotoVariant(name: string | undefined): "display" | "thumb" | null {
  return name === "display.jpg" ? "display" : name === "thumb.jpg" ? "thumb" : null;
}

/**
 * A photo's file as an answer: always a JPEG (it is re-encoded from what was sent); the
 * server's security headers (nosniff, CSP, same-origin resource policy) come with every
 * answer. Public photos are immutable under their id; private ones are stored by no cache.
 */
export async function photoFileResponse(hash: string, access: "public" | "private"): Promise<Response> {
  const file = await photoStore().open(hash);
  if (!file) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  return new Response(createReadableStreamFromReadable(file.stream as Readable), {
    headers: {
      "Content-Type": "image/jpeg",
      "Content-Length": String(file.size),
      "Cache-Control": access === "public" ? "public, max-age=31536000, immutable" : "private, no-store",
    },
  });
}
