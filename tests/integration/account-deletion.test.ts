import fs from "node:fs";
import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { appSettings, auditLog, flags, mailOutbox, photos, threadEvents, threads, users } from "../../db/schema";
import { readSession } from "../../app/lib/auth.server";
import { databaseCause, engine, getDb, rawRows, transaction } from "../../app/lib/db.server";
import { photoStore } from "../../app/lib/uploads.server";
import { REDACTED } from "../../app/models/account-deletion.server";
import { photoFile } from "../../app/models/photos.server";
import { scoreboard } from "../../app/models/stats.server";
import { getThread } from "../../app/models/threads.server";
import { verifyLogin } from "../../app/models/users.server";
import { action as deleteAction, loader as deleteLoader } from "../../app/routes/account.delete";
import { action as loginAction } from "../../app/routes/login";
import { ownerWithEverything } from "../support/account-fixtures";
import { makeUser } from "../support/factories";
import { callAction, callLoader } from "../support/remix";

/**
 * Every table of the schema, on either engine, with the columns that may hold something
 * personal about an owner and what becomes of the deleted owner's rows there. A table the
 * database has and this list does not fails the test: whoever adds one says what it holds.
 */
type Fate = "deleted" | "redacted" | "kept" | "nothing";
const TABLES: Record<string, { personal: string[]; fate: Fate; only?: "sqlite" | "pg" }> = {
  users: { personal: ["email", "display_name", "password_hash", "locale", "ban_reason"], fate: "redacted" },
  org_units: { personal: [], fate: "nothing" },
  // The company's duty lists: staff addresses, kept by admins.
  org_recipients: { personal: ["address"], fate: "nothing" },
  sessions: { personal: ["id", "user_id"], fate: "deleted" },
  projects: { personal: [], fate: "nothing" },
  threads: { personal: ["title", "hidden_reason", "lock_reason", "invalid_reason"], fate: "redacted" },
  posts: { personal: ["body_markdown", "body_html", "hidden_reason"], fate: "redacted" },
  post_revisions: { personal: ["body_markdown"], fate: "redacted" },
  thread_clocks: { personal: [], fate: "kept" },
  thread_events: { personal: ["note", "from_value", "to_value"], fate: "redacted" },
  internal_notes: { personal: ["body"], fate: "redacted" },
  audit_log: { personal: ["before", "after"], fate: "redacted" },
  flags: { personal: [], fate: "kept" },
  me_toos: { personal: [], fate: "kept" },
  mail_outbox: { personal: ["to_address", "subject", "text_body", "unsubscribe_url", "dedupe_key"], fate: "redacted" },
  scheduler_runs: { personal: [], fate: "nothing" },
  email_unsubscribes: { personal: ["address"], fate: "deleted" },
  auth_tokens: { personal: ["token_hash", "user_id"], fate: "deleted" },
  // Only the marker of a deletion while it runs, besides the server's own secrets.
  app_settings: { personal: ["value"], fate: "nothing" },
  disclosure_factors: { personal: [], fate: "nothing" },
  disclosure_versions: { personal: [], fate: "nothing" },
  disclosure_subscriptions: { personal: ["user_id"], fate: "deleted" },
  thread_ratings: { personal: ["comment"], fate: "redacted" },
  callbacks: { personal: ["note"], fate: "redacted" },
  solutions: { personal: [], fate: "kept" },
  promise_records: { personal: ["note"], fate: "redacted" },
  hq_reports: { personal: ["note"], fate: "redacted" },
  briefings_sent: { personal: [], fate: "nothing" },
  photos: { personal: ["caption", "hidden_reason"], fate: "redacted" },
  photo_flags: { personal: [], fate: "kept" },
  owner_projects: { personal: ["building", "unit", "phone", "purchase_date", "pseudonym"], fate: "deleted" },
  owner_verifications: { personal: ["contract_number", "contract_last4", "reason"], fate: "deleted" },
  // Follows thread titles and visible posts (triggers): redacted with them.
  search_index: { personal: ["body"], fate: "redacted" },
  search_index_data: { personal: ["block"], fate: "redacted", only: "sqlite" },
  search_index_idx: { personal: ["term"], fate: "redacted", only: "sqlite" },
  search_index_content: { personal: ["c0"], fate: "redacted", only: "sqlite" },
  search_index_docsize: { personal: [], fate: "redacted", only: "sqlite" },
  search_index_config: { personal: [], fate: "nothing", only: "sqlite" },
  // Keys are hashed (app/lib/rate-limit.server.ts).
  rate_limits: { personal: ["key"], fate: "nothing", only: "pg" },
  // PostgreSQL keeps drizzle's log in a schema of its own.
  __drizzle_migrations: { personal: [], fate: "nothing", only: "sqlite" },
  sqlite_sequence: { personal: [], fate: "nothing", only: "sqlite" },
};

