// Malformed requests against the production server: every route in app/routes (found from the
// folder, so a new route is covered without touching this file), GET and POST, without a
// session and with a seeded admin's, with broken bodies, headers, cookies, encodings, methods
// and ids. None may get a 5xx, and the server must still answer afterwards. Requests go over
// bare sockets, which send what fetch refuses to.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { sessionCookieName, startSession } from "../../app/lib/auth.server";
import { getDb } from "../../app/lib/db.server";
import { disclosureVersions, posts, projects, threads, users } from "../../db/schema";
import { rawRequest, type RawResponse } from "../support/raw-http";
import { test, expect } from "./fixtures";

type Route = { file: string; id: string; pattern: string; params: string[] };

/** The URL pattern of a route module, by Remix's flat-routes file naming. */
function routeOf(file: string): Route {
  const name = file.replace(/\.[jt]sx?$/, "");
  const segments: string[] = [];
  const params: string[] = [];
  // Dots separate segments, except inside [] (escaped, as in "feeds.threads[.]atom").
  for (const raw of name.split(/\.(?![^[]*\])/)) {
    if (raw === "_index" || raw.startsWith("_")) continue;
    const seg = raw.replace(/_$/, "").replace(/\[([^\]]*)\]/g, "$1");
    if (seg === "$") {
      segments.push("*");
      params.push("*");
    } else if (seg.startsWith("$")) {
      segments.push(`:${seg.slice(1)}`);
      params.push(seg.slice(1));
    } else segments.push(seg);
  }
  return { file, id: `routes/${name}`, pattern: `/${segments.join("/")}`, params };
}

const ROUTES = fs
  .readdirSync(path.resolve("app/routes"))
  .filter((f) => /\.[jt]sx?$/.test(f))
  .map(routeOf);

// Ids and slugs a route may be given: good ones from the demo data, and broken ones.
const BAD_VALUES = [
  "abc",
  "99999999999999999999",
  "-1",
  "0",
  "1.5",
  "0x10",
  "%00",
  "%E0%A4%A",
  "%C0%AF",
  "%C0%AE%C0%AE%2F%C0%AE%C0%AE",
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "%EF%BC%91",
  "%F0%9F%92%A9",
  "a".repeat(3000),
  "1%0d%0aX-Injected:%201",
];

type Case = { label: string; request: string | Buffer | (string | Buffer)[]; end?: boolean; mayClose?: boolean };

const CRLF = "\r\n";

