import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { readSession } from "../../app/lib/auth.server";
import { getDb } from "../../app/lib/db.server";
import { enqueueMail, readUnsubscribeLink } from "../../app/models/mail-outbox.server";
import { isResetTokenValid, RESET_TTL_MS, RESETS_PER_ADDRESS, requestPasswordReset, resetPassword, verifyEmail } from "../../app/models/account-tokens.server";
import { verifyLogin } from "../../app/models/users.server";
import { action as registerAction } from "../../app/routes/register";
import { action as passwordAction, loader as passwordLoader } from "../../app/routes/account.password";
import { action as verifyAction, loader as verifyLoader } from "../../app/routes/verify-email";
import { action as loginAction } from "../../app/routes/login";
import { action as forgotAction } from "../../app/routes/forgot-password";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../app/routes/unsubscribe";
import { emailUnsubscribes, mailOutbox, users } from "../../db/schema";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callAction, callLoader } from "../support/remix";

const mailsTo = (a: string) => getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, a)).orderBy(mailOutbox.id).all();
const linkIn = (text: string, path: string) => text.match(new RegExp(`https?://[^\\s]+${path}\\?token=([\\w-]+)`))?.[1];

describe("address verification", () => {
  it("registration sends a verification link, in the registrant's language, that works once", async () => {
    const request = { email: "verify-me@example.com", displayName: "Verify", password: "a-long-password" };
    const registered = await callAction(registerAction, "/register", request);
    const [mail] = await mailsTo("verify-me@example.com");
    expect(mail?.category).toBe("account");
    expect(mail?.unsubscribeUrl).toBeNull();
    const token = linkIn(mail!.textBody, "/verify-email")!;
    const row = async () => (await getDb().select().from(users).where(eq(users.email, "verify-me@example.com")).get())!;
    expect((await row()).emailVerifiedAt).toBeNull();
    // The link logs in the browser that registered and opens it, once.
    const thisBrowser = registered.headers.get("Set-Cookie")!;
    expect(thisBrowser).toMatch(/^tousu_registered=[\w-]+; Path=\/verify-email; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    const opened = await callLoader(verifyLoader, `/verify-email?token=${token}`, { headers: { Cookie: thisBrowser.split(";")[0]! } });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe("/verify-email?verified=1");
    expect((await readSession(opened.headers.get("Set-Cookie")!.split(";")[0])).user?.id).toBe((await row()).id);
    expect(opened.headers.get("Set-Cookie")).toMatch(/tousu_registered=; Path=\/verify-email; Max-Age=0/);
    expect((await row()).emailVerifiedAt).not.toBeNull();
    const again = await callLoader(verifyLoader, `/verify-email?token=${token}`);
    expect(again.status).toBe(400);
    expect(again.headers.get("Set-Cookie")).toBeNull();
    expect(await verifyEmail("made-up", Date.now())).toBeNull();
  });

  it("opened in any other browser, verifies the address and logs nobody in", async () => {
    // Whoever registered an address can send its link to someone else; opening it must not sign
    // them in to the registrant's account.
    const register = (email: string) => callAction(registerAction, "/register", { email, displayName: "Pushed", password: "a-long-password" });
    const otherBrowser = (await register("someone-else@example.com")).headers.get("Set-Cookie")!.split(";")[0]!;
    for (const [email, cookie] of [
      ["pushed-link@example.com", undefined],
      ["pushed-link-2@example.com", otherBrowser],
    ] as const) {
      await register(email);
      // Registering again, an address that now has an account, answers the same way, cookie included.
      expect((await register(email)).headers.get("Set-Cookie")).toMatch(/^tousu_registered=/);
      const token = linkIn((await mailsTo(email))[0]!.textBody, "/verify-email")!;
      const res = await callLoader(verifyLoader, `/verify-email?token=${token}`, { headers: cookie ? { Cookie: cookie } : {} });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, loggedIn: false });
      expect(res.headers.get("Set-Cookie")).toBeNull();
      expect((await getDb().select().from(users).where(eq(users.email, email)).get())!.emailVerifiedAt).not.toBeNull();
    }
  });

  it("a user who has not verified can ask for a new link, a limited number of times", async () => {
    const u = await makeUser("owner", { verified: false });
    const before = (await mailsTo(u.email)).length;
    const res = await callAction(verifyAction, "/verify-email", { intent: "resend" }, { user: u });
    expect(await res.json()).toEqual({ sent: true });
    const token = linkIn((await mailsTo(u.email)).at(-1)!.textBody, "/verify-email")!;
    expect(await mailsTo(u.email)).toHaveLength(before + 1);
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) last = await callAction(verifyAction, "/verify-email", { intent: "resend" }, { user: u });
    expect(last!.status).toBe(429);
    expect(await verifyEmail(token, Date.now())).toBe(u.id);
    expect((await callAction(verifyAction, "/verify-email", { intent: "resend" })).status).toBe(302);
  });
});

