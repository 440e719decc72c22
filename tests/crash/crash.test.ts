// Crash safety of replies. Owners post replies in parallel through the real form action of the
// production server, which is killed with SIGKILL in the middle of it, twice. After each restart
// on the same database: every reply the server acknowledged (a redirect to the new post) is
// there exactly once, with the id it was acknowledged with; no reply exists in part (post row,
// first revision, the thread's counters and the search index go together); the database passes
// SQLite's integrity and foreign-key checks; and the site answers.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ensureBuild, killGroup, request, startServer, stopServer, waitForGroupGone, type Server } from "./server";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tousu-crash-"));
const dbPath = path.join(dir, "forum.db");
const serverEnv = {
  DATABASE_PATH: dbPath,
  OUTBOX_DIR: path.join(dir, "outbox"),
  SEED_DEMO: "0",
  WEB_PROCESSES: "1",
  PAGE_CACHE_SECONDS: "0",
  LOG_REQUESTS: "0",
  RATE_LIMIT_REPLY: "100000",
  RATE_LIMIT_LOGINIP: "100000",
  RATE_LIMIT_LOGINACCOUNT: "100000",
};

const CLIENTS = 8;
const PASSWORD = "crash-test-password";
// The kill points: after this many acknowledged replies in each round. Deterministic, and
// CRASH_SEED tries others.
const seed = Number(process.env.CRASH_SEED ?? 20260);
const killPoints = (() => {
  let s = seed >>> 0;
  const next = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return [0, 1].map(() => 25 + Math.floor(next() * 40));
})();

type Owner = { id: string; email: string; cookie: string };
type Attempt = {
  marker: string;
  threadId: number;
  ownerId: string;
  /** ok: acknowledged with a redirect to the post; cut: no answer (the server died); refused: any other answer. */
  result: "ok" | "cut" | "refused";
  postId?: number;
  detail?: string;
  afterKill?: boolean;
};

const MARKER = /crash-r\d+-c\d+-s\d+/g;

let owners: Owner[] = [];
let threadIds: number[] = [];
let server: Server | undefined;

beforeAll(async () => {
  ensureBuild(root);

  // A fresh database, migrated, with verified owners and two complaints, made through the
  // model functions; closed before any server opens it.
  process.env.DATABASE_PATH = dbPath;
  process.env.OUTBOX_DIR = serverEnv.OUTBOX_DIR;
  const { closeDb, getDb, migrateDatabase } = await import("../../app/lib/db.server");
  const { makeProject, makeThread, makeUser } = await import("../support/factories");
  const { users } = await import("../../db/schema");
  await migrateDatabase();
  const project = await makeProject();
  const made = await Promise.all(Array.from({ length: CLIENTS }, () => makeUser("owner", { password: PASSWORD })));
  await getDb().update(users).set({ emailVerifiedAt: Date.now() }).run();
  threadIds = [await makeThread({ authorId: made[0]!.id, projectId: project.id }), await makeThread({ authorId: made[1]!.id, projectId: project.id })];
  await closeDb();
  owners = made.map((u) => ({ id: u.id, email: u.email, cookie: "" }));
});

