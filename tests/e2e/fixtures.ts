// Logs a browser context in by creating a session in the test database directly:
// every test but the one about the login form itself skips the form.
import fs from "node:fs";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { sessionCookieName, startSession } from "../../app/lib/auth.server";
import { getDb } from "../../app/lib/db.server";
import { mailOutbox, users } from "../../db/schema";
import { desc, eq } from "drizzle-orm";

export async function loginAs(context: BrowserContext, email: string) {
  const user = await getDb().select({ id: users.id }).from(users).where(eq(users.email, email)).get();
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
    .poll(async () => {
      const row = await getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)).orderBy(desc(mailOutbox.id)).limit(1).get();
      text = row && row.id > after ? row.textBody : "";
      return text.length > 0;
    })
    .toBe(true);
  return text;
}

/** Staff post an official post from a thread page: a progress note, or a solution that is done or promises a date. */
export async function postOfficial(page: Page, body: string, kind: { progress: true } | { promisedDate: string | null }) {
  const form = page.locator("form.official-form");
  if ("progress" in kind) {
    await form.getByLabel("进展说明(不停止答复计时)").check();
  } else {
    await form.getByLabel("解决方案", { exact: true }).check();
    if (kind.promisedDate) {
      await form.getByLabel("将在以下日期前完成").check();
      await form.getByLabel("承诺完成日期").fill(kind.promisedDate);
    } else {
      await form.getByLabel("已经完成").check();
    }
  }
  await form.getByLabel("内容(支持 Markdown,至少 20 个字)").fill(body);
  await form.getByRole("button", { name: "发布" }).click();
}

/**
 * Moves the running server's clock forward (TOUSU_CLOCK_OFFSET_FILE, set by the Playwright
 * config); 0 puts it back. Returns the server's "now".
 */
export function moveServerClock(offsetMs: number) {
  fs.writeFileSync(process.env.TOUSU_CLOCK_OFFSET_FILE!, String(offsetMs));
  return Date.now() + offsetMs;
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
