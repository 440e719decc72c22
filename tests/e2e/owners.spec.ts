import { createUser } from "../../app/models/users.server";
import { test, expect, loginAs, open } from "./fixtures";

const PROJECT = "澄湾·翠湖湾";

test("an owner is verified by staff: the badge shows on their posts in that project only, and their complaint says the factor was disclosed before they bought", async ({
  page,
  browser,
  request,
}) => {
  const email = `verify-${Date.now()}@example.com`;
  await createUser({ email, displayName: "认证测试业主", password: "a-long-password", emailVerified: true }, Date.now());
  await loginAs(page.context(), email);

  // A factor of the project, disclosed before today.
  const register = (await (await request.get("/api/projects/cuihu-bay/disclosures")).json()) as {
    factors: { id: number; title: string; firstPublishedAt: string }[];
  };
  const factor = register.factors.find((f) => new Date(f.firstPublishedAt).getTime() < Date.now() - 86_400_000)!;
  expect(factor).toBeTruthy();

  // The owner adds the project, records today as the purchase date, and asks to be verified.
  await open(page, "/account/projects");
  await expect(page.getByText("只有你本人和公司工作人员能看到")).toBeVisible();
  await page.getByLabel("我在这个楼盘有房").selectOption({ label: `${PROJECT} · 沈阳` });
  await page.getByRole("button", { name: "添加" }).click();
  const record = page.locator("section.owner-record").filter({ has: page.getByRole("heading", { name: PROJECT }) });
  await expect(record).toBeVisible();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  await record.getByLabel("购房合同签订日期").fill(today);
  await record.getByLabel("房号").fill("1201");
  await record.getByRole("button", { name: "保存" }).click();
  await expect(record.getByText("已保存。")).toBeVisible();
  await record.getByLabel("购房合同编号").fill("HT-2026-CH-00731");
  await record.getByRole("button", { name: "提交认证申请" }).click();
  await expect(record).toContainText("审核中");

  // Staff check the contract number privately and approve.
  const staffContext = await browser.newContext({ locale: "zh-CN" });
  await loginAs(staffContext, "staff@example.com");
  const staffPage = await staffContext.newPage();
  await open(staffPage, "/staff/verifications");
  const row = staffPage.locator("tr").filter({ hasText: "认证测试业主" });
  await expect(row).toContainText("HT-2026-CH-00731");
  await row.getByRole("button", { name: "通过" }).click();
  await expect(staffPage.locator("tr").filter({ hasText: "认证测试业主" })).toHaveCount(0);
  await staffContext.close();

  await open(page, "/account/projects");
  await expect(record).toContainText("已认证");
  await expect(page.getByText("HT-2026-CH-00731")).toHaveCount(0);

  // A complaint in that project about the factor, and a reply in another project.
  await open(page, "/threads/new?project=cuihu-bay");
  await page.getByLabel("投诉类型").selectOption("other");
  await page.getByLabel("相关的不利因素(选填)").selectOption(String(factor.id));
  await page.getByLabel("标题").fill("买房前没人告诉我这个不利因素");
  await page.getByLabel("内容").fill("签合同时销售只字未提,现在才知道。");
  await page.getByRole("button", { name: "发布投诉" }).click();
  await expect(page).toHaveURL(/\/threads\/\d+$/);
  const complaintUrl = new URL(page.url()).pathname;

  const elsewhere = (await (await request.get("/api/threads?project=qinghe-yuan")).json()) as { threads: { id: number }[] };
  const otherThread = `/threads/${elsewhere.threads[0]!.id}`;
  await open(page, otherThread);
  await page.getByLabel("你的回复(支持 Markdown)").fill("我在翠湖湾也遇到类似的情况。");
  await page.getByRole("button", { name: "回复", exact: true }).click();
  await expect(page.getByText("我在翠湖湾也遇到类似的情况。")).toBeVisible();

  // What the public sees.
  const visitor = await browser.newContext({ locale: "zh-CN" });
  const anon = await visitor.newPage();
  await open(anon, complaintUrl);
  const opening = anon.locator('article[data-kind="opening"]');
  await expect(opening).toContainText(`已认证业主 · ${PROJECT}`);
  await expect(opening).not.toContainText("1201");
  await expect(anon.getByText("购房前已公示")).toBeVisible();
  await expect(anon.locator("body")).not.toContainText(today);

  await open(anon, otherThread);
  const reply = anon.locator("article").filter({ hasText: "我在翠湖湾也遇到类似的情况。" });
  await expect(reply).toContainText("认证测试业主");
  await expect(reply).not.toContainText("已认证业主");
  await visitor.close();
});
