import sharp from "sharp";
import { isNotNull } from "drizzle-orm";
import { getDb } from "../../app/lib/db.server";
import { createUser } from "../../app/models/users.server";
import { photos } from "../../db/schema";
import { test, expect, loginAs, open } from "./fixtures";

const photo = async (name: string, rgb: { r: number; g: number; b: number }) => ({
  name,
  mimeType: "image/jpeg",
  buffer: await sharp({ create: { width: 800, height: 600, channels: 3, background: rgb } })
    .jpeg()
    .toBuffer(),
});

test("an owner posts a complaint with two photos; a visitor opens one; staff hide one and the public sees its tombstone", async ({ page, browser }) => {
  // A demo owner of this project (owner@example.com posts in other tests, within its hourly limit).
  await loginAs(page.context(), "song.jie@example.com");
  await open(page, "/threads/new?project=cuihu-bay");
  await expect(page.locator(".photo-privacy")).toContainText("身份证");
  await page.getByLabel("投诉类型").selectOption("quality");
  await page.getByLabel("标题").fill("客厅墙面裂缝越来越宽");
  await page.getByLabel("内容").fill("交房半年,客厅墙面出现斜向裂缝,附两张照片。");
  await page.getByLabel("选择照片").setInputFiles([await photo("crack.jpg", { r: 200, g: 190, b: 180 }), await photo("stain.jpg", { r: 120, g: 90, b: 60 })]);
  // Uploaded before the post is sent: each shows with a caption field.
  const pending = page.locator("[data-pending-photo]");
  await expect(pending).toHaveCount(2);
  await pending.first().getByLabel("照片说明(用作图片的文字描述)").fill("客厅墙面的裂缝");
  await page.getByRole("button", { name: "发布投诉" }).click();
  await expect(page).toHaveURL(/\/threads\/\d+$/);
  const threadUrl = new URL(page.url()).pathname;

  // A visitor sees both thumbnails and opens the first in the viewer.
  const visitor = await browser.newContext({ locale: "zh-CN" });
  const anon = await visitor.newPage();
  await open(anon, threadUrl);
  const gallery = anon.locator('article[data-kind="opening"] .gallery');
  await expect(gallery.locator("img")).toHaveCount(2);
  await expect(gallery.getByRole("img", { name: "客厅墙面的裂缝" })).toHaveAttribute("loading", "lazy");
  const firstId = await gallery.locator("li").first().getAttribute("data-photo");
  const secondId = await gallery.locator("li").nth(1).getAttribute("data-photo");
  await gallery.getByRole("link", { name: "查看大图:客厅墙面的裂缝" }).click();
  const viewer = anon.getByRole("dialog", { name: "照片查看" });
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole("img", { name: "客厅墙面的裂缝" })).toHaveAttribute("src", `/photos/${firstId}/display.jpg`);
  await anon.keyboard.press("Escape");
  await expect(viewer).toBeHidden();
  const hiddenUrl = `/photos/${secondId}/display.jpg`;
  expect((await anon.request.get(hiddenUrl)).status()).toBe(200);

  // Staff hide the second with a public reason.
  const staffContext = await browser.newContext({ locale: "zh-CN" });
  await loginAs(staffContext, "staff@example.com");
  const staffPage = await staffContext.newPage();
  await open(staffPage, threadUrl);
  const second = staffPage.locator(`li[data-photo="${secondId}"]`);
  await second.getByLabel("隐藏原因(公开显示)").fill("照片中可见他人面部");
  await second.getByRole("button", { name: "隐藏照片" }).click();
  await expect(staffPage.locator(`li[data-photo="${secondId}"]`)).toHaveAttribute("data-hidden", "true");
  await staffContext.close();

  await anon.reload();
  await expect(anon.locator(`[data-photo-tombstone="${secondId}"]`)).toContainText("照片中可见他人面部");
  await expect(gallery.locator("img")).toHaveCount(1);
  expect((await anon.request.get(hiddenUrl)).status()).toBe(404);
  await visitor.close();
});

test("without JavaScript, a reply takes its photo with the post and the thumbnail links to the full image", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN", javaScriptEnabled: false });
  await loginAs(context, "owner@example.com");
  const page = await context.newPage();
  await page.goto("/threads/new?project=cuihu-bay");
  await page.getByLabel("投诉类型").selectOption("quality");
  await page.getByLabel("标题").fill("卫生间地砖空鼓");
  await page.getByLabel("内容").fill("卫生间地砖敲击有空响,已经开裂。");
  await page.getByLabel("选择照片").setInputFiles([await photo("tiles.jpg", { r: 90, g: 140, b: 90 })]);
  await page.getByRole("button", { name: "发布投诉" }).click();
  await expect(page).toHaveURL(/\/threads\/\d+$/);
  const link = page.locator('article[data-kind="opening"] .gallery a');
  await expect(link).toHaveCount(1);
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/photos\/\d+\/display\.jpg$/);
  const answer = await page.request.get(href!);
  expect(answer.headers()["content-type"]).toBe("image/jpeg");
  expect(answer.headers()["x-content-type-options"]).toBe("nosniff");
  await context.close();
});

test("a file that is not a photo is refused next to the field, and the field says so to a screen reader", async ({ page }) => {
  await loginAs(page.context(), "song.jie@example.com");
  await open(page, "/threads/new?project=cuihu-bay");
  const input = page.getByLabel("选择照片");
  await input.setInputFiles([{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a photo") }]);
  await expect(page.getByRole("alert")).toContainText("「notes.txt」不是可接受的照片");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAccessibleDescription(/「notes\.txt」不是可接受的照片/);
});

test("flagging photos too often, without JavaScript, answers with a page in the reader's language that says so", async ({ page, baseURL }) => {
  const flagger = await createUser(
    { email: `photo-flagger-${Date.now()}@example.com`, displayName: "举报测试", password: "a-long-password", role: "owner", emailVerified: true },
    Date.now(),
  );
  await loginAs(page.context(), flagger.email);
  const photo = (await getDb().select({ id: photos.id }).from(photos).where(isNotNull(photos.postId)).limit(1).get())!;
  const flag = () =>
    page.request.post(`/photos/${photo.id}/actions`, { form: { intent: "flag-photo", reason: "spam" }, headers: { Origin: baseURL! }, maxRedirects: 0 });
  for (let i = 0; i < 20; i++) expect((await flag()).status()).toBe(302);
  const refused = await flag();
  expect(refused.status()).toBe(429);
  expect(refused.headers()["content-type"]).toMatch(/^text\/html/);
  expect(await refused.text()).toContain("操作太频繁");
});