describe("password reset", () => {
  it("answers the same for unknown addresses and sends nothing to them", async () => {
    const res = await callAction(forgotAction, "/forgot-password", { email: "nobody-here@example.com" });
    expect(await res.json()).toEqual({ sent: true });
    expect(await mailsTo("nobody-here@example.com")).toHaveLength(0);
  });

  it("a single-use link valid for one hour sets a new password and ends old sessions and other links", async () => {
    const u = await makeUser("owner");
    const login = await callAction(loginAction, "/login", { email: u.email, password: u.password });
    const cookie = login.headers.get("Set-Cookie")!.split(";")[0]!;
    const t0 = Date.now();
    await requestPasswordReset(u.email, t0);
    const earlier = linkIn((await mailsTo(u.email)).at(-1)!.textBody, "/reset-password")!;
    await requestPasswordReset(u.email, t0);
    const token = linkIn((await mailsTo(u.email)).at(-1)!.textBody, "/reset-password")!;
    expect(earlier).not.toBe(token);
    expect(await resetPassword(token, "new-password-123", t0 + RESET_TTL_MS + 1)).toBe(false);
    expect(await resetPassword(token, "new-password-123", t0 + RESET_TTL_MS - 1)).toBe(true);
    expect(await resetPassword(token, "another-one-456", t0 + 10)).toBe(false);
    // The other link sent before is no use any more.
    expect(await resetPassword(earlier, "another-one-456", t0 + 10)).toBe(false);
    expect(await verifyLogin(u.email, "new-password-123")).toBe(u.id);
    expect(await verifyLogin(u.email, u.password)).toBeNull();
    expect((await readSession(cookie)).user).toBeNull();
  });

  it("sends one address a few links an hour at most, from wherever the requests come", async () => {
    const u = await makeUser("owner");
    const t0 = Date.now();
    for (let i = 0; i < RESETS_PER_ADDRESS + 3; i++) await requestPasswordReset(u.email, t0 + i * 60_000);
    const sent = await mailsTo(u.email);
    expect(sent).toHaveLength(RESETS_PER_ADDRESS);
    // The links it did send still work; an hour after the first, a new one may go.
    expect(await isResetTokenValid(linkIn(sent[0]!.textBody, "/reset-password")!, t0 + 10 * 60_000)).toBe(true);
    await requestPasswordReset(u.email, t0 + RESET_TTL_MS + 1);
    expect(await mailsTo(u.email)).toHaveLength(RESETS_PER_ADDRESS + 1);
  });
});