afterAll(async () => {
  if (server) {
    killGroup(server);
    await server.exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

function form(values: Record<string, string>, origin: string, cookie?: string) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: origin };
  if (cookie) headers.Cookie = cookie;
  return { method: "POST", body: new URLSearchParams(values).toString(), headers };
}

async function logIn(s: Server, owner: Owner) {
  const r = await request(`${s.origin}/login`, form({ email: owner.email, password: PASSWORD, redirectTo: "/" }, s.origin));
  expect(r.status, `log-in of ${owner.email}: ${r.body.slice(0, 300)}`).toBe(302);
  const cookies = r.headers["set-cookie"] ?? [];
  expect(cookies.length).toBeGreaterThan(0);
  owner.cookie = cookies.map((c) => c.split(";")[0]).join("; ");
}

/**
 * Every owner posts replies back to back, all at once, until `killAfter` have been
 * acknowledged; then the server's process group is killed while the others are in flight.
 */
async function postUntilKilled(s: Server, round: number, killAfter: number): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  let acknowledged = 0;
  let killed = false;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    killGroup(s);
  };
  await Promise.all(
    owners.map(async (owner, client) => {
      for (let seq = 0; !stopped; seq++) {
        const threadId = threadIds[(client + seq) % threadIds.length]!;
        const marker = `crash-r${round}-c${client}-s${seq}`;
        const attempt: Attempt = { marker, threadId, ownerId: owner.id, result: "cut" };
        attempts.push(attempt);
        const body = `断电测试回复 ${marker} :第 ${round} 轮,第 ${client} 位业主的第 ${seq} 条。`;
        try {
          const r = await request(`${s.origin}/threads/${threadId}`, form({ intent: "reply", body }, s.origin, owner.cookie));
          const location = r.headers.location ?? "";
          const m = location.match(/^\/threads\/(\d+)#post-(\d+)$/);
          if ((r.status === 302 || r.status === 303) && m && Number(m[1]) === threadId) {
            attempt.result = "ok";
            attempt.postId = Number(m[2]);
            if (++acknowledged === killAfter) {
              killed = true;
              stop();
            }
          } else {
            attempt.result = "refused";
            attempt.detail = `${r.status} ${location} ${r.body.slice(0, 300)}`;
            stop();
          }
        } catch (e) {
          attempt.result = "cut";
          attempt.afterKill = killed;
          attempt.detail = (e as Error).message;
          stop();
        }
      }
    }),
  );
  await waitForGroupGone(s);
  // Every answer the live server gave was an acknowledgement, and it went quiet only when killed.
  expect(attempts.filter((a) => a.result === "refused")).toEqual([]);
  expect(attempts.filter((a) => a.result === "cut" && !a.afterKill)).toEqual([]);
  expect(acknowledged).toBeGreaterThanOrEqual(killAfter);
  // How many requests the kill cut off depends on the machine's load (a busy test process
  // reads answers late), so it is reported, not asserted.
  return attempts;
}

type PostRow = { id: number; threadId: number; authorId: string; kind: string; body: string; createdAt: number; hiddenAt: number | null };

