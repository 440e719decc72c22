import type { APIRequestContext } from "@playwright/test";
import { test, expect, loginAs } from "./fixtures";

type ApiClock = { state: string; deadline: string; tookSeconds: number | null };
type ApiThread = { id: number; title: string; clocks: { ack: ApiClock; answer: ApiClock } };

async function findThread(request: APIRequestContext, match: (t: ApiThread) => boolean) {
  const res = await request.get("/api/threads?pageSize=100");
  const { threads } = (await res.json()) as { threads: ApiThread[] };
  const found = threads.find(match);
  if (!found) throw new Error("no demo thread in the wanted state");
  return found;
}

/** "剩余 2小时14分05秒" -> milliseconds. */
function parseRemaining(text: string) {
  const m = text.match(/(?:(\d+)小时)?(\d+)分(?:(\d+)秒)?/);
  if (!m) throw new Error(`no duration in "${text}"`);
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
}

test("a running countdown ticks every second in the browser", async ({ page, request }) => {
  const thread = await findThread(request, (t) => t.clocks.ack.state === "pending");
  await page.clock.install();
  await page.goto(`/threads/${thread.id}`);
  const ack = page.locator('[data-sla="ack"]').first();
  await expect(ack).toHaveAttribute("data-state", "pending");
  const text = ack.locator(".countdown-text");
  const before = parseRemaining((await text.textContent()) ?? "");
  await page.clock.runFor(5_000);
  await expect.poll(async () => parseRemaining((await text.textContent()) ?? "")).toBeLessThanOrEqual(before - 4_000);
  await expect(ack.locator("time")).toHaveAttribute("datetime", thread.clocks.ack.deadline);
});

test("staff post the official answer; a visitor then sees the clock stopped with the time taken", async ({ page, browser, request }) => {
  const thread = await findThread(request, (t) => t.clocks.ack.state === "due-soon");
  await loginAs(page.context(), "staff@example.com");
  await page.goto(`/threads/${thread.id}`);
  await page.getByRole("group", { name: "这是" }).getByLabel("解决方案", { exact: true }).check();
  await page.getByLabel("内容(支持 Markdown,至少 20 个字)").fill("您好,工程部今天已上门把空鼓的瓷砖全部铲除并重新铺贴,费用由公司承担,请您确认。");
  await page.getByRole("group", { name: "解决方案的完成时间" }).getByLabel("已经完成").check();
  await page.getByRole("button", { name: "发布", exact: true }).click();
  await expect(page.locator('article[data-kind="official"]')).toBeVisible();

  const visitor = await browser.newContext({ locale: "zh-CN" });
  const anon = await visitor.newPage();
  await anon.clock.install();
  await anon.goto(`/threads/${thread.id}`);
  for (const sla of ["ack", "answer"]) {
    const clock = anon.locator(`[data-sla="${sla}"]`).first();
    await expect(clock).toHaveAttribute("data-state", "met");
    await expect(clock.locator(".countdown-text")).toContainText("用时");
  }
  await expect(anon.locator('article[data-kind="official"]').getByText("官方回复")).toBeVisible();
  await expect(anon.getByText(/发布解决方案$/)).toBeVisible();
  // Stopped clocks do not move.
  const text = await anon.locator('[data-sla="answer"] .countdown-text').first().textContent();
  await anon.clock.runFor(3_000);
  expect(await anon.locator('[data-sla="answer"] .countdown-text').first().textContent()).toBe(text);
  await visitor.close();
});

test("without JavaScript the countdown shows the right time left and the deadline", async ({ browser, request }) => {
  const thread = await findThread(request, (t) => t.clocks.ack.state === "pending" || t.clocks.ack.state === "due-soon");
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
  const page = await context.newPage();
  const loadedAt = Date.now();
  await page.goto(`/threads/${thread.id}`);
  const ack = page.locator('[data-sla="ack"]').first();
  const shown = parseRemaining((await ack.locator(".countdown-text").textContent()) ?? "");
  const expected = Date.parse(thread.clocks.ack.deadline) - loadedAt;
  expect(Math.abs(shown - expected)).toBeLessThan(5_000);
  await expect(ack.locator("time")).toHaveAttribute("datetime", thread.clocks.ack.deadline);
  await expect(ack).toHaveAttribute("aria-label", /受理/);
  // Lists carry the clocks too, and an overdue one is red.
  await page.goto("/");
  await expect(page.locator('[data-sla="ack"][data-state="overdue"]').first()).toBeVisible();
  await expect(page.locator('[data-sla="answer"][data-state="missed"]').first()).toBeAttached();
  await context.close();
});
