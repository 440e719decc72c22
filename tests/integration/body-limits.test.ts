// Bodies past their limit are refused with a 413 as they stream in, before the route reads
// them: on the real Express app (server/app.ts) over a minimal Remix build.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getEnv } from "../../app/lib/env.server";
import { createApp } from "../../server/app";
import { fakeBuild, type FakeBuildCalls } from "../support/fake-build";
import { rawRequest, uploadUntilClosed } from "../support/raw-http";

const KiB = 1024;
const MiB = 1024 * KiB;
const servers: Server[] = [];
let port = 0;
let calls: FakeBuildCalls;

async function start(options?: Parameters<typeof createApp>[1]) {
  const fake = fakeBuild();
  const server = createApp(fake.build, options).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  servers.push(server);
  return { port: (server.address() as AddressInfo).port, calls: fake.calls };
}

beforeAll(async () => {
  ({ port, calls } = await start());
});
afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});
beforeEach(() => {
  calls.actions = 0;
  calls.lastForm = null;
  calls.forms = [];
});

const origin = () => `http://127.0.0.1:${port}`;
const post = (path: string, body: string, headers: Record<string, string> = {}, at = port) =>
  fetch(`http://127.0.0.1:${at}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${at}`, ...headers },
  });
const field = (bytes: number) => `body=${"a".repeat(bytes - 5)}`;

describe("form body limit", () => {
  it("is 256 KiB by default", () => {
    expect(getEnv().FORM_BODY_LIMIT).toBe(256 * KiB);
  });

  it("lets a form up to the limit through", async () => {
    const res = await post("/form", field(256 * KiB));
    expect(res.status).toBe(200);
    expect(calls.lastForm?.body?.length).toBe(256 * KiB - 5);
  });

  it("refuses a declared length over the limit before the route runs, with a page in the viewer's language", async () => {
    const zh = await post("/form", field(256 * KiB + 1));
    expect(zh.status).toBe(413);
    expect(zh.headers.get("content-type")).toMatch(/text\/html/);
    expect(zh.headers.get("connection")).toBe("close");
    const page = await zh.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain("提交的内容太大");
    expect(page).toContain("256 KB");
    const en = await post("/form", field(300 * KiB), { "Accept-Language": "en" });
    expect(await en.text()).toContain("Too much to send");
    expect(calls.actions).toBe(0);
  });

  it("answers JSON to JSON clients: the API, Remix data requests, Accept: application/json", async () => {
    for (const [path, headers] of [
      ["/api/form", {}],
      ["/form?_data=routes%2Fform", {}],
      ["/form", { Accept: "application/json" }],
    ] as const) {
      const res = await post(path, field(300 * KiB), headers);
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ error: "payload_too_large", limit: 256 * KiB });
    }
    const data = await post("/form?_data=routes%2Fform", field(300 * KiB));
    expect(data.headers.get("x-remix-catch")).toBe("yes");
    expect(calls.actions).toBe(0);
  });

  it("counts a chunked body with no length as it arrives, answers 413 and stops reading", async () => {
    const res = await uploadUntilClosed(
      port,
      `POST /form HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin()}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`,
      { total: 400 * MiB, chunked: true },
    );
    expect(res.status).toBe(413);
    expect(res.body).toContain("提交的内容太大");
    // The server closed the connection long before the 400 MiB were sent (socket buffers allow a few MiB).
    expect(res.bodyBytesSent).toBeLessThan(32 * MiB);
    expect(calls.lastForm).toBeNull();
  });

  it("takes no more body than a declared length says: what follows is the next request", async () => {
    const second = `b=${"x".repeat(100 * KiB)}`;
    const res = await rawRequest(port, [
      `POST /form HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin()}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\n`,
      `a=12345POST /form HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin()}\r\nContent-Type: application/x-www-form-urlencoded\r\n`,
      `Content-Length: ${second.length}\r\nConnection: close\r\n\r\n${second}`,
    ]);
    expect(res.status).toBe(200);
    expect(calls.forms).toEqual([{ a: "12345" }, { b: "x".repeat(100 * KiB) }]);
  });

  it("stops reading a body nobody reads once it passes the limit (a refused origin, a GET)", async () => {
    for (const head of [
      `POST /form HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`,
      `GET /favicon.svg HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 200000000\r\n\r\n`,
    ]) {
      const res = await uploadUntilClosed(port, head, { total: 400 * MiB, chunked: head.includes("chunked") });
      expect(res.status, head).toBeGreaterThanOrEqual(200);
      expect(res.bodyBytesSent, head).toBeLessThan(32 * MiB);
    }
    expect(calls.actions).toBe(0);
  });

  it("still serves the same connection after a small body nobody read", async () => {
    const body = "a=1";
    const one = `POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const two = `GET /form HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`;
    const res = await rawRequest(port, [one, two]);
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/HTTP\/1\.1 200 OK/);
  });

  it("gives a multipart body on a path in the upload table its own, larger limit", async () => {
    const uploads = await start({ uploadLimits: [{ path: /^\/form$/, bytes: 2 * MiB }] });
    const multipart = (bytes: number) => {
      const form = new FormData();
      form.append("body", "a".repeat(bytes));
      return fetch(`http://127.0.0.1:${uploads.port}/form`, { method: "POST", body: form, headers: { Origin: `http://127.0.0.1:${uploads.port}` } });
    };
    expect((await multipart(MiB)).status).toBe(200);
    expect(uploads.calls.lastForm?.body?.length).toBe(MiB);
    expect((await multipart(2 * MiB + 1)).status).toBe(413);
    // Only a multipart body can carry files: a url-encoded one keeps the form limit there too.
    expect((await post("/form", field(300 * KiB), {}, uploads.port)).status).toBe(413);
    expect((await post("/api/form", field(300 * KiB), {}, uploads.port)).status).toBe(413);
  });
});
