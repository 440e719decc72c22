// Processed photos on disk, named by the SHA-256 of their bytes: the same photo is stored once,
// a name never changes meaning, and a file is either complete or absent (written to a temporary
// file on the same filesystem, flushed, then renamed into place).
import { createHash, randomBytes } from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";

const HASH = /^[0-9a-f]{64}$/;

export type PhotoStore = {
  /** Stores the bytes (once) and resolves to their SHA-256 in lowercase hex. */
  put(bytes: Buffer): Promise<string>;
  /** The stored photo, or null when there is none by that name (an invalid name included). */
  open(hash: string): Promise<{ stream: NodeJS.ReadableStream; size: number } | null>;
  /** Deletes the photo; one that is not there is not an error. Throws on an invalid hash. */
  remove(hash: string): Promise<void>;
  /** Where the photo is (or would be) stored. Throws on an invalid hash. */
  pathOf(hash: string): string;
  /** Deletes temporary files older than `before` (epoch ms), left by a process that died mid-write. */
  sweepTemporary(before: number): Promise<number>;
};

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code === "ENOENT";

export function createPhotoStore(dir: string): PhotoStore {
  const root = path.resolve(dir);
  // Inside the store so that the rename into place never crosses filesystems.
  const tmpDir = path.join(root, "tmp");

  function pathOf(hash: string): string {
    // Only 64 lowercase hex digits make a path: no separator, dot or other name can reach outside.
    if (!HASH.test(hash)) throw new TypeError("not a photo hash");
    return path.join(root, hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);
  }

  async function exists(file: string) {
    try {
      await fsp.access(file);
      return true;
    } catch {
      return false;
    }
  }

  async function put(bytes: Buffer): Promise<string> {
    const hash = createHash("sha256").update(bytes).digest("hex");
    const target = pathOf(hash);
    if (await exists(target)) return hash;

    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${hash}.${randomBytes(8).toString("hex")}.tmp`);
    try {
      const handle = await fsp.open(tmp, "wx", 0o644);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.mkdir(path.dirname(target), { recursive: true });
      // Stored meanwhile by another request: it holds these very bytes, so it stays as it is.
      if (await exists(target)) await fsp.unlink(tmp);
      else {
        await fsp.rename(tmp, target);
        await syncDirectory(path.dirname(target));
      }
      return hash;
    } catch (e) {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  async function open(hash: string) {
    if (!HASH.test(hash)) return null;
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(pathOf(hash), "r");
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
    try {
      // The size and the stream come from one open file, so they agree even if it is removed meanwhile.
      const stat = await handle.stat();
      if (!stat.isFile()) {
        await handle.close();
        return null;
      }
      return { stream: handle.createReadStream(), size: stat.size };
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  async function remove(hash: string) {
    await fsp.rm(pathOf(hash), { force: true });
  }

  async function sweepTemporary(before: number) {
    let names: string[];
    try {
      names = await fsp.readdir(tmpDir);
    } catch (e) {
      if (isMissing(e)) return 0;
      throw e;
    }
    let swept = 0;
    for (const name of names) {
      if (!name.endsWith(".tmp")) continue;
      const file = path.join(tmpDir, name);
      const stat = await fsp.stat(file).catch(() => null);
      // A write in progress is seconds old; an hour-old temporary file belongs to no one.
      if (stat && stat.mtimeMs < before) {
        await fsp.rm(file, { force: true });
        swept += 1;
      }
    }
    return swept;
  }

  return { put, open, remove, pathOf, sweepTemporary };
}

/** Makes a rename in the directory survive a power cut, not only the file's bytes. */
async function syncDirectory(dir: string) {
  const handle = await fsp.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