test("malformed requests to every route get a 4xx at worst, never a 5xx, and the server keeps serving", async ({ baseURL }) => {
  test.setTimeout(600_000);
  const port = Number(new URL(baseURL!).port);
  const host = `localhost:${port}`;
  const origin = `http://${host}`;
  expect(ROUTES.length).toBeGreaterThan(30);

  const db = getDb();
  const admin = (await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@example.com")).get())!;
  const good: Record<string, string> = {
    id: String((await db.select({ id: threads.id }).from(threads).limit(1).get())!.id),
    slug: (await db.select({ slug: projects.slug }).from(projects).limit(1).get())!.slug,
    versionId: String((await db.select({ id: disclosureVersions.id }).from(disclosureVersions).limit(1).get())?.id ?? 1),
    month: "2026-11",
    "*": "no/such/page",
  };
  const postId = String((await db.select({ id: posts.id }).from(posts).limit(1).get())!.id);

  const fill = (route: Route, value?: string) =>
    route.pattern.replace(/:([A-Za-z]+)|\*/g, (m, name: string | undefined) => {
      const key = name ?? "*";
      if (value !== undefined) return value;
      return key === "id" && route.pattern.startsWith("/posts") ? postId : (good[key] ?? "1");
    });

  // A fresh session per request: a POST to /logout (or any other) must not end the next one's.
  const sessionCookie = async () => (await startSession(admin.id)).split(";")[0]!;

  const head = (method: string, target: string, headers: string[] = [], version = "HTTP/1.1") =>
    [`${method} ${target} ${version}`, `Host: ${host}`, ...headers, "Connection: close", "", ""].join(CRLF);
  const withBody = (method: string, target: string, type: string | null, body: string | Buffer, headers: string[] = []) => {
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    return [head(method, target, [`Origin: ${origin}`, ...(type ? [`Content-Type: ${type}`] : []), `Content-Length: ${bytes.length}`, ...headers]), bytes];
  };

  function casesFor(route: Route, cookie: string | null): Case[] {
    const c = cookie ? [`Cookie: ${cookie}`] : [];
    const url = fill(route);
    const cases: Case[] = [
      { label: "GET", request: head("GET", url, c) },
      { label: "GET ?_data= its own id", request: head("GET", `${url}?_data=${encodeURIComponent(route.id)}`, c) },
      { label: "GET ?_data= unknown", request: head("GET", `${url}?_data=routes%2Fno.such.route`, c) },
      { label: "GET ?_data= broken", request: head("GET", `${url}?_data=%E0%A4%A&_data=root`, c) },
      { label: "GET huge query", request: head("GET", `${url}?q=${"%E6%BC%8F".repeat(800)}&page=${"9".repeat(400)}&sort=%00`, c) },
      { label: "GET bad Accept-Language", request: head("GET", url, [...c, "Accept-Language: *;q=abc, zh-CN;q=2, ;;;, en-;q=-1, \u00ff"]) },
      { label: "GET bad cookies", request: head("GET", url, [`Cookie: other=%E0%A4%A; ${cookie ?? "x=%"}; lang=%C0%AF; =; ;;`]) },
      {
        label: "GET duplicate headers",
        request: head("GET", url, [...c, ...c, "Accept: text/html", "Accept: application/json", "Origin: null", "Origin: https://evil.example"]),
      },
      { label: "HEAD", request: head("HEAD", url, c) },
      { label: "POST JSON", request: withBody("POST", url, "application/json", '{"intent":"reply","body":"x"}', c) },
      { label: "POST text/plain", request: withBody("POST", url, "text/plain", "intent=reply&body=x", c) },
      { label: "POST no content type", request: withBody("POST", url, null, "intent=reply", c) },
      {
        label: "POST broken multipart",
        request: withBody("POST", url, "multipart/form-data; boundary=zz", '--zz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nrep', c),
      },
      { label: "POST multipart without boundary", request: withBody("POST", url, "multipart/form-data", "intent=reply", c) },
      {
        label: "POST bad %-encoding and unknown intent",
        request: withBody("POST", url, "application/x-www-form-urlencoded", "intent=%E0%A4%A&body=%ZZ&id=-1&postId=abc&%00=%00", c),
      },
      {
        label: "POST overlong UTF-8",
        request: withBody("POST", url, "application/x-www-form-urlencoded; charset=utf-8", Buffer.from([0x61, 0x3d, 0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xff]), c),
      },
      {
        label: "POST Origin null with a Referer of this site",
        request: [
          head("POST", url, [...c, "Origin: null", `Referer: ${origin}/`, "Content-Type: application/x-www-form-urlencoded", "Content-Length: 9"]),
          "intent=no",
        ],
      },
      {
        label: "POST bad chunked encoding",
        request:
          head("POST", url, [...c, `Origin: ${origin}`, "Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked"]) +
          "zz\r\nintent=reply\r\n0\r\n\r\n",
      },
      {
        label: "POST chunked, cut off",
        request: head("POST", url, [...c, `Origin: ${origin}`, "Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked"]) + "5\r\nab",
        end: true,
        mayClose: true,
      },
      { label: "POST bad Content-Length", request: head("POST", url, [...c, `Origin: ${origin}`, "Content-Length: abc"]) + "intent=reply" },
      {
        label: "POST two Content-Lengths",
        request: head("POST", url, [...c, `Origin: ${origin}`, "Content-Length: 3", "Content-Length: 12"]) + "intent=reply",
      },
      {
        label: "POST Content-Length longer than the body",
        request: head("POST", url, [...c, `Origin: ${origin}`, "Content-Type: application/x-www-form-urlencoded", "Content-Length: 500"]) + "intent=reply",
        end: true,
        mayClose: true,
      },
      { label: "PUT", request: withBody("PUT", url, "application/x-www-form-urlencoded", "intent=reply", c) },
      { label: "DELETE", request: withBody("DELETE", url, "application/x-www-form-urlencoded", "", c) },
      { label: "unknown method", request: head("BREW", url, c) },
      { label: "PROPFIND", request: head("PROPFIND", url, c) },
      { label: "OPTIONS", request: head("OPTIONS", url, c) },
      { label: "HTTP/1.0 without Host", request: [`GET ${url} HTTP/1.0`, ...c, "", ""].join(CRLF) },
    ];
    // Each parameter of the route, given every broken value.
    if (route.params.length > 0) {
      for (const value of BAD_VALUES) {
        cases.push({ label: `GET with :param ${value.slice(0, 30)}`, request: head("GET", fill(route, value), c) });
        cases.push({
          label: `POST with :param ${value.slice(0, 30)}`,
          request: withBody("POST", fill(route, value), "application/x-www-form-urlencoded", "intent=reply&body=x", c),
        });
      }
    }
    return cases;
  }

  // Requests aimed at no route in particular.
  const general: Case[] = [
    { label: "path traversal", request: head("GET", "/../../../../etc/passwd") },
    { label: "encoded path traversal", request: head("GET", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd") },
    { label: "traversal out of /build", request: head("GET", "/build/..%2F..%2Fpackage.json") },
    { label: "traversal with backslashes", request: head("GET", "/build/..%5C..%5Cpackage.json") },
    { label: "NUL in the path", request: head("GET", "/threads/1%00.atom") },
    { label: "overlong UTF-8 in the path", request: head("GET", "/%C0%AE%C0%AE/%C0%AF") },
    {
      label: "raw bytes in the path",
      request: Buffer.concat([Buffer.from("GET /threads/"), Buffer.from([0xff, 0xfe]), Buffer.from(` HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)]),
    },
    { label: "absolute-form target", request: head("GET", "http://evil.example/threads/1") },
    { label: "asterisk target", request: head("OPTIONS", "*") },
    { label: "double slash path", request: head("GET", "//evil.example/threads") },
    { label: "header too large", request: head("GET", "/", [`Cookie: a=${"x".repeat(20_000)}`]) },
    { label: "NUL in a header", request: head("GET", "/", ["X-Test: a\u0000b"]) },
    { label: "obsolete line folding", request: head("GET", "/", ["X-Test: a", " folded"]) },
    { label: "two Host headers", request: head("GET", "/", [`Host: evil.example`]) },
    { label: "bad Host", request: ["GET /stats?bad-host HTTP/1.1", "Host: exa mple", "Connection: close", "", ""].join(CRLF) },
    { label: "garbage request line", request: "HELLO\r\n\r\n", mayClose: true },
    { label: "HTTP/2 preface", request: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", mayClose: true },
    {
      label: "Content-Length and Transfer-Encoding",
      request: head("POST", "/login", [`Origin: ${origin}`, "Content-Length: 4", "Transfer-Encoding: chunked"]) + "0\r\n\r\n",
    },
    {
      label: "Transfer-Encoding not chunked",
      request: head("POST", "/login", [`Origin: ${origin}`, "Transfer-Encoding: gzip"]) + "abc",
      end: true,
      mayClose: true,
    },
    { label: "Expect header not 100-continue", request: head("POST", "/login", [`Origin: ${origin}`, "Expect: 200-ok", "Content-Length: 0"]) },
    { label: "API with a bad filter", request: head("GET", "/api/threads?status=%E0&pageSize=-1&page=abc&project[]=x") },
    { label: "feed with a bad filter", request: head("GET", "/feeds/threads.atom?project=%00&type=%C0%AF") },
    {
      label: "unsubscribe with a forged link",
      request: withBody("POST", "/unsubscribe?a=%E0&c=thread_updates&t=x", "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"),
    },
    { label: "language with a CRLF target", request: head("GET", "/language?lang=en&next=/a%0d%0aSet-Cookie:%20x=1") },
    { label: "language with a tab target", request: head("GET", "/language?lang=en&next=/%09/evil.example") },
    { label: "login page with a backslash target", request: head("GET", "/login?redirectTo=/%5C%5Cevil.example") },
  ];

  const results: { label: string; target: string; res: RawResponse; mayClose?: boolean }[] = [];
  const send = async (target: string, c: Case) => {
    // From an address of its own: the fuzz uses up rate limits (registration, per address) other tests need.
    const res = await rawRequest(port, c.request, { end: c.end, timeoutMs: 20_000, localAddress: "127.0.0.77" });
    results.push({ label: c.label, target, res, mayClose: c.mayClose });
  };

  for (const c of general) await send("(general)", c);
  for (const route of ROUTES) {
    for (const signedIn of [false, true]) {
      const count = casesFor(route, null).length;
      for (let i = 0; i < count; i++) {
        // Built afresh for each request, each with a session of its own.
        const cookie = signedIn ? `${sessionCookieName()}=${(await sessionCookie()).split("=").slice(1).join("=")}` : null;
        await send(`${route.file}${signedIn ? " (admin)" : ""}`, casesFor(route, cookie)[i]!);
      }
    }
  }

  // FUZZ_REPORT=1 prints how many requests got which status.
  if (process.env.FUZZ_REPORT) {
    const byStatus = new Map<string, number>();
    for (const r of results) byStatus.set(String(r.res.status), (byStatus.get(String(r.res.status)) ?? 0) + 1);
    console.log(`${results.length} requests:`, Object.fromEntries([...byStatus].sort()));
  }
  const serverErrors = results.filter((r) => r.res.status !== null && r.res.status >= 500);
  const unanswered = results.filter((r) => r.res.status === null && !r.mayClose);
  expect(results.length).toBeGreaterThanOrEqual(200);
  expect(serverErrors.map((r) => `${r.target} ${r.label}: ${r.res.status}`)).toEqual([]);
  expect(unanswered.map((r) => `${r.target} ${r.label}: no answer`)).toEqual([]);

  // Off-site redirects are refused on the way too.
  for (const r of results.filter((x) => /target/.test(x.label))) {
    const location = /^location: (.*)$/im.exec(r.res.head)?.[1];
    if (location) expect(location.trim()).toBe("/");
  }

  // And the server still serves a normal request.
  const after = await rawRequest(port, head("GET", "/"));
  expect(after.status).toBe(200);
  expect(after.body).toContain("最新投诉");
});

test("a body declared over the limit is refused before the client sends it (Expect: 100-continue)", async ({ baseURL }) => {
  const port = Number(new URL(baseURL!).port);
  const res = await rawRequest(port, [
    `POST /forgot-password HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: ${baseURL}\r\nContent-Type: application/x-www-form-urlencoded\r\n`,
    `Content-Length: 419430400\r\nExpect: 100-continue\r\n\r\n`,
  ]);
  expect(res.status).toBe(413);
  expect(res.head).not.toContain("100 Continue");
  expect(res.body).toContain("提交的内容太大");
});

test("every page from the page cache carries a CSP nonce of its own, the one its scripts carry", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const res = await request.get("/projects", { headers: { "Accept-Language": "zh-CN" } });
    expect(res.status()).toBe(200);
    const header = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
    expect(header).toBeTruthy();
    const inPage = [...(await res.text()).matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1]);
    expect(inPage.length).toBeGreaterThan(0);
    for (const n of inPage) expect(n).toBe(header);
    nonces.add(header!);
  }
  expect(nonces.size).toBe(3);
});

test("a post that is not a form gets the page that says so", async ({ request, baseURL }) => {
  const res = await request.post("/forgot-password", { data: { email: "owner@example.com" }, headers: { Origin: baseURL! } });
  expect(res.status()).toBe(415);
  expect(await res.text()).toContain("不是表单提交的内容");
});