/** Reads the database (read-only) and checks what every attempt left behind. */
async function checkDatabase(attempts: Attempt[]) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);

    const posts = db
      .prepare(
        "select id, thread_id as threadId, author_id as authorId, kind, body_markdown as body, created_at as createdAt, hidden_at as hiddenAt from posts order by id",
      )
      .all() as PostRow[];

    // Each marker at most once, and only markers that were sent.
    const byMarker = new Map<string, PostRow[]>();
    for (const p of posts) for (const m of p.body.match(MARKER) ?? []) byMarker.set(m, [...(byMarker.get(m) ?? []), p]);
    const sent = new Set(attempts.map((a) => a.marker));
    for (const [marker, rows] of byMarker) {
      expect(sent.has(marker), `a reply nobody sent: ${marker}`).toBe(true);
      expect(rows.length, `reply ${marker} stored ${rows.length} times`).toBe(1);
    }

    // Every acknowledged reply is there, as acknowledged.
    const ok = attempts.filter((a) => a.result === "ok");
    for (const a of ok) {
      const rows = (byMarker.get(a.marker) ?? []).map((p) => ({ id: p.id, threadId: p.threadId, authorId: p.authorId, kind: p.kind }));
      expect(rows, `acknowledged reply ${a.marker} (post ${a.postId})`).toEqual([{ id: a.postId, threadId: a.threadId, authorId: a.ownerId, kind: "reply" }]);
    }

    // Every post is whole: its first revision, and its search index row while visible.
    const firstRevisions = new Map(
      (
        db
          .prepare(
            "select r.post_id as postId, r.body_markdown as body, r.created_at as createdAt from post_revisions r where r.id = (select min(id) from post_revisions where post_id = r.post_id)",
          )
          .all() as { postId: number; body: string; createdAt: number }[]
      ).map((r) => [r.postId, r]),
    );
    const indexed = new Map(
      (
        db.prepare("select rowid, body, thread_id as threadId, post_id as postId from search_index").all() as {
          rowid: number;
          body: string;
          threadId: number;
          postId: number | null;
        }[]
      ).map((r) => [r.rowid, r]),
    );
    let visible = 0;
    for (const p of posts) {
      expect(firstRevisions.get(p.id), `first revision of post ${p.id}`).toEqual({ postId: p.id, body: p.body, createdAt: p.createdAt });
      if (p.hiddenAt == null) {
        visible++;
        expect(indexed.get(p.id), `search index row of post ${p.id}`).toEqual({ rowid: p.id, body: p.body, threadId: p.threadId, postId: p.id });
      }
    }
    for (const a of ok) {
      const found = db.prepare("select post_id as postId from search_index where search_index match ?").all(`"${a.marker}"`);
      expect(found, `search for ${a.marker}`).toEqual([{ postId: a.postId }]);
    }

    // Every thread's counters agree with its posts; its title is indexed.
    const threads = db.prepare("select id, title, reply_count as replyCount, last_post_at as lastPostAt from threads").all() as {
      id: number;
      title: string;
      replyCount: number;
      lastPostAt: number;
    }[];
    for (const t of threads) {
      const own = posts.filter((p) => p.threadId === t.id);
      const latest = own[own.length - 1];
      expect({ replyCount: t.replyCount, lastPostAt: t.lastPostAt }, `counters of thread ${t.id}`).toEqual({
        replyCount: own.filter((p) => p.kind === "reply" || p.kind === "official").length,
        lastPostAt: latest?.createdAt,
      });
      expect(indexed.get(-t.id), `search index row of thread ${t.id}`).toEqual({ rowid: -t.id, body: t.title, threadId: t.id, postId: null });
    }
    expect(indexed.size, "search index rows").toBe(visible + threads.length);

    const cut = attempts.filter((a) => a.result === "cut");
    return { acknowledged: ok.length, cutStored: cut.filter((a) => byMarker.has(a.marker)).length, cutLost: cut.filter((a) => !byMarker.has(a.marker)).length };
  } finally {
    db.close();
  }
}

test("replies acknowledged before a SIGKILL survive it, and none is half-written", async () => {
  const attempts: Attempt[] = [];
  const summary: string[] = [];

  server = await startServer(root, serverEnv);
  await Promise.all(owners.map((o) => logIn(server!, o)));

  for (const [i, killAfter] of killPoints.entries()) {
    const round = i + 1;
    // Sessions are in the database: the owners stay logged in across the crashes.
    attempts.push(...(await postUntilKilled(server, round, killAfter)));
    server = await startServer(root, serverEnv);
    const r = await checkDatabase(attempts);
    summary.push(
      `round ${round}: killed after ${killAfter}; ${r.acknowledged} acknowledged so far; of the requests cut off so far, ${r.cutStored} stored, ${r.cutLost} not`,
    );
  }

  // The restarted server answers, and shows every acknowledged reply on its thread.
  const home = await request(`${server.origin}/`);
  expect(home.status).toBe(200);
  for (const threadId of threadIds) {
    const page = await request(`${server.origin}/threads/${threadId}`);
    expect(page.status).toBe(200);
    for (const a of attempts.filter((x) => x.result === "ok" && x.threadId === threadId))
      expect(page.body, `thread ${threadId} shows ${a.marker}`).toContain(a.marker);
  }

  expect(await stopServer(server)).toEqual({ code: 0, signal: null });
  server = undefined;
  await checkDatabase(attempts);
  // The full-text index agrees with its own content (a write-mode command, so only now).
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.prepare("insert into search_index(search_index) values ('integrity-check')").run();
  } finally {
    db.close();
  }
  console.log(`crash test (seed ${seed}):\n  ${summary.join("\n  ")}`);
});
