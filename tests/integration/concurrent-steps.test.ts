// Two requests for the same step at the same moment: a double click, two staff members, two
// machines. On SQLite write transactions take turns; on PostgreSQL they run side by side and
// each reads the rows as the other left them before it committed. Either way the step happens
// once: the second request finds it done. And a write of its own never joins another
// request's open transaction, nor is refused because one is open.
import { createHmac } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { engine, getDb, rawRows, transaction } from "../../app/lib/db.server";
import { isSubscribed, setDisclosureSubscription } from "../../app/models/disclosures.server";
import { unsubscribe } from "../../app/models/mail-outbox.server";
import { mergeThread, setThreadLocked, unmergeThread } from "../../app/models/moderation.server";
import { confirmSolved, postOfficial, reopenThread } from "../../app/models/responses.server";
import { createReply } from "../../app/models/threads.server";
import { registerOwner } from "../../app/models/users.server";
import { requestPasswordReset, RESETS_PER_ADDRESS } from "../../app/models/account-tokens.server";
import { appSettings, emailUnsubscribes, mailOutbox, posts, threadEvents, threadRatings, threads, users } from "../../db/schema";
import { makeProject, makeThread, makeUser } from "../support/factories";

const GOOD = { overall: 5, attitude: 4, speed: 4, result: 5, comment: null };
const SOLUTION = "您好,维修师傅已于今日上门更换了漏水的阀门,请您留意使用情况。";

let owner: Awaited<ReturnType<typeof makeUser>>;
let staff: Awaited<ReturnType<typeof makeUser>>;
let admin: Awaited<ReturnType<typeof makeUser>>;
let projectId: number;

beforeAll(async () => {
  owner = await makeUser("owner");
  staff = await makeUser("staff");
  admin = await makeUser("admin");
  projectId = (await makeProject()).id;
});

/** A complaint whose solution was delivered: its author may close it or reopen it. */
async function solvedThread() {
  const id = await makeThread({ authorId: owner.id, projectId });
  expect((await postOfficial({ threadId: id, staffId: staff.id, kind: "solution", body: SOLUTION }, Date.now())).ok).toBe(true);
  return id;
}

const eventsOf = (threadId: number, kind: string) =>
  getDb()
    .select({ id: threadEvents.id })
    .from(threadEvents)
    .where(and(eq(threadEvents.threadId, threadId), eq(threadEvents.kind, kind)))
    .all();

const twice = <T>(step: () => Promise<T>) => Promise.all([step(), step()]);

