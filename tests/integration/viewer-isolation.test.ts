// Nothing kept between requests carries one viewer's page to another. The real Express app
// (server/app.ts) serves the real Remix build with the page cache on and a time to live
// longer than the test, and two owners, a visitor and a staff member read the same threads,
// their data requests, the API, the feeds and the private pages: one after another in either
// order, all at once, and around writes that move the database's generation. Whatever is
// cached across viewers (the anonymous page cache, the models' generation-keyed caches, and
// whatever is added later), each answer shows its own viewer's header and controls and nothing
// of anyone else's: not another owner's edit links, "me too" or flags, not staff's internal
// notes, not an owner's contact that staff looked up. Builds the app if there is no production
// build yet; one that is there is used as it is (after changing the app: npm run build).
//
// Every post is written a minute before the test starts: its 15-minute edit window stays open
// for the whole run, so no clock needs moving.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSession } from "../../app/lib/auth.server";
import { resetEnv } from "../../app/lib/env.server";
import zhCN from "../../app/locales/zh-CN";
import { addMeToo } from "../../app/models/me-too.server";
import { addInternalNote, flagPost, hidePost } from "../../app/models/moderation.server";
import { createReply, getThread } from "../../app/models/threads.server";
import { createApp } from "../../server/app";
import { ensureBuild } from "../crash/server";
import { makeProject, makeThread, makeUser } from "../support/factories";

// Unique to this run, so that a match can only be the string this test wrote.
const TAG = `VIS${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase();
const MINE_TITLE = `甲业主自己的投诉 ${TAG}`;
const THEIRS_TITLE = `丙业主的投诉 ${TAG}`;
const HIDDEN_TEXT = `被工作人员隐藏的回复 ${TAG}`;
const PHONE = `139${String(Date.now() % 100_000_000).padStart(8, "0")}`;
const UNIT = `U-${TAG}`;
/** Internal notes on A's complaint, which its staff view shows. */
const notesOnMine: string[] = [];
/** Every internal note written so far: staff's, never anyone else's. */
const notes: string[] = [];

const signedInAs = (name: string) => zhCN.nav.signedInAs.replace("{{name}}", name);
const SIGNED_IN = zhCN.nav.signedInAs.split("{{name}}")[0]!;
const SIGNED_IN_HTML = 'data-viewer="signed-in"';
const REPLY_FORM = '<input type="hidden" name="intent" value="reply"/>';
const METOO_FORM = '<input type="hidden" name="intent" value="metoo"/>';
const METOO_DONE = `<span class="badge">${zhCN.metoo.done}</span>`;
const FLAG_DONE = 'class="muted flag-done"';
const FLAG_FORM = (postId: number) => `<input type="hidden" name="postId" value="${postId}"/>`;
const EDIT_LINK = (postId: number) => `href="/posts/${postId}/edit"`;
const ANY_EDIT_LINK = /href="\/posts\/\d+\/edit"/;
const data = (routeId: string) => `_data=${encodeURIComponent(routeId)}`;

type Viewer = { label: string; id?: string; name?: string; cookie?: string };
type Answer = { viewer: Viewer; path: string; status: number; type: string; body: string };

const anon: Viewer = { label: "a visitor" };
let ownerA: Viewer;
let ownerB: Viewer;
let staff: Viewer;
let viewers: Viewer[];

let base = "";
let server: Server;
let slug = "";
let projectId = 0;
let mine = 0; // A's complaint
let theirs = 0; // C's complaint, on which A replied and said "me too"
let scratch = 0; // a thread nobody reads, whose internal notes only move the generation
let mineOpening = 0;
let cReplyOnMine = 0; // flagged by A
let hiddenReply = 0; // A's reply on their own complaint, hidden by staff
let aReplyOnTheirs = 0;
let aPosts: number[] = [];

async function get(viewer: Viewer, pathname: string): Promise<Answer> {
  const res = await fetch(`${base}${pathname}`, {
    redirect: "manual",
    headers: { "Accept-Language": "zh-CN", ...(viewer.cookie ? { Cookie: viewer.cookie } : {}) },
  });
  return { viewer, path: pathname, status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
}

async function post(viewer: Viewer, pathname: string, fields: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${base}${pathname}`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams(fields).toString(),
    headers: {
      "Accept-Language": "zh-CN",
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: base,
      ...(viewer.cookie ? { Cookie: viewer.cookie } : {}),
    },
  });
  return { viewer, path: pathname, status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
}

