// The real Express app (server/app.ts) on a minimal Remix build: what malformed requests get.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnv } from "../../app/lib/env.server";
import { createApp } from "../../server/app";
import { fakeBuild, type FakeBuildCalls } from "../support/fake-build";

let base = "";
let server: Server;
let calls: FakeBuildCalls;

beforeAll(async () => {
  // Long enough that the cached page cannot expire during the test, however slow the machine.
  process.env.PAGE_CACHE_SECONDS = "60";
  resetEnv();
  const fake = fakeBuild();
  calls = fake.calls;
  server = createApp(fake.build).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
  delete process.env.PAGE_CACHE_SECONDS;
  resetEnv();
});
beforeEach(() => {
  calls.actions = 0;
  calls.loaders = 0;
  calls.lastForm = null;
});

const form = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/form`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, ...headers } });

describe("the Express app", () => {
  it("answers a form post", async () => {
    const res = await form("a=1&b=2");
    expect(res.status).toBe(200);
    expect(calls.lastForm).toEqual({ a: "1", b: "2" });
  });

  it("takes a post with Origin: null and a Referer from this site", async () => {
    const res = await form("a=1", { Origin: "null", Referer: `${base}/form` });
    expect(res.status).toBe(200);
    expect(calls.actions).toBe(1);
    const cross = await form("a=1", { Origin: "null", Referer: "https://evil.example/form" });
    expect(cross.status).toBe(403);
    expect(calls.actions).toBe(1);
  });

  it("serves pages to a browser with a badly encoded cookie", async () => {
    for (const cookie of ["other=%E0%A4%A", "other=%E0%A4%A; tousu_session=abc", "tousu_session=%ZZ", "lang=%E0; x=%"]) {
      expect((await fetch(`${base}/`, { headers: { Cookie: cookie } })).status).toBe(200);
      expect((await fetch(`${base}/form`, { headers: { Cookie: cookie } })).status).toBe(200);
      expect((await form("a=1", { Cookie: cookie })).status).toBe(200);
    }
  });

  it("answers a post that is not a form with 415, a broken one with 400", async () => {
    expect((await form('{"a":1}', { "Content-Type": "application/json" })).status).toBe(415);
    expect((await form("a=1", { "Content-Type": "text/plain" })).status).toBe(415);
    expect((await form("--x\r\nbroken", { "Content-Type": "multipart/form-data; boundary=y" })).status).toBe(400);
  });
});

describe("cached pages", () => {
  it("carry a nonce of their own, the one in their CSP header", async () => {
    const seen = new Set<string>();
    const before = calls.documents;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${base}/?cached=nonce`, { headers: { "Accept-Language": "zh-CN" } });
      const header = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
      const body = await res.text();
      expect(header).toBeTruthy();
      expect([...body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1])).toEqual([header, header]);
      seen.add(header!);
    }
    expect(seen.size).toBe(3);
    expect(calls.documents - before).toBe(1);
  });
});

describe("requests no URL can be made of", () => {
  it("a Host header that is not a host name gets a 400", async () => {
    const { rawRequest } = await import("../support/raw-http");
    const port = Number(new URL(base).port);
    for (const host of ["a b", "exa mple.com:80", "[::1", "%", "a<b"]) {
      // A query of its own, so no cached page answers.
      const res = await rawRequest(port, `GET /form?host=${encodeURIComponent(host)} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(res.status, host).toBeGreaterThanOrEqual(400);
      expect(res.status, host).toBeLessThan(500);
    }
  });
});
