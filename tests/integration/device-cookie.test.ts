// Strangers who use up an account's log-in limit do not lock out its owner on a browser that
// has logged in to it before (the device cookie); everyone else still waits, as before.
import { describe, expect, it } from "vitest";
import { readSession } from "../../app/lib/auth.server";
import { resetEnv } from "../../app/lib/env.server";
import { deviceCookie } from "../../app/models/device-cookie.server";
import { action as loginAction } from "../../app/routes/login";
import { makeUser } from "../support/factories";
import { callAction } from "../support/remix";

const setCookies = (res: Response) => res.headers.getSetCookie();
const pair = (header: string) => header.split(";")[0]!;
const deviceOf = (res: Response) => pair(setCookies(res).find((c) => c.startsWith("tousu_device="))!);

async function logIn(email: string, password: string, { cookie, ip = "192.0.2.1" }: { cookie?: string; ip?: string } = {}) {
  return callAction(loginAction, "/login", { email, password }, { clientIp: ip, headers: cookie ? { Cookie: cookie } : {} });
}

/** Ten wrong passwords from ten strangers' addresses: the account's limit is used up. */
async function exhaust(email: string) {
  for (let i = 0; i < 10; i++) expect((await logIn(email, "wrong-password", { ip: `198.18.0.${i}` })).status).toBe(400);
}

describe("device cookie", () => {
  it("is set on log-in: long-lived, httpOnly, SameSite=Lax, for the log-in page, without the email", async () => {
    const u = await makeUser("owner", { email: "device-attrs@example.com" });
    const res = await logIn(u.email, u.password);
    expect(res.status).toBe(302);
    const cookie = setCookies(res).find((c) => c.startsWith("tousu_device="))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\/login/);
    expect(Number(/Max-Age=(\d+)/.exec(cookie)![1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(cookie).not.toMatch(/Secure/);
    expect(decodeURIComponent(cookie)).not.toContain("device-attrs");
    expect(cookie).not.toContain(u.id);
    // The session still comes with it.
    expect((await readSession(pair(setCookies(res)[0]!))).user?.id).toBe(u.id);
  });

  it("is Secure when COOKIE_SECURE is on", async () => {
    process.env.COOKIE_SECURE = "1";
    resetEnv();
    try {
      expect(await deviceCookie("a@example.com")).toMatch(/; Secure$/);
    } finally {
      delete process.env.COOKIE_SECURE;
      resetEnv();
    }
  });

  it("lets the owner's known browser in after strangers used up the account's limit; an unknown browser waits", async () => {
    const u = await makeUser("owner", { email: "device-owner@example.com" });
    const known = deviceOf(await logIn(u.email, u.password));
    await exhaust(u.email);

    const stranger = await logIn(u.email, u.password, { ip: "198.18.1.1" });
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get("Retry-After"))).toBeGreaterThan(0);

    const owner = await logIn(u.email, u.password, { cookie: `lang=zh-CN; ${known}`, ip: "198.18.1.2" });
    expect(owner.status).toBe(302);
    expect((await readSession(pair(setCookies(owner)[0]!))).user?.id).toBe(u.id);

    // The owner's success does not give the strangers a fresh start.
    expect((await logIn(u.email, "wrong-password", { ip: "198.18.1.3" })).status).toBe(429);
  });

  it("does not help with another account, and a forged or altered one helps with none", async () => {
    const mine = await makeUser("owner", { email: "device-mine@example.com" });
    const theirs = await makeUser("owner", { email: "device-theirs@example.com" });
    const known = deviceOf(await logIn(mine.email, mine.password));
    await exhaust(theirs.email);
    expect((await logIn(theirs.email, theirs.password, { cookie: known })).status).toBe(429);

    await exhaust(mine.email);
    const [name, value] = known.split("=") as [string, string];
    const [tag, device] = value.split(".");
    for (const forged of [`${name}=${tag}.${device}.AAAA`, `${name}=${tag}.other-device.${value.split(".")[2]}`, `${name}=${tag}`, `${name}=%E0%A4%A`]) {
      expect((await logIn(mine.email, mine.password, { cookie: forged })).status, forged).toBe(429);
    }
    expect((await logIn(mine.email, mine.password, { cookie: known })).status).toBe(302);
  });

  it("has a limit of its own: wrong passwords from the known browser are refused in time too", async () => {
    const u = await makeUser("owner", { email: "device-own-limit@example.com" });
    const known = deviceOf(await logIn(u.email, u.password));
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await logIn(u.email, "wrong-password", { cookie: known, ip: `198.18.2.${i}` })).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
    // Strangers were not counted against it, nor it against them.
    expect((await logIn(u.email, u.password, { ip: "198.18.2.99" })).status).toBe(302);
  });
});