/** A write no page shows: every cached page is dropped, so the next reader of each URL renders it. */
async function moveGeneration() {
  const note = `只为换代的内部备注 ${TAG} ${notes.length}`;
  expect((await addInternalNote(scratch, staff.id!, note, Date.now())).ok).toBe(true);
  notes.push(note);
}

/** Staff look up A's contact for a call-back: the one answer that may carry it. */
async function revealContact() {
  const r = await post(staff, `/staff/threads/${mine}`, { intent: "reveal-contact" });
  expect(r.status).toBe(200);
  expect(r.body).toContain(PHONE);
  expect(r.body).toContain(UNIT);
  return r;
}

const threadSurfaces = (id: number) => [
  `/threads/${id}`,
  `/threads/${id}?${data("routes/threads.$id")}`,
  `/threads/${id}?${data("root")}`,
  `/api/threads/${id}`,
  `/threads/${id}/timeline.atom`,
];
const surfaces = () => [
  ...threadSurfaces(mine),
  ...threadSurfaces(theirs),
  "/",
  `/projects/${slug}`,
  "/stats",
  `/search?q=${encodeURIComponent(TAG)}`,
  "/api/threads?pageSize=100",
  "/feeds/threads.atom",
  `/feeds/threads.atom?project=${slug}`,
  `/staff/threads/${mine}`,
  `/staff/threads/${mine}?${data("routes/staff.threads.$id")}`,
  "/account/projects",
  `/account/projects?${data("routes/account.projects")}`,
];
// Built for nobody in particular: no viewer's hidden text or notes, whoever asks.
const PUBLIC_ANSWERS = /^\/(api|feeds)\/|\.atom$/;

/** What must never be in an answer to this viewer. */
function forbidden(r: Answer): string[] {
  const v = r.viewer;
  const out: string[] = [];
  for (const other of viewers) if (other !== v && other.name) out.push(signedInAs(other.name));
  if (v !== staff) out.push(...notes);
  if (v !== ownerA) out.push(PHONE, UNIT, FLAG_DONE, METOO_DONE, ...aPosts.map(EDIT_LINK));
  // Staff read the contact once, in the answer to their request for it, never on a page.
  if (v === staff) out.push(PHONE, UNIT);
  if ((v !== ownerA && v !== staff) || PUBLIC_ANSWERS.test(r.path)) out.push(HIDDEN_TEXT);
  if (v === anon) out.push(SIGNED_IN, SIGNED_IN_HTML, REPLY_FORM, METOO_FORM, 'name="postId"');
  return out;
}

/** Checks one answer: nothing of anyone else's, and what this viewer must be shown here. */
function check(r: Answer) {
  const where = `${r.viewer.label} at ${r.path}`;
  for (const s of forbidden(r)) expect(r.body, `${where} shows ${s}`).not.toContain(s);
  if (r.type.includes("text/html")) {
    if (r.viewer.name) {
      expect(r.body, `${where}: their own header`).toContain(signedInAs(r.viewer.name));
      expect(r.body, where).toContain(SIGNED_IN_HTML);
    } else {
      expect(r.body, `${where}: the log-in link`).toContain('href="/login?redirectTo=');
    }
  }
  const [pathname, query = ""] = r.path.split("?");
  const thread = /^\/threads\/(\d+)$/.exec(pathname!);
  const isMine = thread && Number(thread[1]) === mine;
  if (thread && query === "") return checkThreadPage(r, where, isMine!);
  if (thread && query.startsWith("_data=routes")) return checkThreadData(r, where, isMine!);
  if (thread && query === data("root")) {
    expect(r.status, where).toBe(200);
    expect(JSON.parse(r.body).user?.displayName ?? null, where).toBe(r.viewer.name ?? null);
    return;
  }
  if (pathname!.startsWith("/staff/")) {
    if (r.viewer !== staff) return expect(r.status, where).not.toBe(200);
    expect(r.status, where).toBe(200);
    for (const note of notesOnMine) expect(r.body, `${where}: the internal note`).toContain(note);
    return;
  }
  if (pathname === "/account/projects") {
    // A page of owners' own records: a visitor is sent to log in, staff are refused.
    if (r.viewer === anon || r.viewer === staff) return expect(r.status, where).not.toBe(200);
    expect(r.status, where).toBe(200);
    if (r.viewer === ownerA) for (const s of [PHONE, UNIT]) expect(r.body, `${where}: their own record`).toContain(s);
    return;
  }
  expect(r.status, where).toBe(200);
  if (pathname === "/stats") return;
  // Every other surface lists or shows one of this test's complaints.
  expect(r.body, where).toMatch(new RegExp(`(甲业主自己的投诉|丙业主的投诉) ${TAG}`));
}

