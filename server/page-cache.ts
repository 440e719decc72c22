// A few seconds' memory of the pages that visitors without a session read, so that a
// complaint shared widely is rendered once per language every few seconds rather than once
// per reader. A cached page is dropped as soon as the database changes (any write, by this
// process or another), so a reply or a status change shows at once; only what depends on
// the passing of time (the countdown text, which ticks in the browser anyway) can be up to
// the time-to-live old. Logged-in requests, other methods and non-200 answers pass by. A page is
// replayed with the CSP nonce of the response it goes out in, never the one it was rendered with.
// Visitors who miss a page while it is being rendered wait for that rendering instead of starting
// their own, as long as it started after the last write they could know of: after a write, a page
// read by many is rendered once per process, not once per reader.
import type { NextFunction, Request, Response } from "express";

export type PageCacheOptions = {
  /** How long a page may be served from memory; 0 turns the cache off. */
  ttlMs: number;
  maxEntries?: number;
  /** The most memory the cached bodies may take together. */
  maxBytes?: number;
  /** Changes whenever the database does. */
  generation: () => string | Promise<string>;
  /** What besides the URL makes a page differ for a visitor without a session: the language. */
  variant: (req: Request) => string;
  /** True for requests that must always be rendered (a session cookie, say). */
  bypass: (req: Request) => boolean;
  /**
   * This response's CSP nonce. A page is stored with where its rendering's nonce occurs (script
   * tags, the CSP header) and replayed with the nonce of the response it is replayed in, so no
   * two responses share one.
   */
  nonce?: (res: Response) => string | undefined;
  now?: () => number;
};

type Entry = {
  expires: number;
  status: number;
  headers: [string, string | string[]][];
  body: Buffer;
  /** The nonce the page was rendered with, and the byte offsets of its occurrences in the body. */
  nonce?: { value: string; at: number[] };
};

/** A rendering under way, and the visitors waiting for it. */
type Flight = {
  generation: string;
  waiters: { req: Request; res: Response; next: NextFunction }[];
};

const MAX_BODY_BYTES = 2 * 1024 * 1024;
// Set afresh for every response, or describing the bytes on the wire rather than the page. Vary
// is kept (a feed varies with the language), and compression adds Accept-Encoding to it if missing.
const NOT_STORED = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date", "etag"]);

