// The photo store on a real directory: photos are stored once under the SHA-256 of their bytes,
// read back with their size, removed; a write that fails leaves no file, whole or partial, and
// no temporary file behind; and no name that is not a hash reaches the disk.
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPhotoStore } from "../../app/lib/photo-store.server";

let dir = "";
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tousu-photos-"));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const photo = (n: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(50_000, n), Buffer.from([0xff, 0xd9])]);

/** Every file under the store, relative to it. */
const files = () =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe("photo store", () => {
  it("stores, opens and removes a photo by the SHA-256 of its bytes", async () => {
    const store = createPhotoStore(dir);
    const bytes = photo(1);
    const hash = await store.put(bytes);
    expect(hash).toBe(sha256(bytes));
    expect(store.pathOf(hash)).toBe(path.join(dir, hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`));
    expect(files()).toEqual([path.relative(dir, store.pathOf(hash))]);

    const opened = await store.open(hash);
    expect(opened?.size).toBe(bytes.length);
    expect((await read(opened!.stream)).equals(bytes)).toBe(true);

    await store.remove(hash);
    expect(await store.open(hash)).toBeNull();
    expect(files()).toEqual([]);
    // Removing what is not there is not an error.
    await store.remove(hash);
  });

  it("keeps one file for the same bytes, however often and however concurrently they are stored", async () => {
    const store = createPhotoStore(dir);
    const bytes = photo(2);
    const hashes = await Promise.all([store.put(bytes), store.put(Buffer.from(bytes)), store.put(bytes)]);
    hashes.push(await store.put(bytes));
    expect(new Set(hashes)).toEqual(new Set([sha256(bytes)]));
    expect(files()).toEqual([path.relative(dir, store.pathOf(sha256(bytes)))]);
    expect(fs.readFileSync(store.pathOf(sha256(bytes))).equals(bytes)).toBe(true);

    const other = await store.put(photo(3));
    expect(other).not.toBe(hashes[0]);
    expect(files()).toHaveLength(2);
  });

  it("leaves no temporary file after a write", async () => {
    const store = createPhotoStore(dir);
    await store.put(photo(4));
    expect(fs.readdirSync(path.join(dir, "tmp"))).toEqual([]);
  });

  it("leaves nothing behind when the photo cannot be put in place", async () => {
    const store = createPhotoStore(dir);
    const bytes = photo(5);
    const hash = sha256(bytes);
    // A file where the photo's first directory belongs: the write succeeds, making its directory fails.
    fs.writeFileSync(path.join(dir, hash.slice(0, 2)), "in the way");
    await expect(store.put(bytes)).rejects.toThrow();
    expect(files()).toEqual([hash.slice(0, 2)]);
  });

  it("leaves nothing behind when renaming into place fails", async () => {
    const store = createPhotoStore(dir);
    vi.spyOn(fsp, "rename").mockRejectedValueOnce(Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" }));
    await expect(store.put(photo(6))).rejects.toThrow("EIO");
    expect(files()).toEqual([]);
    expect(await store.open(sha256(photo(6)))).toBeNull();
    // The next write works: nothing was left half done.
    expect(await store.put(photo(6))).toBe(sha256(photo(6)));
    expect(files()).toHaveLength(1);
  });

  it("leaves nothing behind when the disk is full mid-write", async () => {
    const store = createPhotoStore(dir);
    const realOpen = fsp.open.bind(fsp);
    vi.spyOn(fsp, "open").mockImplementation(async (file, flags, mode) => {
      const handle = await realOpen(file, flags, mode);
      if (flags === "wx") {
        // Some bytes reach the temporary file, then the disk is full.
        vi.spyOn(handle, "writeFile").mockImplementation(async (data) => {
          await handle.write(Buffer.from(data as Buffer).subarray(0, 1000));
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        });
      }
      return handle;
    });
    await expect(store.put(photo(7))).rejects.toThrow("ENOSPC");
    expect(files()).toEqual([]);
  });

  it("refuses every name that is not 64 lowercase hex digits, and never reaches outside its directory", async () => {
    const store = createPhotoStore(path.join(dir, "photos"));
    const outside = path.join(dir, "secret.jpg");
    fs.writeFileSync(outside, "not a photo");
    const good = sha256(photo(8));
    const bad = [
      "",
      good.slice(0, 63),
      `${good}0`,
      good.toUpperCase(),
      `${good}\n`,
      `../${good.slice(3)}`,
      "../../secret",
      "../secret.jpg",
      `${good.slice(0, 60)}/../`,
      "/etc/passwd",
      `${good.slice(0, 63)}g`,
      `${good.slice(0, 32)}\0${good.slice(33)}`,
    ];
    for (const hash of bad) {
      expect(() => store.pathOf(hash), JSON.stringify(hash)).toThrow(TypeError);
      expect(await store.open(hash), JSON.stringify(hash)).toBeNull();
      await expect(store.remove(hash), JSON.stringify(hash)).rejects.toThrow(TypeError);
    }
    expect(fs.readFileSync(outside, "utf8")).toBe("not a photo");
    // A valid name with no photo is simply absent.
    expect(await store.open(good)).toBeNull();
  });
});