function checkThreadPage(r: Answer, where: string, isMine: boolean) {
  expect(r.status, where).toBe(200);
  expect(r.body, where).toContain(isMine ? MINE_TITLE : THEIRS_TITLE);
  const { viewer: v, body } = r;
  if (v === ownerA) {
    expect(body, where).toContain(REPLY_FORM);
    if (isMine) {
      expect(body, `${where}: editing their complaint`).toContain(EDIT_LINK(mineOpening));
      expect(body, `${where}: their flag`).toContain(FLAG_DONE);
      expect(body, `${where}: no flag form for what they flagged`).not.toContain(FLAG_FORM(cReplyOnMine));
      expect(body, `${where}: their hidden reply`).toContain(HIDDEN_TEXT);
    } else {
      expect(body, `${where}: editing their reply`).toContain(EDIT_LINK(aReplyOnTheirs));
      expect(body, `${where}: their "me too"`).toContain(METOO_DONE);
      expect(body, where).not.toContain(METOO_FORM);
    }
  } else if (v === anon) {
    expect(body, where).toContain(zhCN.thread.loginToReply);
    expect(body, where).not.toMatch(ANY_EDIT_LINK);
  } else {
    // Another owner, or staff: signed in, with their own reply form and no one's edit links.
    expect(body, where).toContain(REPLY_FORM);
    expect(body, where).not.toMatch(ANY_EDIT_LINK);
    if (v === ownerB) {
      if (isMine) for (const id of [mineOpening, cReplyOnMine]) expect(body, `${where}: a flag form`).toContain(FLAG_FORM(id));
      else expect(body, `${where}: the "me too" button`).toContain(METOO_FORM);
    } else {
      expect(body, `${where}: the staff view's link`).toContain(`href="/staff/threads/${isMine ? mine : theirs}"`);
      if (isMine) expect(body, `${where}: the hidden reply`).toContain(HIDDEN_TEXT);
    }
  }
}

function checkThreadData(r: Answer, where: string, isMine: boolean) {
  expect(r.status, where).toBe(200);
  const page = JSON.parse(r.body) as {
    thread: { title: string; isAuthor: boolean; opening?: { mine: boolean }; replies: { mine: boolean }[] };
    editable: number[];
    flagged: number[];
    meToo: boolean;
  };
  expect(page.thread.title, where).toBe(isMine ? MINE_TITLE : THEIRS_TITLE);
  const own = r.viewer === ownerA;
  expect(page.editable, where).toEqual(own ? (isMine ? [mineOpening, hiddenReply] : [aReplyOnTheirs]) : []);
  expect(page.flagged, where).toEqual(own && isMine ? [cReplyOnMine] : []);
  expect(page.meToo, where).toBe(own && !isMine);
  expect(page.thread.isAuthor, where).toBe(own && isMine);
  const minePosts = [page.thread.opening, ...page.thread.replies].filter((p) => p?.mine).length;
  expect(minePosts, where).toBe(own ? (isMine ? 2 : 1) : 0);
}

/** Every viewer reads every surface, one request at a time, in the order given. */
async function readInTurn(order: Viewer[]) {
  for (const pathname of surfaces()) for (const v of order) check(await get(v, pathname));
}

/** Every viewer reads every surface at once, in an order that changes with `round`. */
async function readAtOnce(round: number) {
  const requests = surfaces().flatMap((pathname) => viewers.map((v) => [v, pathname] as const));
  const shift = (round * 7) % requests.length;
  const shuffled = [...requests.slice(shift), ...requests.slice(0, shift)];
  if (round % 2) shuffled.reverse();
  for (const r of await Promise.all(shuffled.map(([v, pathname]) => get(v, pathname)))) check(r);
}