export function createPageCache(options: PageCacheOptions) {
  const { ttlMs, maxEntries = 1000, maxBytes = 64 * 1024 * 1024, generation, variant, bypass } = options;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const flights = new Map<string, Flight>();
  let bytes = 0;
  let lastGeneration = "";

  function forget(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    entries.delete(key);
  }

  function storable(res: Response) {
    if (res.statusCode !== 200 || res.getHeader("set-cookie") !== undefined) return false;
    const cacheControl = String(res.getHeader("cache-control") ?? "");
    return !/\b(private|no-store)\b/i.test(cacheControl);
  }

  function middleware(req: Request, res: Response, next: NextFunction) {
    if (ttlMs <= 0 || (req.method !== "GET" && req.method !== "HEAD") || bypass(req)) return next();
    Promise.resolve(generation()).then(
      (current) => serve(req, res, next, current),
      (e: unknown) => next(e),
    );
  }

  function serve(req: Request, res: Response, next: NextFunction, current: string) {
    const key = `${variant(req)} ${req.originalUrl}`;
    if (current !== lastGeneration) {
      entries.clear();
      bytes = 0;
      lastGeneration = current;
    }
    const hit = entries.get(key);
    if (hit) {
      if (hit.expires > now()) return replay(req, res, hit);
      forget(key);
    }
    if (req.method !== "GET") return next();
    // The rendering under way began at the generation this visitor saw, so it shows every write
    // they could know of.
    const under = flights.get(key);
    if (under && under.generation === current) {
      under.waiters.push({ req, res, next });
      return;
    }
    const flight: Flight = { generation: current, waiters: [] };
    flights.set(key, flight);
    let settled = false;
    // The waiters get the page, or render their own if it is not one to share.
    const settle = (entry?: Entry) => {
      if (settled) return;
      settled = true;
      if (flights.get(key) === flight) flights.delete(key);
      for (const waiter of flight.waiters) {
        if (entry) replay(waiter.req, waiter.res, entry);
        else waiter.next();
      }
    };
    // The page shows the state of things as of now: its time to live counts from here.
    const renderedAt = now();

    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (chunk == null || typeof chunk === "function" || size > MAX_BODY_BYTES) return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      chunks.push(buffer);
    };
    const patched = res as unknown as { write: (...args: unknown[]) => boolean; end: (...args: unknown[]) => Response };
    const write = patched.write.bind(res);
    const end = patched.end.bind(res);
    patched.write = (...args: unknown[]) => {
      collect(args[0], args[1]);
      return write(...args);
    };
    patched.end = (...args: unknown[]) => {
      collect(args[0], args[1]);
      return end(...args);
    };
    res.on("finish", () => {
      if (size > MAX_BODY_BYTES || size > maxBytes || !storable(res)) return settle();
      const entry = toEntry(res, chunks, size, renderedAt);
      settle(entry);
      void Promise.resolve(generation()).then((after) => {
        // A write while this page was being rendered may have made it stale already for
        // visitors who come after that write.
        if (after !== current) return;
        keep(key, entry);
      });
    });
    // Cut off before it was answered: the waiters render for themselves.
    res.on("close", () => settle());
    next();
  }

  function replay(req: Request, res: Response, entry: Entry) {
    const fresh = entry.nonce ? options.nonce?.(res) : undefined;
    const swap = (v: string) => (entry.nonce && fresh ? v.split(entry.nonce.value).join(fresh) : v);
    res.status(entry.status);
    for (const [name, value] of entry.headers) res.setHeader(name, Array.isArray(value) ? value.map(swap) : swap(value));
    res.end(req.method === "HEAD" ? undefined : entry.nonce && fresh ? withNonce(entry.body, entry.nonce, fresh) : entry.body);
  }

  function toEntry(res: Response, chunks: Buffer[], size: number, renderedAt: number): Entry {
    const headers = Object.entries(res.getHeaders())
      .filter(([name, value]) => value !== undefined && !NOT_STORED.has(name))
      .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)] as [string, string | string[]]);
    const body = Buffer.concat(chunks, size);
    const nonce = options.nonce?.(res);
    return {
      expires: renderedAt + ttlMs,
      status: res.statusCode,
      headers,
      body,
      nonce: nonce ? { value: nonce, at: occurrences(body, nonce) } : undefined,
    };
  }

  function keep(key: string, entry: Entry) {
    // A page rendered twice at once is kept once.
    forget(key);
    // The oldest pages go first.
    while (entries.size >= maxEntries || (entries.size > 0 && bytes + entry.body.length > maxBytes)) forget(entries.keys().next().value!);
    entries.set(key, entry);
    bytes += entry.body.length;
  }

  return {
    middleware,
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
    /** Renderings under way that other visitors may be waiting for. */
    get inFlight() {
      return flights.size;
    },
    /** Visitors waiting for a rendering under way. */
    get waiting() {
      let n = 0;
      for (const flight of flights.values()) n += flight.waiters.length;
      return n;
    },
  };
}

function occurrences(body: Buffer, value: string): number[] {
  const needle = Buffer.from(value);
  const at: number[] = [];
  for (let i = body.indexOf(needle); i !== -1; i = body.indexOf(needle, i + needle.length)) at.push(i);
  return at;
}

/** The stored body with each occurrence of the stored nonce replaced by this response's. */
function withNonce(body: Buffer, nonce: { value: string; at: number[] }, fresh: string): Buffer {
  const old = Buffer.byteLength(nonce.value);
  const replacement = Buffer.from(fresh);
  const parts: Buffer[] = [];
  let from = 0;
  for (const at of nonce.at) {
    parts.push(body.subarray(from, at), replacement);
    from = at + old;
  }
  parts.push(body.subarray(from));
  return Buffer.concat(parts);
}
