// A form over the body limit (FORM_BODY_LIMIT, 256 KiB) is stopped in the browser before it is
// sent, with a message next to it and everything typed kept; without JavaScript the server
// refuses it: a form that takes photos with the message on its page, any other with its 413 page.
import { createUser } from "../../app/models/users.server";
import { test, expect, loginAs, open } from "./fixtures";

test("a reply too large to send is stopped before sending, and what was typed stays", async ({ page, context }) => {
  const email = `body-limit-${Date.now()}@example.com`;
  await createUser({ email, displayName: "大段回复的业主", password: "a-long-password", emailVerified: true }, Date.now());
  await loginAs(context, email);
  await open(page, "/threads/2");
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });

  // 100,000 Chinese characters: 300 KB of text in the post (it takes photos, so it is sent as multipart).
  const long = `${"漏水".repeat(50_000)}`;
  const body = page.getByLabel("你的回复(支持 Markdown)");
  await body.fill(long);
  await page.getByRole("button", { name: "回复", exact: true }).click();
  const alert = page.locator(".reply-form").getByRole("alert");
  await expect(alert).toHaveText("内容太多,无法提交:超过了 256 KB 的上限。请删减后再提交,已填写的内容都还在。");
  await expect(body).toHaveValue(long);
  expect(posts).toEqual([]);
  await expect(page).toHaveURL(/\/threads\/2$/);

  // Shortened, it goes, and the message goes with it.
  await body.fill("楼上漏水已经一个月了,请尽快处理。");
  await page.getByRole("button", { name: "回复", exact: true }).click();
  await expect(page.getByText("楼上漏水已经一个月了,请尽快处理。")).toBeVisible();
  await expect(page.locator("[data-body-limit-message]")).toHaveCount(0);
  expect(posts.length).toBe(1);
});

test("without JavaScript, a form too large is refused by the server with a page saying so", async ({ browser }) => {
  const email = `body-limit-nojs-${Date.now()}@example.com`;
  await createUser({ email, displayName: "不用脚本的业主", password: "a-long-password", emailVerified: true }, Date.now());
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
  await loginAs(context, email);
  const page = await context.newPage();
  await page.goto("/threads/2");
  await page.getByLabel("Your reply (Markdown)").fill("x".repeat(300 * 1024));
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Reply", exact: true }).click(),
  ]);
  // The reply form takes photos, so its body may be large; its text still keeps the form limit.
  expect(response.status()).toBe(413);
  await expect(page.locator(".reply-form").getByRole("alert")).toContainText("over the 256 KB limit");
  await expect(page.getByLabel("Your reply (Markdown)")).toHaveValue("");

  // A form without files is refused by the server before anything reads it, with its own page.
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(`${"x".repeat(300 * 1024)}@example.com`);
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Send reset link" }).click(),
  ]);
  expect(refused.status()).toBe(413);
  await expect(page.getByRole("heading", { level: 1, name: "Too much to send" })).toBeVisible();
  await expect(page.getByText("over the 256 KB limit")).toBeVisible();
  await context.close();
});