beforeAll(async () => {
  ensureBuild(process.cwd());
  // The longest allowed, longer than the test: only a database write drops a cached page.
  process.env.PAGE_CACHE_SECONDS = "60";
  resetEnv();

  const before = Date.now() - 60_000;
  const a = await makeUser("owner", { displayName: `甲业主${TAG}` });
  const b = await makeUser("owner", { displayName: `乙业主${TAG}` });
  const c = await makeUser("owner", { displayName: `丙业主${TAG}` });
  const s = await makeUser("staff", { displayName: `客服${TAG}` });
  const cookie = async (id: string) => (await startSession(id)).split(";")[0]!;
  ownerA = { label: "owner A", id: a.id, name: a.displayName, cookie: await cookie(a.id) };
  ownerB = { label: "owner B", id: b.id, name: b.displayName, cookie: await cookie(b.id) };
  staff = { label: "staff", id: s.id, name: s.displayName, cookie: await cookie(s.id) };
  viewers = [ownerA, ownerB, anon, staff];

  const project = await makeProject();
  slug = project.slug;
  projectId = project.id;
  mine = await makeThread({ authorId: a.id, projectId, title: MINE_TITLE, body: "地下车库漏水,车上全是水渍。", now: before });
  theirs = await makeThread({ authorId: c.id, projectId, title: THEIRS_TITLE, body: "小区大门门禁经常失灵。", now: before });
  scratch = await makeThread({ authorId: c.id, projectId, title: "无人阅读的投诉", now: before });
  mineOpening = (await getThread(mine, null))!.opening!.id;
  cReplyOnMine = await createReply({ threadId: mine, authorId: c.id, body: "同一个车库,我的车也被淋了。" }, before + 1000);
  hiddenReply = await createReply({ threadId: mine, authorId: a.id, body: HIDDEN_TEXT }, before + 2000);
  expect((await hidePost(hiddenReply, s.id, "含个人信息", before + 3000)).ok).toBe(true);
  aReplyOnTheirs = await createReply({ threadId: theirs, authorId: a.id, body: "我家门禁也坏了。" }, before + 4000);
  aPosts = [mineOpening, hiddenReply, aReplyOnTheirs];
  expect((await flagPost(cReplyOnMine, a.id, "off_topic", before + 5000)).ok).toBe(true);
  expect((await addMeToo(theirs, a.id, before + 5000)).ok).toBe(true);
  const note = `内部备注:甲业主情绪激动,先电话沟通 ${TAG}`;
  expect((await addInternalNote(mine, s.id, note, before + 6000)).ok).toBe(true);
  notes.push(note);
  notesOnMine.push(note);

  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = createApp(build).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A's private record, kept through their account page, then looked up by staff.
  expect((await post(ownerA, "/account/projects", { intent: "add-project", projectId: String(projectId) })).status).toBe(302);
  const saved = await post(ownerA, "/account/projects", {
    intent: "save",
    projectId: String(projectId),
    building: "",
    unit: UNIT,
    phone: PHONE,
    purchaseDate: "",
    pseudonym: "",
  });
  expect(saved.status).toBe(302);
  await revealContact();
});

afterAll(() => {
  server?.closeAllConnections();
  server?.close();
  delete process.env.PAGE_CACHE_SECONDS;
  resetEnv();
});

