// Logs a browser context in by creating a session in the test database directly:
// every test but the one about the login form itself skips the form.
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { sessionCookieName, startSession } from "../../app/lib/auth.server";
import { getDb } from "../../app/lib/db.server";
import { mailOutbox, users } from "../../db/schema";
import { desc, eq } from "drizzle-orm";

export async function loginAs(context: BrowserContext, email: string) {
  const user = getDb().select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`no user ${email}`);
  const cookie = await startSession(user.id);
  const value = cookie.split(";")[0]!.split("=").slice(1).join("=");
  const baseURL = test.info().project.use.baseURL!;
  await context.addCookies([{ name: sessionCookieName(), value, url: baseURL, httpOnly: true, sameSite: "Lax", secure: true }]);
}

/** The text of the newest email queued for an address, once there is one newer than `after` (an id). */
export async function latestMailTo(address: string, after = 0) {
  let text = "";
  await expect
    .poll(() => {
      const row = getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)).orderBy(desc(mailOutbox.id)).limit(1).get();
      text = row && row.id > after ? row.textBody : "";
      return text.length > 0;
    })
    .toBe(true);
  return text;
}

/** Opens a page and waits until React has hydrated it, so form input is not reset. */
export async function open(page: Page, url: string) {
  await page.goto(url);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

export const test = base.extend<{ failOnDialog: void }>({
  // A dialog (alert, confirm) in these tests can only mean injected script ran.
  failOnDialog: [
    async ({ page }, use) => {
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await use();
      expect(dialogs, "no dialog may open").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
