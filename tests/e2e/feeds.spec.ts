import type { Page } from "@playwright/test";
import { test, expect, open } from "./fixtures";

const feedLink = (page: Page) => page.locator('head link[rel="alternate"][type="application/atom+xml"]');

/** The feed a page names in its head answers as an Atom document. */
async function expectFeed(page: Page, href: RegExp) {
  const link = feedLink(page);
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAttribute("href", href);
  await expect(link).toHaveAttribute("title", /\S/);
  const res = await page.request.get(new URL((await link.getAttribute("href"))!, page.url()).href);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/atom\+xml/);
  expect(await res.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
}

test("the home page and a thread page name their Atom feeds in the head, and the feeds answer", async ({ page }) => {
  await open(page, "/");
  await expectFeed(page, /^\/feeds\/threads\.atom$/);

  // Followed in the browser, the link in the head becomes the thread's own feed.
  const first = page.locator(".thread-item-title a").first();
  const threadPath = (await first.getAttribute("href"))!;
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${threadPath}$`));
  await expectFeed(page, new RegExp(`^${threadPath}/timeline\\.atom$`));

  // Loaded directly, and a filtered list narrows its feed the same way.
  await open(page, threadPath);
  await expectFeed(page, new RegExp(`^${threadPath}/timeline\\.atom$`));
  await open(page, "/?type=sales");
  await expectFeed(page, /^\/feeds\/threads\.atom\?type=sales$/);
});