const stored = (hash: string) => fs.existsSync(photoStore().pathOf(hash));
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The database's own list of its tables and their columns, whichever engine runs. */
async function catalog(): Promise<Map<string, string[]>> {
  const tables = new Map<string, string[]>();
  if (engine() === "pg") {
    const rows = await rawRows<{ table_name: string; column_name: string }>(
      sql`select c.table_name, c.column_name from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
          where c.table_schema = 'public' order by c.table_name, c.ordinal_position`,
    );
    for (const r of rows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.column_name]);
  } else {
    const names = await rawRows<{ name: string }>(sql`select name from sqlite_master where type = 'table' order by name`);
    for (const { name } of names)
      tables.set(
        name,
        (await rawRows<{ name: string }>(sql`select name from pragma_table_info(${name})`)).map((c) => c.name),
      );
  }
  return tables;
}

/** Every text value anywhere in the database that holds one of `needles` (any case): where it is. */
async function findAnywhere(needles: string[]): Promise<string[]> {
  const found: string[] = [];
  const lower = needles.map((s) => s.toLowerCase());
  for (const table of (await catalog()).keys()) {
    for (const row of await rawRows<Record<string, unknown>>(sql.raw(`select * from ${quote(table)}`))) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value !== "string") continue;
        const text = value.toLowerCase();
        lower.forEach((needle, i) => {
          if (text.includes(needle)) found.push(`${table}.${column} holds ${needles[i]}: ${value.slice(0, 120)}`);
        });
      }
    }
  }
  return found;
}

const DAY = 86_400_000;