describe("what is cached across viewers", () => {
  it("is in play: a visitor's page is served again from memory, also after a signed-in reader's", async () => {
    const url = `/threads/${theirs}?${data("routes/threads.$id")}`;
    const renderedAt = async (v: Viewer) => (JSON.parse((await get(v, url)).body) as { now: number }).now;
    await moveGeneration();
    // A page is kept once its answer has gone and the generation is read again (a query on
    // PostgreSQL): ask until two visitors in a row get the same rendering.
    let kept = await renderedAt(anon);
    await vi.waitFor(async () => {
      const again = await renderedAt(anon);
      if (again === kept) return;
      kept = again;
      throw new Error("not kept yet");
    });
    await renderedAt(ownerA);
    await renderedAt(ownerB);
    expect(await renderedAt(anon)).toBe(kept);
  });

  for (const [name, order] of [
    ["owner A first", () => [ownerA, ownerB, staff, anon]],
    ["the visitor first", () => [anon, ownerA, staff, ownerB]],
    ["staff first", () => [staff, anon, ownerB, ownerA]],
    ["owner B first", () => [ownerB, anon, ownerA, staff]],
  ] as const)
    it(`shows each viewer their own header, controls and data, and no one else's: ${name}`, async () => {
      await moveGeneration();
      await readInTurn(order());
      // Again, now that the first reader's answers may be kept.
      await readInTurn([...order()].reverse());
    });

  it("shows each viewer their own when they all ask at once", async () => {
    for (let round = 0; round < 6; round++) {
      if (round % 2 === 0) await moveGeneration();
      await readAtOnce(round);
    }
  });

  it("keeps an internal note written between requests to staff, in either order and at once", async () => {
    // Everyone reads, so that the visitor's answers are kept; then staff add a note.
    await readInTurn([anon, ownerA, ownerB, staff]);
    const note = `新写的内部备注:业主电话可能有误,先核实 ${TAG}`;
    const written = await post(staff, `/staff/threads/${mine}`, { intent: "note", body: note });
    expect(written.status).toBe(302);
    notes.push(note);
    notesOnMine.push(note);
    const view = await get(staff, `/staff/threads/${mine}`);
    expect(view.body).toContain(note);
    await readInTurn([anon, ownerB, ownerA, staff]);
    await readInTurn([staff, ownerA, ownerB, anon]);
    await readAtOnce(1);
  });

  it("tells every cache on the way that a signed-in viewer's answers are theirs alone", async () => {
    const cacheControl = async (viewer: Viewer, pathname: string) => {
      const res = await fetch(`${base}${pathname}`, {
        redirect: "manual",
        headers: { "Accept-Language": "zh-CN", ...(viewer.cookie ? { Cookie: viewer.cookie } : {}) },
      });
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      return res.headers.get("cache-control");
    };
    const own = [`/threads/${mine}`, `/threads/${mine}?${data("routes/threads.$id")}`, `/threads/${mine}?${data("root")}`, "/account/projects"];
    for (const pathname of own) for (const viewer of [ownerA, ownerB]) expect(await cacheControl(viewer, pathname)).toBe("private, no-store");
    expect(await cacheControl(staff, `/staff/threads/${mine}`)).toBe("private, no-store");
    // What is the same for everyone keeps its own caching, whoever asks.
    expect(await cacheControl(ownerA, `/api/threads/${mine}`)).toBe(await cacheControl(anon, `/api/threads/${mine}`));
    expect(await cacheControl(anon, `/api/threads/${mine}`)).toMatch(/^public/);
    expect((await cacheControl(anon, `/threads/${mine}`)) ?? "").not.toMatch(/private|no-store/);
  });

  it("tells shared caches that a feed speaks its reader's language", async () => {
    const feed = (headers: Record<string, string>) => fetch(`${base}/threads/${mine}/timeline.atom`, { headers });
    const zh = await feed({ "Accept-Language": "zh-CN" });
    const en = await feed({ "Accept-Language": "en" });
    const enByCookie = await feed({ "Accept-Language": "zh-CN", Cookie: "lang=en" });
    const [zhBody, enBody, cookieBody] = await Promise.all([zh.text(), en.text(), enByCookie.text()]);
    expect(enBody).not.toBe(zhBody);
    expect(cookieBody).toBe(enBody);
    for (const res of [zh, en, enByCookie]) {
      expect(res.headers.get("cache-control")).toMatch(/^public/);
      const vary = (res.headers.get("vary") ?? "").toLowerCase();
      expect(vary).toContain("accept-language");
      expect(vary).toContain("cookie");
    }
  });

  it("keeps the contact staff looked up in the answer to them, also while others read at once", async () => {
    await revealContact();
    await readInTurn([anon, ownerB, staff, ownerA]);
    for (let round = 0; round < 3; round++) {
      const [revealed, ...answers] = await Promise.all([
        revealContact(),
        ...surfaces().flatMap((pathname) => [ownerB, anon, staff, ownerA].map((v) => get(v, pathname))),
      ]);
      expect(revealed.body).toContain(PHONE);
      for (const r of answers as Answer[]) check(r);
    }
  });
});
