import { test, expect, loginAs, open } from "./fixtures";

type Stats = {
  overall: { threads: number; resolved: number; ratingScores: number; satisfiedScores: number; satisfactionRate: number | null; resolutionRate: number | null };
};

const pct = (v: number | null) => (v == null ? "—" : `${Math.round(v * 1000) / 10}%`);

test("an author resolves and rates a thread; the project's scoreboard changes accordingly", async ({ page, browser, request }) => {
  const statsUrl = "/api/stats?project=cuihu-bay&period=this_month";
  const before = ((await (await request.get(statsUrl)).json()) as Stats).overall;

  // The owner posts a complaint.
  await loginAs(page.context(), "owner@example.com");
  await open(page, "/threads/new?project=cuihu-bay");
  await page.getByLabel("投诉类型").selectOption("property");
  await page.getByLabel("标题").fill("地库排水沟堵塞,雨天积水");
  await page.getByLabel("内容").fill("B1 层排水沟被垃圾堵住,下雨后积水没过脚踝。");
  await page.getByRole("button", { name: "发布投诉" }).click();
  await expect(page).toHaveURL(/\/threads\/\d+$/);
  const threadUrl = new URL(page.url()).pathname;

  // Staff answer it.
  const staffContext = await browser.newContext({ locale: "zh-CN" });
  await loginAs(staffContext, "staff@example.com");
  const staffPage = await staffContext.newPage();
  await staffPage.goto(threadUrl);
  await staffPage.getByRole("group", { name: "这是" }).getByLabel("解决方案", { exact: true }).check();
  await staffPage.getByLabel("内容(支持 Markdown,至少 20 个字)").fill("您好,物业已于今天下午清理排水沟,并安排每周巡查,请您确认是否还有积水。");
  await staffPage.getByRole("group", { name: "解决方案的完成时间" }).getByLabel("已经完成").check();
  await staffPage.getByRole("button", { name: "发布", exact: true }).click();
  await expect(staffPage.locator('article[data-kind="official"]')).toBeVisible();
  await staffContext.close();

  // The author confirms and rates.
  await open(page, threadUrl);
  const verdict = page.locator(".author-verdict");
  for (const [legend, score] of [
    ["总体满意度", "5"],
    ["态度", "5"],
    ["速度", "4"],
    ["结果", "5"],
  ] as const) {
    await verdict.getByRole("group", { name: legend }).getByLabel(`${score} 分`).check();
  }
  await verdict.getByLabel("评价(选填)").fill("处理很快,谢谢。");
  await verdict.getByRole("button", { name: "已解决" }).click();
  await expect(page.locator(".thread-facts")).toContainText("已结案");
  await expect(page.locator("[data-rating]")).toHaveAttribute("data-rating", "5-5-4-5");
  await expect(page.locator(".verdicts")).toContainText("处理很快,谢谢。");

  // The scoreboard counts it.
  const after = ((await (await request.get(statsUrl)).json()) as Stats).overall;
  expect(after.threads).toBe(before.threads + 1);
  expect(after.resolved).toBe(before.resolved + 1);
  // Satisfaction counts the one overall score.
  expect(after.ratingScores).toBe(before.ratingScores + 1);
  expect(after.satisfiedScores).toBe(before.satisfiedScores + 1);
  const visitor = await browser.newContext({ locale: "zh-CN" });
  const anon = await visitor.newPage();
  await anon.goto("/projects/cuihu-bay?period=this_month");
  await expect(anon.locator('[data-stat="threads"] dd')).toHaveText(String(after.threads));
  await expect(anon.locator('[data-stat="resolution"] dd')).toHaveText(pct(after.resolutionRate));
  await expect(anon.locator('[data-stat="satisfaction"] dd')).toHaveText(pct(after.satisfactionRate));
  await visitor.close();
});