describe("deleting one's account", () => {
  let world: Awaited<ReturnType<typeof ownerWithEverything>>;
  let password: string;
  beforeAll(async () => {
    world = await ownerWithEverything();
    password = world.owner.password;
  });

  it("asks for the password and the typed word, with the errors next to the fields", async () => {
    const as = { user: world.owner };
    let res = await callAction(deleteAction, "/account/delete", { password: "", confirm: "注销" }, as);
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ password: "errors.required" });

    res = await callAction(deleteAction, "/account/delete", { password, confirm: "好的" }, as);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual({ confirm: "myData.deleteConfirmMismatch" });
    // What was typed comes back, never the password.
    expect(body.values).toEqual({ confirm: "好的" });

    res = await callAction(deleteAction, "/account/delete", { password: "not the password", confirm: "DELETE" }, as);
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ password: "account.wrongPassword" });

    // Nothing happened.
    expect(await verifyLogin(world.strings.email, password)).toBe(world.owner.id);
    expect((await getDb().select().from(users).where(eq(users.id, world.owner.id)).get())!.deletedAt).toBeNull();
    expect(await (await callLoader(deleteLoader, "/account/delete", as)).json()).toEqual({ state: "form" });
  });

  it("is for owners: staff and admins are sent to an admin", async () => {
    for (const role of ["staff", "admin"] as const) {
      const u = await makeUser(role);
      expect(await (await callLoader(deleteLoader, "/account/delete", { user: u })).json()).toEqual({ state: "notOwner" });
      const res = await callAction(deleteAction, "/account/delete", { password: u.password, confirm: "注销" }, { user: u });
      expect(res.status).toBe(403);
      expect(await verifyLogin(u.email, u.password)).toBe(u.id);
    }
    expect((await callLoader(deleteLoader, "/account/delete")).status).toBe(302);
  });

  it("erases the person, keeps the record, and leaves the figures and clocks as they were", async () => {
    const now = Date.now();
    const range = { from: 0, to: now + DAY };
    const boardBefore = await scoreboard(range, now);
    const projectBoardBefore = await scoreboard(range, now, world.project.id);
    const clocks = async () => {
      const t = (await getThread(world.threadId, null))!;
      return {
        ack: t.ack,
        answer: t.answer,
        promise: t.promise,
        status: t.status,
        events: t.events.map((e) => [e.kind, e.createdAt]),
        posts: t.replies.length,
      };
    };
    const clocksBefore = await clocks();
    const marks = async () => ({
      flags: (await getDb().select({ n: count() }).from(flags).where(eq(flags.postId, world.otherPostId)).get())!.n,
      meToo: (await getDb().select({ n: threads.meTooCount }).from(threads).where(eq(threads.id, world.otherThreadId)).get())!.n,
    });
    const marksBefore = await marks();
    const { strings } = world;
    const everyString = Object.values(strings);
    // The fixture put them everywhere: in posts, revisions, notes, mail, the audit log.
    expect((await findAnywhere(everyString)).length).toBeGreaterThan(10);

    const res = await callAction(deleteAction, "/account/delete", { password, confirm: "注销" }, { user: world.owner });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account/delete?done=1");
    // The browser's cookie is cleared.
    expect(res.headers.get("Set-Cookie")).toMatch(/^tousu_session=;.*Max-Age=0/);
    expect(await (await callLoader(deleteLoader, "/account/delete?done=1")).json()).toEqual({ state: "done" });

    // Not one of their strings is left in any text of any row of any table.
    expect(await findAnywhere(everyString)).toEqual([]);

    // Table by table, against the list of every table there is.
    const tables = await catalog();
    const expected = Object.entries(TABLES)
      .filter(([, t]) => !t.only || t.only === engine())
      .map(([name]) => name)
      .sort();
    expect([...tables.keys()].sort()).toEqual(expected);
    for (const [name, { personal }] of Object.entries(TABLES)) {
      const columns = tables.get(name);
      if (!columns) continue;
      for (const c of personal) expect(columns, `${name}.${c}`).toContain(c);
    }
    const theirs = async (table: string, column: string, value: string) =>
      Number(
        (await rawRows<{ n: number }>(sql.raw(`select count(*) as n from ${quote(table)} where ${quote(column)} = '${value.replace(/'/g, "''")}'`)))[0]!.n,
      );
    for (const [table, column] of [
      ["sessions", "user_id"],
      ["auth_tokens", "user_id"],
      ["disclosure_subscriptions", "user_id"],
      ["owner_projects", "user_id"],
      ["owner_verifications", "user_id"],
    ] as const) {
      expect(TABLES[table]!.fate).toBe("deleted");
      expect(await theirs(table, column, world.owner.id), table).toBe(0);
    }
    expect(await theirs("email_unsubscribes", "address", strings.email)).toBe(0);
    expect(await theirs("mail_outbox", "to_address", strings.email)).toBe(0);
    expect(await getDb().select().from(appSettings).where(eq(appSettings.key, "account_erasure")).get()).toBeUndefined();

    // The account row stays, for the posts' authorship, with nothing of the person in it.
    const row = (await getDb().select().from(users).where(eq(users.id, world.owner.id)).get())!;
    expect(row).toMatchObject({
      email: `deleted-${world.owner.id}@deleted.invalid`,
      displayName: "",
      locale: null,
      bannedAt: null,
      banReason: null,
      role: "owner",
    });
    expect(row.deletedAt).toBeGreaterThanOrEqual(now);
    // Sent mail keeps its kind and dates, not its words.
    const sent = await getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, row.email)).all();
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((m) => m.textBody === "" && m.unsubscribeUrl == null)).toBe(true);

    // The thread still reads, with its author marked deleted and the words that named them blanked.
    const thread = (await getThread(world.threadId, null))!;
    expect(thread.authorId).toBe(world.owner.id);
    expect(thread.opening!.authorId).toBe(world.owner.id);
    expect(thread.title).toContain(REDACTED);
    expect(thread.opening!.bodyHtml).toContain("卫生间顶板渗水两周了");
    expect(thread.opening!.bodyHtml).toContain(REDACTED);
    expect(thread.opening!.photos.map((p) => [p.id, p.caption])).toEqual([[world.photoId, `${REDACTED} 顶板`]]);
    expect(await clocks()).toEqual(clocksBefore);
    expect(await marks()).toEqual(marksBefore);
    expect(await scoreboard(range, now)).toEqual(boardBefore);
    expect(await scoreboard(range, now, world.project.id)).toEqual(projectBoardBefore);
    // The rating's scores stay; its words were the owner's own.
    expect(thread.replies.length).toBe(clocksBefore.posts);

    // Logged out everywhere, and the old address and password lead nowhere.
    for (const cookie of world.cookies) expect((await readSession(cookie)).user).toBeNull();
    expect(await verifyLogin(strings.email, password)).toBeNull();
    const login = await callAction(loginAction, "/login", { email: strings.email, password });
    expect(login.status).toBe(400);
    expect((await login.json()).formError).toBe("errors.loginFailed");

    // The deletion is in the audit log, by the person, with counts only.
    const entry = (await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "delete_account"), eq(auditLog.actorId, world.owner.id)))
      .get())!;
    expect(entry.targetUserId).toBe(world.owner.id);
    expect(JSON.parse(entry.after!)).toMatchObject({ ownerRecords: 1, verifications: 2, photosRemoved: 0 });
    // The entry about their contact kept its shape, only the values that named them went.
    const reveal = (await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "reveal_contact"), eq(auditLog.targetUserId, world.owner.id)))
      .get())!;
    expect(JSON.parse(reveal.after!)).toEqual({ projectId: world.project.id, phone: REDACTED, unit: REDACTED, building: REDACTED, purchaseDate: REDACTED });
    // So did the call-back on the public timeline.
    const callback = (await getDb()
      .select({ note: threadEvents.note })
      .from(threadEvents)
      .where(and(eq(threadEvents.threadId, world.threadId), eq(threadEvents.kind, "callback")))
      .get())!;
    expect(callback.note).toBe(`拨打 ${REDACTED} 无人接听`);

    // A second attempt finds no account to delete.
    expect((await callAction(deleteAction, "/account/delete", { password, confirm: "注销" }, { user: world.owner })).status).toBe(404);
  });

  it("removes their photos too when asked, and their files", async () => {
    const w = await ownerWithEverything();
    const photo = (await getDb().select().from(photos).where(eq(photos.id, w.photoId)).get())!;
    expect(stored(photo.displayHash)).toBe(true);
    const res = await callAction(deleteAction, "/account/delete", { password: w.owner.password, confirm: "delete", removePhotos: "1" }, { user: w.owner });
    expect(res.status).toBe(302);
    const after = (await getDb().select().from(photos).where(eq(photos.id, w.photoId)).get())!;
    expect(after.removedAt).not.toBeNull();
    expect(after.caption).toBeNull();
    expect(await photoFile(w.photoId, "display", "public", null)).toBeNull();
    expect(await photoFile(w.photoId, "display", "private", w.staff)).toBeNull();
    for (const hash of [photo.displayHash, photo.thumbHash]) expect(stored(hash)).toBe(false);
    expect((await getThread(w.threadId, null))!.opening!.photos).toEqual([]);
    const entry = (await getDb()
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, "delete_account"), eq(auditLog.actorId, w.owner.id)))
      .get())!;
    expect(JSON.parse(entry.after!)).toMatchObject({ photosRemoved: 1 });
    expect(await findAnywhere(Object.values(w.strings))).toEqual([]);
  });
});

