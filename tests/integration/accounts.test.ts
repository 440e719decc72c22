import { describe, expect, it } from "vitest";
import { readSession, startSession } from "../../app/lib/auth.server";
import { engine, getDb, transaction } from "../../app/lib/db.server";
import { sessions, users } from "../../db/schema";
import { eq } from "drizzle-orm";
import { action as registerAction } from "../../app/routes/register";
import { action as loginAction } from "../../app/routes/login";
import { action as logoutAction } from "../../app/routes/logout";
import { action as adminUsersAction, loader as adminUsersLoader } from "../../app/routes/admin.users";
import { callAction, callLoader } from "../support/remix";
import { getThread } from "../../app/models/threads.server";
import { action as newThreadAction, loader as newThreadLoader } from "../../app/routes/threads.new";
import { action as threadAction } from "../../app/routes/threads.$id";
import { mailOutbox } from "../../db/schema";
import { makeProject, makeThread, makeUser } from "../support/factories";

const cookieOf = (res: Response) => res.headers.get("Set-Cookie") ?? "";

describe("registration", () => {
  it("creates an unverified owner with an argon2id hash and asks them to check their email", async () => {
    const res = await callAction(registerAction, "/register", {
      email: "New.Owner@Example.com",
      displayName: "新业主",
      password: "a-long-password",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sentTo: "new.owner@example.com" });
    // No session until the address is proved: the link in the email logs in (this browser only).
    expect(res.headers.get("Set-Cookie")).toMatch(/^tousu_registered=[^;]+; Path=\/verify-email;/);
    const row = await getDb().select().from(users).where(eq(users.email, "new.owner@example.com")).get();
    expect(row?.role).toBe("owner");
    expect(row?.emailVerifiedAt).toBeNull();
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("does not reveal that an address is registered: the same answer, and an email to its owner instead", async () => {
    const existing = await makeUser("owner", { email: "taken@example.com", displayName: "原业主" });
    const count = async () => (await getDb().select().from(users).all()).length;
    const before = await count();
    const res = await callAction(registerAction, "/register", { email: "TAKEN@example.com", displayName: "重复", password: "a-long-password" });
    const fresh = await callAction(registerAction, "/register", { email: "not-taken@example.com", displayName: "重复", password: "a-long-password" });
    expect(res.status).toBe(fresh.status);
    expect(Object.keys(await res.json())).toEqual(Object.keys(await fresh.json()));
    // The same cookie, bar its value, either way; and no session.
    const shape = (r: Response) => r.headers.get("Set-Cookie")!.replace(/=[^;]+/, "=…");
    expect(shape(res)).toBe(shape(fresh));
    expect(shape(res)).toMatch(/^tousu_registered=…; Path=\/verify-email;/);
    expect(await count()).toBe(before + 1);
    const mails = await getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, "taken@example.com")).all();
    expect(mails.map((m) => m.subject)).toEqual(["有人尝试用你的邮箱注册"]);
    expect(mails[0]!.textBody).toContain("/forgot-password");
    expect(mails[0]!.textBody).not.toContain("token=");
    // The account itself is untouched: same name, same password.
    const row = (await getDb().select().from(users).where(eq(users.id, existing.id)).get())!;
    expect(row.displayName).toBe("原业主");
    const login = await callAction(loginAction, "/login", { email: "taken@example.com", password: existing.password });
    expect(login.status).toBe(302);
  });

  it("an unverified owner can read and log in but not post, reply or flag until the address is verified", async () => {
    const u = await makeUser("owner", { verified: false });
    const author = await makeUser("owner");
    const project = await makeProject();
    const id = await makeThread({ authorId: author.id, projectId: project.id });
    const form = await callLoader(newThreadLoader, "/threads/new", { user: u });
    expect((await form.json()).verified).toBe(false);
    const posted = await callAction(
      newThreadAction,
      "/threads/new",
      { projectId: String(project.id), complaintType: "quality", title: "未验证也想发帖", body: "内容内容内容内容内容内容" },
      { user: u },
    );
    expect(posted.status).toBe(403);
    const attempts: Record<string, string>[] = [
      { intent: "reply", body: "我也来说两句" },
      { intent: "metoo" },
      { intent: "flag", postId: "1", reason: "spam" },
    ];
    for (const f of attempts) {
      const res = await callAction(threadAction, `/threads/${id}`, f, { user: u, params: { id: String(id) } });
      expect(res.status, f.intent).toBe(403);
    }
    expect((await getThread(id, null))!.replies).toHaveLength(0);
  });

  it("refuses a password shorter than 8 characters", async () => {
    const res = await callAction(registerAction, "/register", { email: "short@example.com", displayName: "短", password: "1234567" });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.password).toBe("errors.passwordTooShort");
    expect(await getDb().select().from(users).where(eq(users.email, "short@example.com")).get()).toBeUndefined();
  });

  it("limits registrations per address", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) {
      last = await callAction(registerAction, "/register", { email: "bad", displayName: "", password: "" }, { clientIp: "203.0.113.9" });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});

