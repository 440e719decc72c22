import { test, expect, loginAs, open } from "./fixtures";

test("staff publish a factor, visitors see it on the map and list; a revised distance shows with its history", async ({ page, browser }) => {
  const title = `高压变电站 ${Date.now() % 100000}`;
  await loginAs(page.context(), "staff@example.com");
  await open(page, "/staff/projects/qinghe-yuan/disclosures");
  const form = page.locator("form").filter({ has: page.locator('input[name="intent"][value="create"]') });
  await form.getByLabel("类型").selectOption("power");
  await form.getByLabel("名称(如:平南铁路)").fill(title);
  await form.getByLabel("方位(相对项目)").selectOption("SW");
  await form.getByLabel("距红线最近点的距离(米)").fill("350");
  await form.getByLabel("影响说明(如实说明,不要淡化)").fill("西南侧 110 千伏变电站,可能有低频噪音。");
  await form.getByRole("button", { name: "保存草稿" }).click();
  const card = page.locator(".staff-factors li").filter({ hasText: title });
  await expect(card).toHaveAttribute("data-status", "draft");
  // While the publication is on its way, its button says so (and keeps focus); the card's other buttons do not.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/staff/projects/qinghe-yuan/disclosures*", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  await card.getByRole("button", { name: "发布" }).click();
  await expect(card.getByRole("button", { name: "正在处理…" })).toBeFocused();
  await expect(card.getByRole("button", { name: "正在处理…" })).toHaveAttribute("aria-disabled", "true");
  await expect(card.getByRole("button", { name: "删除草稿" })).toBeVisible();
  release();
  await expect(card).toHaveAttribute("data-status", "published");
  await page.unroute("**/staff/projects/qinghe-yuan/disclosures*");

  const visitor = await browser.newContext({ locale: "zh-CN" });
  const anon = await visitor.newPage();
  await anon.goto("/projects/qinghe-yuan/disclosures");
  const item = anon.locator(".factor-list li").filter({ hasText: title });
  await expect(item).toContainText("西南侧 350 米");
  const factorId = await item.getAttribute("data-factor");
  const marker = anon.locator(`svg g[data-factor="${factorId}"]`);
  await expect(marker).toHaveAttribute("data-direction", "SW");
  await expect(marker).toHaveAttribute("data-distance", "350");
  await expect(anon.locator("svg desc")).toContainText(title);

  // Staff revise the distance.
  await card.getByRole("button", { name: "修订" }).click();
  await expect(page).toHaveURL(/\/staff\/disclosures\/\d+$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("距红线最近点的距离(米)").fill("280");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page).toHaveURL(/\/staff\/projects\/qinghe-yuan\/disclosures$/);
  const revised = page.locator(".staff-factors li").filter({ hasText: title });
  await revised.getByRole("button", { name: "发布" }).click();
  // The revision is published once its draft (and its publish button) is gone.
  await expect(revised.getByRole("button", { name: "发布" })).toHaveCount(0);

  await anon.reload();
  await expect(anon.locator(".factor-list li").filter({ hasText: title })).toContainText("西南侧 280 米");
  await expect(anon.locator(`svg g[data-factor="${factorId}"]`)).toHaveAttribute("data-distance", "280");
  await expect(anon.locator('.disclosure-history li[data-change="distanceM"]').first()).toContainText(`「${title}」距离:350 米 → 280 米`);
  await expect(anon.locator('.disclosure-history li[data-change="added"]').filter({ hasText: title })).toHaveCount(1);
  await visitor.close();
});

test("a step on a factor another staff member has already taken is refused with a word on its card", async ({ page, browser }) => {
  const title = `临时垃圾转运点 ${Date.now() % 100000}`;
  await loginAs(page.context(), "staff@example.com");
  await open(page, "/staff/projects/qinghe-yuan/disclosures");
  const form = page.locator("form").filter({ has: page.locator('input[name="intent"][value="create"]') });
  await form.getByLabel("类型").selectOption("waste");
  await form.getByLabel("名称(如:平南铁路)").fill(title);
  await form.getByLabel("方位(相对项目)").selectOption("N");
  await form.getByLabel("距红线最近点的距离(米)").fill("120");
  await form.getByLabel("影响说明(如实说明,不要淡化)").fill("北侧临时垃圾转运点,夏季可能有异味。");
  await form.getByRole("button", { name: "保存草稿" }).click();
  const card = page.locator(".staff-factors li").filter({ hasText: title });
  await expect(card).toHaveAttribute("data-status", "draft");

  // A colleague, on the page since before, publishes it.
  const colleague = await browser.newContext({ locale: "zh-CN" });
  await loginAs(colleague, "staff@example.com");
  const theirs = await colleague.newPage();
  await open(theirs, "/staff/projects/qinghe-yuan/disclosures");
  await theirs.locator(".staff-factors li").filter({ hasText: title }).getByRole("button", { name: "发布" }).click();
  await expect(theirs.locator(".staff-factors li").filter({ hasText: title })).toHaveAttribute("data-status", "published");

  // This page still offers to discard the draft; doing so is refused, and the card says why.
  await card.getByRole("button", { name: "删除草稿" }).click();
  await expect(card.getByRole("alert")).toContainText("这条不利因素已有变动");

  // So is publishing a draft the colleague has discarded, which is gone.
  await open(page, "/staff/projects/qinghe-yuan/disclosures");
  await card.getByRole("button", { name: "修订" }).click();
  await expect(page).toHaveURL(/\/staff\/disclosures\/\d+$/);
  await open(page, "/staff/projects/qinghe-yuan/disclosures");
  await theirs.reload();
  await theirs.locator(".staff-factors li").filter({ hasText: title }).getByRole("button", { name: "删除草稿" }).click();
  await expect(theirs.locator(".staff-factors li").filter({ hasText: title }).getByRole("button", { name: "删除草稿" })).toHaveCount(0);
  await card.getByRole("button", { name: "发布" }).click();
  await expect(card.getByRole("alert")).toContainText("这条不利因素已有变动");
  await colleague.close();
});
