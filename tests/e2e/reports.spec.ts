// The weekly and monthly reports as staff read them and print them, in both languages.
import { localMonth, weekKey } from "../../app/lib/periods";
import { test, expect, loginAs, open } from "./fixtures";

const TZ = "Asia/Shanghai";
// A4 less the print stylesheet's 16 mm margins, at 96 CSS pixels to the inch.
const A4_CONTENT = { width: Math.floor(((210 - 32) / 25.4) * 96), height: Math.floor(((297 - 32) / 25.4) * 96) };

test("staff go from the list to this week's and this month's reports and their CSV", async ({ page }) => {
  await loginAs(page.context(), "staff@example.com");
  const week = weekKey(Date.now(), TZ);
  const { year, month } = localMonth(Date.now(), TZ);
  const monthKey = `${year}-${String(month).padStart(2, "0")}`;
  await open(page, "/staff/reports");
  await page.getByRole("link", { name: week, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`投诉周报 ${week}`);
  await expect(page.getByRole("region", { name: "各地区公司" })).toContainText("合计");
  await expect(page.getByRole("region", { name: "各责任部门" })).toContainText("未指定部门");
  await page.getByRole("link", { name: "全部报表" }).click();
  await page.getByRole("link", { name: monthKey, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`客户投诉月报 ${monthKey}`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载 CSV" }).click();
  expect((await download).suggestedFilename()).toBe(`tousu-report-${monthKey}.csv`);
});

for (const locale of ["zh-CN", "en-US"]) {
  test(`the reports print on A4 without spilling over the page's width (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: A4_CONTENT });
    await loginAs(context, "staff@example.com");
    const page = await context.newPage();
    await page.emulateMedia({ media: "print" });
    const { year, month } = localMonth(Date.now(), TZ);
    // Last month's report is complete, and the demo data fills it.
    const last = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
    for (const key of [weekKey(Date.now(), TZ), last]) {
      await page.goto(`/staff/reports/${key}`);
      await expect(page.locator(".site-header")).toBeHidden();
      await expect(page.locator("nav.no-print")).toBeHidden();
      const spill = await page.evaluate(() => {
        const root = document.documentElement;
        const wide = [...document.querySelectorAll(".report table")].filter((t) => t.getBoundingClientRect().right > root.clientWidth + 0.5);
        return { overflow: root.scrollWidth - root.clientWidth, wideTables: wide.length };
      });
      expect(spill, key).toEqual({ overflow: 0, wideTables: 0 });
      const pdf = await page.pdf({ preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString(), key).toBe("%PDF-");
    }
    await context.close();
  });
}