describe("login", () => {
  it("logs in with the right password, case-insensitive email", async () => {
    const u = await makeUser("owner", { email: "login@example.com" });
    const res = await callAction(loginAction, "/login", { email: "LOGIN@example.com", password: u.password, redirectTo: "/x" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/x");
    expect((await readSession(cookieOf(res).split(";")[0])).user?.id).toBe(u.id);
  });

  it("fails with one message for a wrong password and for an unknown email", async () => {
    const u = await makeUser("owner");
    for (const form of [
      { email: u.email, password: "wrong password" },
      { email: "nobody@example.com", password: "whatever1" },
    ]) {
      const res = await callAction(loginAction, "/login", form);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.formError).toBe("errors.loginFailed");
      expect(body.values.email).toBe(form.email);
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
  });

  it("never redirects off-site after login", async () => {
    const u = await makeUser("owner");
    for (const redirectTo of ["//evil.example/", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/%2F/evil.example"]) {
      const res = await callAction(loginAction, "/login", { email: u.email, password: u.password, redirectTo });
      expect(res.headers.get("Location")).toBe("/");
    }
  });

  it("locks an account after repeated failures", async () => {
    const u = await makeUser("owner");
    let res: Response | undefined;
    for (let i = 0; i < 11; i++) res = await callAction(loginAction, "/login", { email: u.email, password: "nope-nope" }, { clientIp: `198.51.100.${i}` });
    expect(res!.status).toBe(429);
    // Even the right password waits until the window has passed.
    const right = await callAction(loginAction, "/login", { email: u.email, password: u.password }, { clientIp: "198.51.100.77" });
    expect(right.status).toBe(429);
  });

  it("logout ends the session", async () => {
    const u = await makeUser("owner");
    const login = await callAction(loginAction, "/login", { email: u.email, password: u.password });
    const cookie = cookieOf(login).split(";")[0]!;
    const { session } = await readSession(cookie);
    expect(session).not.toBeNull();
    const request = new Request("http://localhost/logout", { method: "POST" });
    const res = await logoutAction({ request, params: {}, context: { user: null, session, nonce: "", clientIp: "127.0.0.1" } });
    expect(res.status).toBe(302);
    expect((await readSession(cookie)).user).toBeNull();
  });
});

describe("admin: staff roles", () => {
  it("lets an admin make a user staff and take it back", async () => {
    const admin = await makeUser("admin");
    const owner = await makeUser("owner");
    let res = await callAction(adminUsersAction, "/admin/users", { intent: "role", userId: owner.id, makeStaff: "1" }, { user: admin });
    expect(res.status).toBe(200);
    expect((await getDb().select().from(users).where(eq(users.id, owner.id)).get())?.role).toBe("staff");
    res = await callAction(adminUsersAction, "/admin/users", { intent: "role", userId: owner.id, makeStaff: "0" }, { user: admin });
    expect(res.status).toBe(200);
    expect((await getDb().select().from(users).where(eq(users.id, owner.id)).get())?.role).toBe("owner");
  });

  it("refuses everyone else", async () => {
    const staff = await makeUser("staff");
    const owner = await makeUser("owner");
    const anon = await callAction(adminUsersAction, "/admin/users", { intent: "role", userId: owner.id, makeStaff: "1" });
    expect(anon.status).toBe(302);
    for (const who of [owner, staff]) {
      const res = await callAction(adminUsersAction, "/admin/users", { intent: "role", userId: owner.id, makeStaff: "1" }, { user: who });
      expect(res.status).toBe(403);
      expect((await callLoader(adminUsersLoader, "/admin/users", { user: who })).status).toBe(403);
    }
    expect((await getDb().select().from(users).where(eq(users.id, owner.id)).get())?.role).toBe("owner");
  });

  it("does not change an admin's role", async () => {
    const admin = await makeUser("admin");
    const other = await makeUser("admin");
    const res = await callAction(adminUsersAction, "/admin/users", { intent: "role", userId: other.id, makeStaff: "0" }, { user: admin });
    expect(res.status).toBe(409);
    expect((await getDb().select().from(users).where(eq(users.id, other.id)).get())?.role).toBe("admin");
  });
});

describe("reading a session", () => {
  const DAY = 86_400_000;
  async function sessionFor(role: "owner" | "staff" = "owner") {
    const u = await makeUser(role);
    const cookie = (await startSession(u.id)).split(";")[0]!;
    return { u, cookie, id: cookie.split("=")[1]! };
  }
  // sessions.expires_at is in seconds on SQLite (lucia's adapter) and a timestamp on PostgreSQL.
  async function setExpiry(id: string, at: number) {
    const value = engine() === "pg" ? new Date(at) : Math.floor(at / 1000);
    await getDb()
      .update(sessions)
      .set({ expiresAt: value } as never)
      .where(eq(sessions.id, id));
  }
  async function expiry(id: string) {
    const row = (await getDb().select().from(sessions).where(eq(sessions.id, id)))[0] as { expiresAt: number | Date } | undefined;
    if (!row) return undefined;
    return row.expiresAt instanceof Date ? row.expiresAt.getTime() : row.expiresAt * 1000;
  }

  it("takes a session in the first half of its life as it stands, without writing", async () => {
    const { u, cookie, id } = await sessionFor();
    const at = Date.now() + 20 * DAY;
    await setExpiry(id, at);
    const read = await readSession(cookie);
    expect(read.user).toMatchObject({ id: u.id, role: "owner", banned: false });
    expect(read.session).toMatchObject({ id, userId: u.id, fresh: false });
    expect(read.setCookie).toBeNull();
    expect(await expiry(id)).toBe(engine() === "pg" ? at : Math.floor(at / 1000) * 1000);
  });

  it("does not wait behind another transaction of the process", async () => {
    const { u, cookie } = await sessionFor();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let open = true;
    const other = transaction(async () => {
      await gate;
      open = false;
    });
    const read = await readSession(cookie);
    // Read while the other transaction was still open.
    expect(open).toBe(true);
    expect(read.user?.id).toBe(u.id);
    release();
    await other;
  });

  it("extends a session in the second half of its life and sends a fresh cookie", async () => {
    const { cookie, id } = await sessionFor();
    await setExpiry(id, Date.now() + 10 * DAY);
    const read = await readSession(cookie);
    expect(read.session?.fresh).toBe(true);
    expect(read.setCookie).toContain(id);
    expect(await expiry(id)).toBeGreaterThan(Date.now() + 29 * DAY);
  });

  it("deletes an expired session and clears the cookie; an unknown one is cleared too", async () => {
    const { cookie, id } = await sessionFor();
    await setExpiry(id, Date.now() - 1000);
    const read = await readSession(cookie);
    expect(read).toMatchObject({ user: null, session: null });
    expect(read.setCookie).toMatch(/Max-Age=0/i);
    expect(await expiry(id)).toBeUndefined();
    const unknown = await readSession("tousu_session=nosuchsession");
    expect(unknown).toMatchObject({ user: null, session: null });
    expect(unknown.setCookie).toMatch(/Max-Age=0/i);
  });

  it("reads the user as they are now: a ban shows on the next request", async () => {
    const { u, cookie } = await sessionFor();
    expect((await readSession(cookie)).user?.banned).toBe(false);
    await getDb().update(users).set({ bannedAt: Date.now() }).where(eq(users.id, u.id));
    expect((await readSession(cookie)).user?.banned).toBe(true);
  });
});