describe("the same step twice at once", () => {
  it("closes a complaint once, with one rating", async () => {
    for (let round = 0; round < 3; round++) {
      const id = await solvedThread();
      const results = await twice(() => confirmSolved({ threadId: id, userId: owner.id, ratings: GOOD }, Date.now()));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "wrongState" }]);
      expect(await getDb().select().from(threadRatings).where(eq(threadRatings.threadId, id)).all()).toHaveLength(1);
      expect(await eventsOf(id, "resolved")).toHaveLength(1);
    }
  });

  it("reopens a complaint once, with one comment", async () => {
    for (let round = 0; round < 3; round++) {
      const id = await solvedThread();
      const comment = `还是漏水,第${round + 1}次`;
      const results = await twice(() => reopenThread({ threadId: id, userId: owner.id, comment }, Date.now()));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await eventsOf(id, "reopened")).toHaveLength(1);
      const comments = await getDb()
        .select()
        .from(posts)
        .where(and(eq(posts.threadId, id), eq(posts.bodyMarkdown, comment)))
        .all();
      expect(comments).toHaveLength(1);
    }
  });

  it("merges two threads one way only, never into each other", async () => {
    for (let round = 0; round < 3; round++) {
      const a = await makeThread({ authorId: owner.id, projectId });
      const b = await makeThread({ authorId: owner.id, projectId });
      const results = await Promise.all([mergeThread(a, b, staff.id, "重复投诉", Date.now()), mergeThread(b, a, staff.id, "重复投诉", Date.now())]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const merged = await getDb().select({ id: threads.id, into: threads.mergedIntoId }).from(threads).where(eq(threads.projectId, projectId)).all();
      const pointing = merged.filter((t) => (t.id === a || t.id === b) && t.into != null);
      expect(pointing).toHaveLength(1);
    }
  });

  it("merges a duplicate once, with one event on each timeline", async () => {
    const dup = await makeThread({ authorId: owner.id, projectId });
    const target = await makeThread({ authorId: owner.id, projectId });
    const results = await twice(() => mergeThread(dup, target, staff.id, "同一问题", Date.now()));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await eventsOf(dup, "merged_into")).toHaveLength(1);
    expect(await eventsOf(target, "merged_from")).toHaveLength(1);
  });

  it("undoes a merge while the same two are merged again, without either waiting on the other", async () => {
    for (let round = 0; round < 5; round++) {
      const a = await makeThread({ authorId: owner.id, projectId });
      const b = await makeThread({ authorId: owner.id, projectId });
      expect((await mergeThread(b, a, staff.id, "重复投诉", Date.now())).ok).toBe(true);
      const [undone, again] = await Promise.allSettled([unmergeThread(b, admin.id, "并错了", Date.now()), mergeThread(b, a, staff.id, "确实重复", Date.now())]);
      expect(undone).toMatchObject({ status: "fulfilled", value: { ok: true } });
      expect(again.status).toBe("fulfilled");
    }
  });

  it("refuses a reply that arrives while staff lock the thread", async () => {
    const id = await makeThread({ authorId: owner.id, projectId });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let done!: () => void;
    const lockedUncommitted = new Promise<void>((resolve) => (done = resolve));
    const locking = transaction(async () => {
      expect((await setThreadLocked(id, staff.id, "已处理完毕,锁定", Date.now())).ok).toBe(true);
      done();
      await held;
    });
    await lockedUncommitted;
    const reply = createReply({ threadId: id, authorId: owner.id, body: "趁锁定前再说一句" }, Date.now()).then(
      () => "posted",
      (e: Error) => e.constructor.name,
    );
    // On PostgreSQL the reply has read what it needs once it waits on the thread's lock; on
    // SQLite it waits for its turn before it reads anything.
    if (engine() === "pg")
      await vi.waitFor(async () => {
        const waiting = await rawRows<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        expect(waiting[0]!.n).toBeGreaterThan(0);
      });
    release();
    await locking;
    expect(await reply).toBe("ThreadLockedError");
    expect(
      await getDb()
        .select()
        .from(posts)
        .where(and(eq(posts.threadId, id), eq(posts.kind, "reply")))
        .all(),
    ).toEqual([]);
  });

  it("registers an address once, and answers every request the same", async () => {
    for (let round = 0; round < 20; round++) {
      const email = `twice-${round}-${Date.now()}@example.com`;
      const attempts = await Promise.allSettled(
        [0, 1, 2].map(() => registerOwner({ email, displayName: "同时注册", password: "correct horse battery", locale: "zh-CN" }, Date.now())),
      );
      expect(attempts.map((a) => a.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
      expect(await getDb().select({ id: users.id }).from(users).where(eq(users.email, email)).all()).toHaveLength(1);
      // One verification link, and at most one "someone tried to register" (once an hour to an address).
      const mail = await getDb().select({ key: mailOutbox.dedupeKey }).from(mailOutbox).where(eq(mailOutbox.toAddress, email)).all();
      const tried = mail.filter((m) => m.key?.startsWith("already-registered:"));
      expect(mail.length - tried.length).toBe(1);
      expect(tried.length).toBeLessThanOrEqual(1);
    }
  });

  it("sends no more reset links than the cap, however many ask at once", async () => {
    for (let round = 0; round < 5; round++) {
      const owner = await makeUser("owner");
      await Promise.all(Array.from({ length: 6 }, () => requestPasswordReset(owner.email, Date.now())));
      const sent = await getDb().select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.toAddress, owner.email)).all();
      expect(sent).toHaveLength(RESETS_PER_ADDRESS);
    }
  });
});

describe("a write of its own while another request's transaction is open", () => {
  it("waits for it or runs beside it, and is not undone when that one rolls back", async () => {
    const address = `alone-${Date.now()}@example.com`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const open = new Promise<void>((resolve) => (started = resolve));
    // Like a post that waits for its photos to be written to disk.
    const other = transaction(async (tx) => {
      await tx.update(users).set({ displayName: "改名中" }).where(eq(users.id, owner.id)).run();
      started();
      await held;
      throw new Error("the other request fails");
    });
    await open;
    const writes = Promise.all([unsubscribe(address, "thread_updates", Date.now()), setDisclosureSubscription(projectId, owner.id, true, Date.now())]);
    release();
    await expect(other).rejects.toThrow("the other request fails");
    await writes;
    const stored = await getDb().select().from(emailUnsubscribes).where(eq(emailUnsubscribes.address, address)).all();
    expect(stored).toHaveLength(1);
    expect(await isSubscribed(projectId, owner.id)).toBe(true);
    expect((await getDb().select({ name: users.displayName }).from(users).where(eq(users.id, owner.id)).get())!.name).not.toBe("改名中");
  });
});

describe("the site's own secret", () => {
  it("is never one that a rolled-back transaction made", async () => {
    // A fresh module, so that no secret is remembered from earlier in this file.
    vi.resetModules();
    const db = await import("../../app/lib/db.server");
    const { sign } = await import("../../app/models/signing.server");
    await db.transaction((tx) => tx.delete(appSettings).where(eq(appSettings.key, "app_secret")).run());
    let inside = "";
    await expect(
      db.transaction(async () => {
        // The first signature of all, in a transaction (an email queued with its link) that then fails.
        inside = await sign("test", "value");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const outside = await sign("test", "value");
    const stored = (await db.getDb().select().from(appSettings).where(eq(appSettings.key, "app_secret")).get())!.value;
    expect(outside).toBe(createHmac("sha256", stored).update("test\nvalue").digest("base64url"));
    expect(outside).not.toBe(inside);
  });
});