describe("password change", () => {
  it("needs the current password, ends every other session and reset link, and keeps this browser logged in", async () => {
    const u = await makeUser("owner");
    const elsewhere = (await callAction(loginAction, "/login", { email: u.email, password: u.password })).headers.get("Set-Cookie")!.split(";")[0]!;
    await requestPasswordReset(u.email, Date.now());
    const token = linkIn((await mailsTo(u.email)).at(-1)!.textBody, "/reset-password")!;
    const wrong = await callAction(passwordAction, "/account/password", { currentPassword: "not-it-at-all", password: "brand-new-password" }, { user: u });
    expect(wrong.status).toBe(400);
    const body = await wrong.json();
    expect(body.errors.currentPassword).toBe("account.wrongPassword");
    expect(JSON.stringify(body)).not.toContain("brand-new-password");
    const short = await callAction(passwordAction, "/account/password", { currentPassword: u.password, password: "short" }, { user: u });
    expect((await short.json()).errors.password).toBe("errors.passwordTooShort");
    const done = await callAction(passwordAction, "/account/password", { currentPassword: u.password, password: "brand-new-password" }, { user: u });
    expect(await done.json()).toEqual({ done: true });
    expect((await readSession(done.headers.get("Set-Cookie")!.split(";")[0])).user?.id).toBe(u.id);
    expect((await readSession(elsewhere)).user).toBeNull();
    expect(await resetPassword(token, "yet-another-password", Date.now())).toBe(false);
    expect(await verifyLogin(u.email, "brand-new-password")).toBe(u.id);
    expect((await callLoader(passwordLoader, "/account/password")).status).toBe(302);
  });
});

describe("unsubscribe", () => {
  it("every notification carries a signed link that works without logging in", async () => {
    const u = await makeUser("owner");
    const { enqueueMail, deliverPendingMail } = await import("../../app/models/mail-outbox.server");
    await enqueueMail(getDb(), { to: u.email, category: "thread_updates", subject: "s", text: "t", locale: "zh-CN" }, Date.now());
    const row = (await mailsTo(u.email)).at(-1)!;
    const url = new URL(row.unsubscribeUrl!);
    expect(await readUnsubscribeLink(url.searchParams)).toEqual({ address: u.email, category: "thread_updates" });

    // GET only asks; POST unsubscribes.
    expect((await callLoader(unsubscribeLoader, url.pathname + url.search)).status).toBe(200);
    expect((await getDb().select().from(emailUnsubscribes).all()).filter((r) => r.address === u.email)).toHaveLength(0);
    const res = await callAction(unsubscribeAction, url.pathname + url.search, {});
    expect(await res.json()).toEqual({ done: "unsubscribed" });

    await enqueueMail(getDb(), { to: u.email, category: "thread_updates", subject: "after", text: "t", locale: "zh-CN" }, Date.now());
    await enqueueMail(getDb(), { to: u.email, category: "account", subject: "account mail", text: "t", locale: "zh-CN" }, Date.now());
    await deliverPendingMail();
    const statuses = Object.fromEntries((await mailsTo(u.email)).map((m) => [m.subject, m.status]));
    expect(statuses.after).toBe("suppressed");
    expect(statuses["account mail"]).toBe("sent");
  });

  it("refuses a tampered link", async () => {
    const u = await makeUser("owner");
    const { unsubscribeUrl } = await import("../../app/models/mail-outbox.server");
    const url = new URL(await unsubscribeUrl(u.email, "thread_updates"));
    url.searchParams.set("c", "escalations");
    expect(await readUnsubscribeLink(url.searchParams)).toBeNull();
    expect((await callAction(unsubscribeAction, url.pathname + url.search, {})).status).toBe(400);
  });
});

describe("delivery", () => {
  it("starts once the transaction that queued the mail has committed, with no scheduler running", async () => {
    const owner = await makeUser("owner");
    const project = await makeProject({ name: "投递楼盘" });
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const row = () =>
      getDb()
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.dedupeKey, `new-thread:${id}`))
        .get();
    // No scheduler runs here: the commit itself started the delivery.
    await vi.waitFor(async () => expect((await row())?.status).toBe("sent"));
  });

  it("signs a notification's unsubscribe link once: the same link in its text and its headers", async () => {
    const u = await makeUser("owner");
    await enqueueMail(getDb(), { to: u.email, category: "thread_updates", subject: "链接", text: "正文", locale: "zh-CN" }, Date.now());
    const row = (await mailsTo(u.email)).at(-1)!;
    expect(row.textBody).toContain(row.unsubscribeUrl!);
    expect(row.textBody.split(row.unsubscribeUrl!)).toHaveLength(2);
  });
});