describe("the append-only records", () => {
  class Rollback extends Error {}
  // SQLite's driver throws at once rather than rejecting: a promise either way.
  const attempt = (write: () => unknown) => Promise.resolve().then(write);
  // The database's own refusal, under drizzle's wrapping on PostgreSQL.
  const refused = async (write: Promise<unknown>) => {
    const error = await write.then(
      () => null,
      (e: unknown) => e,
    );
    expect(databaseCause(error)?.message ?? String(error)).toMatch(/append-only/);
  };
  const rolledBack = async (work: () => Promise<void>) => {
    await expect(
      transaction(async () => {
        await work();
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  };

  it("still refuse every change outside an account's deletion", async () => {
    const [entry] = await getDb().select().from(auditLog).limit(1).all();
    await refused(transaction((tx) => attempt(() => tx.update(auditLog).set({ after: "{}" }).where(eq(auditLog.id, entry!.id)).run())));
    await refused(transaction((tx) => attempt(() => tx.update(threadEvents).set({ note: "x" }).run())));
  });

  it("let the deletion's transaction change their free text, and nothing else", async () => {
    const [entry] = await getDb().select().from(auditLog).limit(1).all();
    await rolledBack(async () => {
      const tx = getDb();
      await tx.insert(appSettings).values({ key: "account_erasure", value: "test" }).run();
      expect((await tx.update(auditLog).set({ after: "{}" }).where(eq(auditLog.id, entry!.id)).run()).changes).toBe(1);
    });
    expect((await getDb().select().from(auditLog).where(eq(auditLog.id, entry!.id)).get())!.after).toBe(entry!.after);
    await rolledBack(async () => {
      const tx = getDb();
      await tx.insert(appSettings).values({ key: "account_erasure", value: "test" }).run();
      await refused(attempt(() => tx.update(auditLog).set({ action: "something_else" }).where(eq(auditLog.id, entry!.id)).run()));
    });
    await rolledBack(async () => {
      const tx = getDb();
      await tx.insert(appSettings).values({ key: "account_erasure", value: "test" }).run();
      await refused(attempt(() => tx.delete(auditLog).where(eq(auditLog.id, entry!.id)).run()));
    });
  });
});

describe("a deletion never rewrites what others wrote into chosen words", () => {
  it("blanks a plain-word unit and pseudonym in the owner's own posts only, never in the company's answer", async () => {
    const { makeProject, makeThread } = await import("../support/factories");
    const { ownerProjects, posts } = await import("../../db/schema");
    const { postOfficial } = await import("../../app/models/responses.server");
    const { createReply } = await import("../../app/models/threads.server");
    const owner = await makeUser("owner");
    const staff = await makeUser("staff");
    const other = await makeUser("owner");
    const project = await makeProject();
    const now = Date.now();
    // Words an owner about to delete their account might choose to wipe from the record.
    await getDb()
      .insert(ownerProjects)
      .values({ userId: owner.id, projectId: project.id, unit: "维修", building: "今天", pseudonym: "承诺", createdAt: now, updatedAt: now })
      .run();
    const threadId = await makeThread({ authorId: owner.id, projectId: project.id, body: "承诺的维修没有做", now });
    await postOfficial({ threadId, staffId: staff.id, kind: "solution", body: "已安排维修,承诺今天完成。" }, now + 1000);
    await createReply({ threadId, authorId: other.id, body: "我家的维修也是承诺了没做" }, now + 2000);
    const res = await callAction(deleteAction, "/account/delete", { password: owner.password, confirm: "注销" }, { user: owner });
    expect(res.status).toBe(302);
    const bodies = await getDb()
      .select({ kind: posts.kind, authorId: posts.authorId, body: posts.bodyMarkdown })
      .from(posts)
      .where(eq(posts.threadId, threadId))
      .all();
    expect(bodies.find((b) => b.kind === "official")!.body).toBe("已安排维修,承诺今天完成。");
    expect(bodies.find((b) => b.authorId === other.id)!.body).toBe("我家的维修也是承诺了没做");
    expect(bodies.find((b) => b.kind === "opening")!.body).toBe(`${REDACTED}的${REDACTED}没有做`);
  });

  it("keeps a contract number that is a phrase of the company's answer in the answer, and a name in others' mail", async () => {
    const { makeProject, makeThread } = await import("../support/factories");
    const { ownerVerifications, posts } = await import("../../db/schema");
    const { postOfficial } = await import("../../app/models/responses.server");
    const owner = await makeUser("owner", { displayName: "工程部回访" });
    const staff = await makeUser("staff");
    const project = await makeProject();
    const now = Date.now();
    const threadId = await makeThread({ authorId: owner.id, projectId: project.id, body: "窗户漏水", now });
    const answer = "已安排维修,本周五前完成并回访。";
    await postOfficial({ threadId, staffId: staff.id, kind: "solution", body: answer }, now + 1000);
    // "Contract numbers" typed to wipe the promise, and a name that is also a department's.
    await getDb()
      .insert(ownerVerifications)
      .values({ userId: owner.id, projectId: project.id, contractNumber: "本周五前完成", contractLast4: "前完成", status: "pending", requestedAt: now })
      .run();
    const queue = (to: string, text: string) =>
      getDb().insert(mailOutbox).values({ toAddress: to, category: "thread_updates", subject: "投诉有新动态", textBody: text, createdAt: now }).run();
    await queue("someone@example.com", "工程部回访安排在明天。 https://tousu.example/threads/999999999");
    await queue("staff-desk@example.com", `新投诉,来自 工程部回访: https://tousu.example/threads/${threadId}`);
    // A briefing lists others' complaints beside theirs: words in it are others' too.
    const othersThread = await makeThread({ authorId: staff.id, projectId: project.id, body: "别人的投诉", now });
    const briefing = `今日晨报\n#${threadId} https://tousu.example/threads/${threadId}\n#${othersThread} 工程部回访未到 https://tousu.example/threads/${othersThread}`;
    await queue("briefing-list@example.com", briefing);
    const res = await callAction(deleteAction, "/account/delete", { password: owner.password, confirm: "注销" }, { user: owner });
    expect(res.status).toBe(302);
    const official = (await getDb()
      .select({ body: posts.bodyMarkdown })
      .from(posts)
      .where(and(eq(posts.threadId, threadId), eq(posts.kind, "official")))
      .get())!;
    expect(official.body).toBe(answer);
    const mail = async (to: string) => (await getDb().select({ text: mailOutbox.textBody }).from(mailOutbox).where(eq(mailOutbox.toAddress, to)).get())!.text;
    expect(await mail("someone@example.com")).toBe("工程部回访安排在明天。 https://tousu.example/threads/999999999");
    expect(await mail("staff-desk@example.com")).toBe(`新投诉,来自 ${REDACTED}: https://tousu.example/threads/${threadId}`);
    expect(await mail("briefing-list@example.com")).toBe(briefing);
  });

  it("takes nothing more under the deleted account, even from a request already on its way", async () => {
    const { makeProject, makeThread } = await import("../support/factories");
    const { createReply } = await import("../../app/models/threads.server");
    const { AccountDeletedError } = await import("../../app/models/posts.server");
    const owner = await makeUser("owner");
    const project = await makeProject();
    const threadId = await makeThread({ authorId: owner.id, projectId: project.id });
    expect((await callAction(deleteAction, "/account/delete", { password: owner.password, confirm: "注销" }, { user: owner })).status).toBe(302);
    await expect(createReply({ threadId, authorId: owner.id, body: "注销之后的回复,电话 13900000000" }, Date.now())).rejects.toBeInstanceOf(
      AccountDeletedError,
    );
  });
});
