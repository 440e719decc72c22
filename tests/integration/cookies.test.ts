// A badly %-encoded cookie, even another site's on a sibling domain, breaks nothing.
import { describe, expect, it } from "vitest";
import { readSession, sessionCookieName, startSession } from "../../app/lib/auth.server";
import { readCookie } from "../../app/lib/cookies";
import { localeFromHeaders } from "../../app/lib/locale.server";
import { makeUser } from "../support/factories";

const BAD = ["other=%E0%A4%A", "%=%", "x=%", "%E0=1", "a=%C0%AF", "b=%FF%FE", "c=%00", "=%E0"];

describe("cookies that do not decode", () => {
  it("leave the session readable", async () => {
    const u = await makeUser("owner");
    const session = (await startSession(u.id)).split(";")[0]!;
    for (const bad of BAD) {
      expect((await readSession(`${bad}; ${session}`)).user?.id).toBe(u.id);
      expect((await readSession(`${session}; ${bad}`)).user?.id).toBe(u.id);
      expect(await readSession(bad)).toEqual({ user: null, session: null, setCookie: null });
    }
  });

  it("a session cookie that does not decode is no session", async () => {
    expect((await readSession(`${sessionCookieName()}=%E0%A4%A`)).user).toBeNull();
  });

  it("leave the language choice readable", () => {
    for (const bad of BAD) expect(localeFromHeaders(`${bad}; lang=en`, "zh-CN")).toBe("en");
    expect(localeFromHeaders("lang=%E0%A4%A", "en")).toBe("en");
    expect(readCookie("lang=%E0%A4%A", "lang")).toBeUndefined();
    expect(readCookie("lang=%E0%A4%A; lang=en", "lang")).toBe("en");
  });
});
