import { describe, expect, it } from "vitest";
import { loader as languageLoader } from "../../app/routes/language";
import { loader as loginLoader } from "../../app/routes/login";
import { makeUser } from "../support/factories";
import { callLoader } from "../support/remix";

describe("redirects from input stay on the site", () => {
  it("the language switch goes back to a path of this site only", async () => {
    for (const next of ["/%09/evil.example", "/%0A/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example"]) {
      const res = await callLoader(languageLoader, `/language?lang=en&next=${next}`);
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/");
    }
    const back = await callLoader(languageLoader, `/language?lang=en&next=${encodeURIComponent("/threads/1?page=2#post-3")}`);
    expect(back.headers.get("Location")).toBe("/threads/1?page=2#post-3");
  });

  it("a redirect target with CR or LF is refused, not a broken header", async () => {
    const res = await callLoader(languageLoader, "/language?next=/a%0d%0aSet-Cookie:%20x=1");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("a logged-in visitor of the login page is sent on only within the site", async () => {
    const u = await makeUser("owner");
    const off = await callLoader(loginLoader, "/login?redirectTo=%2F%09%2Fevil.example", { user: u });
    expect(off.headers.get("Location")).toBe("/");
    const on = await callLoader(loginLoader, "/login?redirectTo=%2Fthreads%2Fnew", { user: u });
    expect(on.headers.get("Location")).toBe("/threads/new");
  });
});
