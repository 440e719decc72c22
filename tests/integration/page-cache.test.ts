import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import compression from "compression";
import express from "express";
import pg from "pg";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { projects } from "../../db/schema";
import { engine, getDb, transaction } from "../../app/lib/db.server";
import { getEnv } from "../../app/lib/env.server";
import { allCommittedWritesHeard, databaseGeneration, keptUntilWrite } from "../../app/models/generation.server";
import { createPageCache } from "../../server/page-cache";
import { makeProject } from "../support/factories";

let base = "";
let close: () => void;
let clock = 1_000_000;
let generation = 1;
let rendered = 0;
let writeWhileRendering = false;
// /slow renders once `release` is called, so that other visitors can arrive meanwhile.
let entered: () => void = () => {};
let release: () => void = () => {};
let slowPrivate = false;

let nonces = 0;
const cache = createPageCache({
  ttlMs: 5000,
  maxEntries: 3,
  nonce: (res) => res.locals.nonce as string | undefined,
  now: () => clock,
  generation: () => String(generation),
  variant: (req) => String(req.headers["accept-language"]),
  bypass: (req) => /(^|;\s*)session=/.test(req.headers.cookie ?? ""),
});

beforeAll(async () => {
  const app = express();
  app.use(compression());
  app.use((_req, res, next) => {
    res.locals.nonce = `nonce${String(++nonces).padStart(4, "0")}`;
    next();
  });
  app.use(cache.middleware);
  app.get("/page", (req, res) => {
    rendered++;
    if (writeWhileRendering) generation++;
    res.setHeader("Content-Security-Policy", `script-src 'nonce-${rendered}'`);
    res.type("html");
    res.write(`<p>render ${rendered} ${"·".repeat(2000)} `);
    res.end(`for ${req.headers["accept-language"]}</p>`);
  });
  app.get("/slow", (req, res) => {
    rendered++;
    const n = rendered;
    const gate = new Promise<void>((resolve) => (release = resolve));
    entered();
    void gate.then(() => {
      if (slowPrivate) res.set("Cache-Control", "private, no-store");
      res.setHeader("Content-Security-Policy", `script-src 'nonce-${res.locals.nonce}'`);
      res.type("html").end(`<script nonce="${res.locals.nonce}"></script><p>slow render ${n}</p>`);
    });
  });
  app.get("/missing", (_req, res) => {
    rendered++;
    res.status(404).send("not here");
  });
  app.get("/sets-cookie", (_req, res) => {
    rendered++;
    res.append("Set-Cookie", "a=b").send("cookie");
  });
  app.get("/private", (_req, res) => {
    rendered++;
    res.set("Cache-Control", "private, no-store").send("mine");
  });
  app.get("/varies", (req, res) => {
    rendered++;
    res.set("Vary", "Accept-Language, Cookie").send(`in ${req.headers["accept-language"]}`);
  });
  app.get("/n/:i", (req, res) => {
    rendered++;
    res.send(`n${req.params.i}`);
  });
  const server = app.listen(0);
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());
beforeEach(() => {
  clock += 60_000; // every cached page of an earlier test has expired
  rendered = 0;
  writeWhileRendering = false;
  slowPrivate = false;
});

// fetch says "Accept-Language: *" unless told otherwise; these visitors read Chinese.
// The whole body is read before the next request, so that the server has finished the answer
// (and stored the page) by then: headers alone can come back before that.
const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}${path}`, { headers: { "Accept-Language": "zh-CN", ...headers } });
  const body = await res.arrayBuffer();
  return new Response(body, { status: res.status, headers: res.headers });
};

describe("page cache", () => {
  it("renders a page once and serves the same bytes and headers to the next visitors", async () => {
    const first = await get("/page");
    const second = await get("/page");
    expect(rendered).toBe(1);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("content-security-policy")).toBe(first.headers.get("content-security-policy"));
    expect(second.headers.get("content-type")).toContain("text/html");
  });

  it("compresses a cached page for a visitor who accepts gzip, and answers HEAD without a body", async () => {
    const plain = await (await get("/page")).text();
    const gzipped = await get("/page", { "Accept-Encoding": "gzip" });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(await gzipped.text()).toBe(plain); // fetch inflates it
    const head = await fetch(`${base}/page`, { method: "HEAD", headers: { "Accept-Language": "zh-CN" } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(rendered).toBe(1);
  });

  it("replays what a page varies with, beside the encoding compression adds, once each", async () => {
    const first = await get("/varies", { "Accept-Encoding": "gzip" });
    const again = await get("/varies", { "Accept-Encoding": "gzip" });
    const plain = await get("/varies", { "Accept-Encoding": "identity" });
    expect(rendered).toBe(1);
    for (const res of [first, again, plain]) {
      const fields = (res.headers.get("vary") ?? "").split(",").map((f) => f.trim().toLowerCase());
      expect(fields.sort()).toEqual(["accept-encoding", "accept-language", "cookie"]);
    }
  });

  it("renders again once the time to live has passed", async () => {
    await get("/page");
    expect(rendered).toBe(1);
    clock += 4999;
    await get("/page");
    expect(rendered).toBe(1);
    clock += 2;
    await get("/page");
    expect(rendered).toBe(2);
  });

  it("drops every cached page when the database changes", async () => {
    await get("/page");
    await get("/page", { "Accept-Language": "en" });
    generation++;
    const after = await (await get("/page")).text();
    await get("/page", { "Accept-Language": "en" });
    expect(rendered).toBe(4);
    expect(after).toContain("render 3");
  });

  it("does not keep a page during whose rendering the database changed", async () => {
    writeWhileRendering = true;
    await get("/page");
    writeWhileRendering = false;
    await get("/page");
    await get("/page");
    expect(rendered).toBe(2);
  });

  it("keeps one page per language", async () => {
    const zh = await (await get("/page")).text();
    const en = await (await get("/page", { "Accept-Language": "en" })).text();
    expect(zh).toContain("for zh-CN");
    expect(en).toContain("for en");
    expect(await (await get("/page", { "Accept-Language": "en" })).text()).toBe(en);
    expect(rendered).toBe(2);
  });

  it("always renders for a visitor with a session, and never keeps what it rendered for them", async () => {
    await get("/page", { Cookie: "session=abc" });
    await get("/page", { Cookie: "lang=en; session=abc" });
    expect(rendered).toBe(2);
    // A visitor without a session after them gets a page rendered for nobody in particular.
    expect(await (await get("/page")).text()).toContain("render 3");
  });

  it("never keeps an error, a page that sets a cookie, or a private page", async () => {
    for (const path of ["/missing", "/sets-cookie", "/private"]) {
      await get(path);
      await get(path);
    }
    expect(rendered).toBe(6);
  });

  it("holds at most maxEntries pages, forgetting the oldest", async () => {
    for (const i of [1, 2, 3, 4]) await get(`/n/${i}`);
    expect(cache.size).toBe(3);
    await get("/n/4");
    await get("/n/1");
    expect(rendered).toBe(5);
  });

  it("keeps the cached bodies within maxBytes, forgetting the oldest", async () => {
    const small = createPageCache({ ttlMs: 5000, maxBytes: 2500, generation: () => "1", variant: () => "", bypass: () => false });
    const app = express();
    let count = 0;
    app.use(small.middleware);
    app.get("/:name", (req, res) => {
      count++;
      res.send(`${req.params.name}:${"x".repeat(1000)}`);
    });
    const server = app.listen(0);
    await new Promise((r) => server.once("listening", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const name of ["a", "b", "c"]) await (await fetch(`${url}/${name}`)).text();
    expect(small.size).toBe(2);
    expect(small.bytes).toBeLessThanOrEqual(2500);
    await (await fetch(`${url}/c`)).text();
    expect(count).toBe(3);
    await (await fetch(`${url}/a`)).text();
    expect(count).toBe(4);
    server.close();
  });

  it("is off with a time to live of 0", async () => {
    const off = createPageCache({ ttlMs: 0, generation: () => "1", variant: () => "", bypass: () => false });
    const app = express();
    let count = 0;
    app.use(off.middleware);
    app.get("/", (_req, res) => res.send(String(++count)));
    const server = app.listen(0);
    await new Promise((r) => server.once("listening", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await fetch(url);
    expect(await (await fetch(url)).text()).toBe("2");
    server.close();
  });
});

// Resolves once the server has done what the test waits for; it only yields to the event loop.
async function until(done: () => boolean) {
  for (let i = 0; i < 10_000 && !done(); i++) await new Promise((r) => setImmediate(r));
  expect(done()).toBe(true);
}

/** Starts the slow page's rendering and waits until its handler has been entered. */
async function startSlow() {
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const first = get("/slow");
  await inside;
  // Wrapped, since an async function would wait for a promise it returns.
  return { first };
}

describe("page cache: visitors who miss a page while it is rendered", () => {
  it("wait for that rendering, and each gets the page with the nonce of their own response", async () => {
    const { first } = await startSlow();
    const others = [get("/slow"), get("/slow")];
    await until(() => cache.waiting === 2);
    release();
    const pages = await Promise.all([first, ...others]);
    expect(rendered).toBe(1);
    const bodies = await Promise.all(pages.map((p) => p.text()));
    for (const [i, page] of pages.entries()) {
      const nonce = /'nonce-([^']+)'/.exec(page.headers.get("content-security-policy")!)![1]!;
      expect(bodies[i]).toBe(`<script nonce="${nonce}"></script><p>slow render 1</p>`);
    }
    expect(new Set(bodies).size).toBe(3);
    expect(cache.inFlight).toBe(0);
  });

  it("get a page during whose rendering the database changed, which is not kept for those who come after the write", async () => {
    const { first } = await startSlow();
    const before = get("/slow");
    await until(() => cache.waiting === 1);
    generation++;
    // This visitor may know of the write: they do not wait for a rendering begun before it.
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const releaseFirst = release;
    const after = get("/slow");
    await inside;
    releaseFirst();
    expect(await (await first).text()).toContain("slow render 1");
    expect(await (await before).text()).toContain("slow render 1");
    release();
    expect(await (await after).text()).toContain("slow render 2");
    expect(rendered).toBe(2);
    // The second rendering began after the write and is kept.
    expect(await (await get("/slow")).text()).toContain("slow render 2");
    expect(rendered).toBe(2);
  });

  it("render their own page when the one under way is not to be shared", async () => {
    slowPrivate = true;
    const { first } = await startSlow();
    const other = get("/slow");
    await until(() => cache.waiting === 1);
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const releaseFirst = release;
    releaseFirst();
    await inside;
    release();
    expect(await (await first).text()).toContain("slow render 1");
    expect(await (await other).text()).toContain("slow render 2");
    expect(rendered).toBe(2);
  });

  it("render their own page when the first visitor goes away before it is answered", async () => {
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const abort = new AbortController();
    const first = fetch(`${base}/slow`, { headers: { "Accept-Language": "zh-CN" }, signal: abort.signal }).catch((e: unknown) => e);
    await inside;
    const other = get("/slow");
    await until(() => cache.waiting === 1);
    const next = new Promise<void>((resolve) => (entered = resolve));
    const releaseFirst = release;
    abort.abort();
    await next;
    release();
    releaseFirst();
    expect(await first).toBeInstanceOf(Error);
    expect(await (await other).text()).toContain("slow render 2");
    expect(cache.inFlight).toBe(0);
  });

  it("are not made to wait when they have a session", async () => {
    const { first } = await startSlow();
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const releaseFirst = release;
    const withSession = get("/slow", { Cookie: "session=abc" });
    await inside;
    release();
    expect(await (await withSession).text()).toContain("slow render 2");
    releaseFirst();
    expect(await (await first).text()).toContain("slow render 1");
  });
});

describe("page cache and CSP nonces", () => {
  it("gives every replayed page the nonce of its own response, in its scripts and its CSP header", async () => {
    let renders = 0;
    const cache = createPageCache({
      ttlMs: 5000,
      now: () => clock,
      generation: () => "1",
      variant: () => "",
      bypass: () => false,
      nonce: (res) => res.locals.nonce,
    });
    const app = express();
    let n = 0;
    app.use((_req, res, next) => {
      res.locals.nonce = `nonce${String(++n).padStart(3, "0")}`;
      res.setHeader("Content-Security-Policy", `script-src 'self' 'nonce-${res.locals.nonce}'`);
      next();
    });
    app.use(cache.middleware);
    app.get("/", (_req, res) => {
      renders++;
      const nonce = res.locals.nonce as string;
      res.type("html").send(`<script nonce="${nonce}">1</script><p>${"页".repeat(500)}</p><script nonce="${nonce}" src="/x.js"></script>`);
    });
    const server = app.listen(0);
    await new Promise((r) => server.once("listening", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const pages = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(url);
      const csp = res.headers.get("content-security-policy")!;
      const body = await res.text();
      pages.push({ header: /'nonce-([^']+)'/.exec(csp)![1]!, inBody: [...body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]), body });
    }
    server.close();
    expect(renders).toBe(1);
    expect(new Set(pages.map((p) => p.header)).size).toBe(3);
    for (const page of pages) expect(page.inBody).toEqual([page.header, page.header]);
    expect(pages[2]!.body.replaceAll(pages[2]!.header, "N")).toBe(pages[0]!.body.replaceAll(pages[0]!.header, "N"));
  });
});

describe("databaseGeneration", () => {
  it("moves with a write by this process and with one by another connection", async () => {
    const start = await databaseGeneration();
    expect(await databaseGeneration()).toBe(start);
    await makeProject({ slug: "generation-a", name: "代际甲" });
    const afterOwn = await databaseGeneration();
    expect(afterOwn).not.toBe(start);

    const update = "update projects set name = '代际乙' where slug = 'generation-a'";
    if (engine() === "pg") {
      const other = new pg.Client({ connectionString: getEnv().DATABASE_URL });
      await other.connect();
      await other.query(update);
      await other.end();
    } else {
      const other = new Database(getEnv().DATABASE_PATH);
      other.prepare(update).run();
      other.close();
    }
    expect(await databaseGeneration()).not.toBe(afterOwn);
  });
});

/**
 * Renames a project in a transaction and, while it is open (written, not yet committed), runs
 * `during` outside it, as another request would. Then commits or rolls back, and returns once
 * this process has heard every committed write.
 */
async function whileARenameIsOpen<T>(slug: string, name: string, end: "commit" | "rollback", during: () => Promise<T>): Promise<T> {
  let written!: () => void;
  const wrote = new Promise<void>((resolve) => (written = resolve));
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const write = transaction(async (tx) => {
    await tx.update(projects).set({ name }).where(eq(projects.slug, slug));
    written();
    await finished;
    if (end === "rollback") throw new Error("rolled back");
  });
  // A write that fails before it is done leaves nothing to wait for.
  await Promise.race([wrote, write]);
  let value: T;
  try {
    value = await during();
  } finally {
    // Never left open, whatever `during` did.
    finish();
    await write.catch((e: Error) => expect(e.message).toBe("rolled back"));
  }
  await allCommittedWritesHeard();
  return value;
}

const nameOf = (slug: string) => async () => (await getDb().select({ name: projects.name }).from(projects).where(eq(projects.slug, slug)))[0]!.name;

describe("the generation, while a write is under way", () => {
  // On PostgreSQL another connection sees the generation move before the write commits (and
  // reads the data without it); on SQLite another request on the same connection reads the
  // write before it commits (and it may yet roll back). Either way, what was read meanwhile
  // may not be kept as if it were of the generation after the write.
  it("is not the generation once the write has committed", async () => {
    await makeProject({ slug: "generation-open", name: "写前" });
    const during = await whileARenameIsOpen("generation-open", "写后", "commit", () => databaseGeneration());
    expect(await databaseGeneration()).not.toBe(during);
  });

  it("keeps nothing read meanwhile: after a commit readers see the write, after a rollback they do not", async () => {
    await makeProject({ slug: "kept-open", name: "写前" });
    const read = nameOf("kept-open");
    expect(await keptUntilWrite("kept-open", read)).toBe("写前");
    await whileARenameIsOpen("kept-open", "已提交", "commit", () => keptUntilWrite("kept-open", read));
    expect(await keptUntilWrite("kept-open", read)).toBe("已提交");
    await whileARenameIsOpen("kept-open", "已撤销", "rollback", () => keptUntilWrite("kept-open", read));
    expect(await keptUntilWrite("kept-open", read)).toBe("已提交");
  });

  it("keeps nothing read while another process's write is under way past its commit", async () => {
    await makeProject({ slug: "kept-other", name: "别处写前" });
    const read = nameOf("kept-other");
    const update = "update projects set name = '别处写后' where slug = 'kept-other'";
    let during: string;
    if (engine() === "pg") {
      const other = new pg.Client({ connectionString: getEnv().DATABASE_URL });
      await other.connect();
      await other.query("begin");
      await other.query(update);
      during = await keptUntilWrite("kept-other", read);
      await other.query("commit");
      await other.end();
    } else {
      const other = new Database(getEnv().DATABASE_PATH);
      other.exec("begin immediate");
      other.prepare(update).run();
      during = await keptUntilWrite("kept-other", read);
      other.exec("commit");
      other.close();
    }
    expect(during).toBe("别处写前");
    await allCommittedWritesHeard();
    expect(await keptUntilWrite("kept-other", read)).toBe("别处写后");
  });

  it("keeps nothing read inside a transaction, which may yet roll back", async () => {
    await makeProject({ slug: "kept-inside", name: "事务前" });
    const read = nameOf("kept-inside");
    await transaction(async (tx) => {
      await tx.update(projects).set({ name: "事务中" }).where(eq(projects.slug, "kept-inside"));
      expect(await keptUntilWrite("kept-inside", read)).toBe("事务中");
      throw new Error("rolled back");
    }).catch((e: Error) => expect(e.message).toBe("rolled back"));
    expect(await keptUntilWrite("kept-inside", read)).toBe("事务前");
  });
});

describe("keptUntilWrite", () => {
  it("computes once until the database changes, shares a computation under way, and keeps no failure", async () => {
    let computed = 0;
    const compute = async () => ++computed;
    const [a, b] = await Promise.all([keptUntilWrite("kept-test", compute), keptUntilWrite("kept-test", compute)]);
    expect([a, b, computed]).toEqual([1, 1, 1]);
    expect(await keptUntilWrite("kept-test", compute)).toBe(1);
    await makeProject({ slug: "kept-a", name: "保留甲" });
    expect(await keptUntilWrite("kept-test", compute)).toBe(2);

    await expect(keptUntilWrite("kept-fails", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(await keptUntilWrite("kept-fails", compute)).toBe(3);
  });

  it("computes again once the value is older than maxAgeMs by the caller's clock", async () => {
    let computed = 0;
    const compute = async () => ++computed;
    const at = 5_000_000;
    expect(await keptUntilWrite("kept-aged", compute, { maxAgeMs: 1000, now: at })).toBe(1);
    expect(await keptUntilWrite("kept-aged", compute, { maxAgeMs: 1000, now: at + 999 })).toBe(1);
    expect(await keptUntilWrite("kept-aged", compute, { maxAgeMs: 1000, now: at + 1000 })).toBe(2);
    // A clock that went back does not get a value from its future.
    expect(await keptUntilWrite("kept-aged", compute, { maxAgeMs: 1000, now: at })).toBe(3);
  });
});
