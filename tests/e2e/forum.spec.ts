import { test, expect, latestMailTo, open } from "./fixtures";

test("a new owner registers, posts a complaint with a script payload, and visitors see it rendered safely", async ({ page, browser }) => {
  const stamp = Date.now();
  const email = `e2e-${stamp}@example.com`;
  const title = `外墙渗水 ${stamp}`;

  await open(page, "/register");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("显示名称").fill("端到端业主");
  await page.getByLabel("密码").fill("a-long-password");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "请查收邮件" })).toBeVisible();
  await expect(page.getByText("已登录")).toHaveCount(0);

  // The link in the email verifies the address and logs in this browser, the one that registered.
  const mail = await latestMailTo(email);
  const verifyLink = mail.match(/https?:\/\/\S+\/verify-email\?token=[\w-]+/)![0];
  await open(page, new URL(verifyLink).pathname + new URL(verifyLink).search);
  await expect(page.getByRole("heading", { level: 1, name: "邮箱已验证" })).toBeVisible();
  await expect(page.getByText("已登录:端到端业主")).toBeVisible();

  await page.getByRole("link", { name: "我要投诉" }).first().click();
  await page.locator("h1", { hasText: "发表投诉" }).waitFor();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("楼盘").selectOption({ label: "深圳 · 澄湾·云栖苑" });
  await page.getByLabel("投诉类型").selectOption("quality");
  await page.getByLabel("标题").fill(title);
  await page
    .getByLabel("内容")
    .fill(
      [
        "主卧外墙渗水。",
        "<script>window.__pwned = 'script'; alert('script')</script>",
        "<img src=x onerror=\"window.__pwned='img'; alert('img')\">",
        "[点我查看照片](javascript:window.__pwned='link';alert('link'))",
        "**请尽快处理**",
      ].join("\n\n"),
    );
  await page.getByRole("button", { name: "发布投诉" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // Now as an anonymous visitor, in a fresh browser context.
  const visitor = await browser.newContext({ locale: "zh-CN" });
  const anon = await visitor.newPage();
  const dialogs: string[] = [];
  anon.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await anon.goto("/");
  const link = anon.getByRole("link", { name: title });
  await expect(link).toBeVisible();
  await link.click();
  await expect(anon.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const body = anon.locator("article").first();
  await expect(body.locator("strong")).toHaveText("请尽快处理");
  await expect(body.locator("script")).toHaveCount(0);
  await expect(body.locator("img")).toHaveCount(0);
  const photoLink = body.getByText("点我查看照片");
  await expect(photoLink).toBeVisible();
  const href = await photoLink.evaluate((el) => el.closest("a")?.getAttribute("href") ?? null);
  expect(href ?? "").not.toMatch(/javascript:/i);
  await photoLink.click();
  expect(await anon.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await visitor.close();
});

test("bad input is explained next to the field and what was typed is kept", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("电子邮箱").fill("owner@example.com");
  await page.getByLabel("显示名称").fill("重复的人");
  await page.getByLabel("密码").fill("short");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("密码至少需要 8 位。")).toBeVisible();
  await expect(page.getByLabel("显示名称")).toHaveValue("重复的人");
  await expect(page.getByLabel("电子邮箱")).toHaveValue("owner@example.com");
  await expect(page.getByLabel("密码")).toHaveAttribute("aria-invalid", "true");
  // The keyboard user is taken to the field to fix.
  await expect(page.getByLabel("密码")).toBeFocused();

  // So after a form sent with the page's scripts running, from its button.
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("密码").fill("a-long-password");
  await page.getByLabel("显示名称").fill("官方客服");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("显示名称不能含“官方”“客服”等工作人员用语。")).toBeVisible();
  await expect(page.getByLabel("显示名称")).toBeFocused();
});

test("the demo owner logs in through the form and lands where they started", async ({ page }) => {
  await page.goto("/threads/new");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fthreads%2Fnew/);
  await page.getByLabel("电子邮箱").fill("owner@example.com");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("邮箱或密码不正确。")).toBeVisible();
  await page.getByLabel("密码").fill("owner-demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/threads\/new$/);
  await expect(page.getByRole("heading", { name: "发表投诉" })).toBeVisible();
});

test("the language switch remembers English and back", async ({ page }) => {
  await page.goto("/projects");
  await expect(page.getByRole("heading", { level: 1, name: "楼盘" })).toBeVisible();
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Latest complaints" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("link", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "最新投诉" })).toBeVisible();
});

test("pages are valid UTF-8 with no NUL bytes, however long the Chinese text", async ({ page }) => {
  for (const path of ["/", "/projects", "/threads/1", "/?page=2"]) {
    const bytes = await (await page.request.get(path)).body();
    expect(bytes.includes(0), path).toBe(false);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes), path).not.toThrow();
  }
});

test("filters narrow the list and unknown pages are a 404 inside the layout", async ({ page }) => {
  await open(page, "/");
  await page.getByLabel("投诉类型").selectOption("sales");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/type=sales/);
  const badges = page.locator(".thread-item .badge-type");
  await expect(badges.first()).toBeVisible();
  for (const text of await badges.allTextContents()) expect(text).toBe("销售管理");
  // The keyboard user keeps their place in the form drawn for the new address.
  await expect(page.getByRole("button", { name: "筛选" })).toBeFocused();

  // The menus follow the address, not what was first chosen in them: cleared, and back again.
  await page.getByRole("link", { name: "清除筛选" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByLabel("投诉类型")).toHaveValue("");
  await page.goBack();
  await expect(page).toHaveURL(/type=sales/);
  await expect(page.getByLabel("投诉类型")).toHaveValue("sales");

  const res = await page.goto("/threads/99999999");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "找不到页面" })).toBeVisible();
  await expect(page).toHaveTitle("找不到页面 · 投诉");
  await expect(page.getByRole("link", { name: "楼盘" })).toBeVisible();
  expect((await page.goto("/no-such-page"))?.status()).toBe(404);
  await expect(page).toHaveTitle("找不到页面 · 投诉");
});

test("a login form posted too often, without JavaScript, answers 429 with Retry-After and says when to retry", async ({ request, baseURL }) => {
  // Per-account limit (RATE_LIMIT_LOGINACCOUNT, 10 by default), on an address no other test uses.
  const form = { email: `nobody-${Date.now()}@example.com`, password: "not-the-password" };
  const post = () => request.post("/login", { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
  for (let i = 0; i < 10; i++) expect((await post()).status()).toBe(400);
  const limited = await post();
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await limited.text()).toContain("分钟后再试");
});
