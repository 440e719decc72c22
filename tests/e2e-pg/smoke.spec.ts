// A smoke test of the whole site on PostgreSQL, as two machines behind a load balancer run
// it: an owner posts on one server process and reads on the other (one browser, one
// session: cookies are shared across ports), finds it by search, and staff acknowledge it
// on the other process while an anonymous visitor on the first sees the clock met.
import type { Page } from "@playwright/test";
import { test, expect, open, postOfficial } from "../e2e/fixtures";

const a = `http://127.0.0.1:${process.env.E2E_PG_PORT_A}`;
const b = `http://127.0.0.1:${process.env.E2E_PG_PORT_B}`;

async function logIn(page: Page, base: string, email: string, password: string) {
  await open(page, `${base}/login`);
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("已登录")).toBeVisible();
}

test("an owner posts on one process, reads and searches on the other, and staff acknowledge there", async ({ page, browser }) => {
  const stamp = Date.now();
  const title = `地下车库顶板渗水 ${stamp}`;

  await logIn(page, a, "owner@example.com", "owner-demo-2026");
  await open(page, `${a}/threads/new`);
  await page.getByLabel("楼盘").selectOption({ label: "深圳 · 澄湾·云栖苑" });
  await page.getByLabel("投诉类型").selectOption("quality");
  await page.getByLabel("标题").fill(title);
  await page.getByLabel("内容").fill("地下车库 B2 层顶板渗水,车辆被水渍弄脏,请尽快处理。");
  await page.getByRole("button", { name: "发布投诉" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const threadPath = new URL(page.url()).pathname;

  // The other process: the same session, the new complaint on its list and in its search.
  await open(page, `${b}/`);
  await expect(page.getByText("已登录")).toBeVisible();
  await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
  // A result links its thread by title, and its matching post too.
  await open(page, `${b}/search?q=${encodeURIComponent("顶板渗水")}`);
  await expect(page.getByRole("link", { name: title, exact: true }).first()).toBeVisible();
  await open(page, `${b}/search?q=${encodeURIComponent("车库")}`);
  await expect(page.getByRole("link", { name: title, exact: true }).first()).toBeVisible();

  // Staff acknowledge on the second process.
  const staffContext = await browser.newContext({ locale: "zh-CN" });
  const staff = await staffContext.newPage();
  await logIn(staff, b, "staff@example.com", "staff-demo-2026");
  await open(staff, `${b}${threadPath}`);
  await postOfficial(staff, "您好,已安排物业和工程部今天下午到 B2 层查看渗水点,方案确定后在本帖回复。", { progress: true });
  await expect(staff.locator('[data-official-kind="progress"]').first()).toBeVisible();

  // An anonymous visitor on the first process sees it at once.
  const visitorContext = await browser.newContext({ locale: "zh-CN" });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${a}${threadPath}`);
  await expect(visitor.locator('[data-sla="ack"]').first()).toHaveAttribute("data-state", "met");
  await expect(visitor.locator(".timeline")).toContainText("已受理,并上报集团总部");
  await staffContext.close();
  await visitorContext.close();
});
