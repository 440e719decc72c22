// Every kind of page, checked with axe against WCAG 2.1 A and AA, in both languages,
// for visitors, owners, staff and admins, on the demo data (which has every clock state).
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { weekKey } from "../../app/lib/periods";
import { test, expect, loginAs } from "./fixtures";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function firstThread(request: APIRequestContext, status: string) {
  const body = (await (await request.get(`/api/threads?status=${status}&pageSize=1`)).json()) as { threads: { id: number }[] };
  expect(body.threads.length, `a demo thread with status ${status}`).toBe(1);
  return `/threads/${body.threads[0]!.id}`;
}

async function expectAccessible(page: Page, paths: string[]) {
  for (const path of paths) {
    const response = await page.goto(path);
    // Pages hydrate (the clocks start ticking) before they are checked; an error page does not.
    if (response!.ok()) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    const summary = violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
    expect(summary, `accessibility of ${path}`).toEqual([]);
  }
}

// Each test checks many pages.
test.describe.configure({ timeout: 120_000 });

for (const locale of ["zh-CN", "en-US"]) {
  test(`public pages pass axe's WCAG 2.1 AA checks (${locale})`, async ({ browser, request }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await expectAccessible(page, [
      "/",
      "/?page=2",
      await firstThread(request, "awaiting_ack"),
      await firstThread(request, "answered"),
      await firstThread(request, "resolved"),
      await firstThread(request, "closed"),
      "/projects",
      "/projects/yunqi-garden",
      "/projects/yunqi-garden/disclosures",
      "/projects/yunqi-garden/disclosures/print",
      "/stats",
      "/search?q=漏水",
      "/login",
      "/register",
      "/forgot-password",
      "/no-such-page",
    ]);
    await context.close();
  });
}

test("owner pages pass axe's WCAG 2.1 AA checks", async ({ page, request }) => {
  await loginAs(page.context(), "owner@example.com");
  await expectAccessible(page, ["/threads/new", await firstThread(request, "answered"), "/account/password"]);
});

test("staff and admin pages pass axe's WCAG 2.1 AA checks", async ({ page, request }) => {
  await loginAs(page.context(), "admin@example.com");
  const thread = await firstThread(request, "awaiting_ack");
  const month = new Date().toISOString().slice(0, 7);
  const week = weekKey(Date.now(), "Asia/Shanghai");
  await expectAccessible(page, [
    "/staff",
    "/staff?overdue=1",
    `/staff${thread}`,
    "/staff/flags",
    "/staff/audit",
    "/staff/reports",
    `/staff/reports/${month}`,
    `/staff/reports/${week}`,
    "/staff/projects/yunqi-garden/disclosures",
    "/staff/briefing",
    "/staff/hq-reports",
    "/staff?status=resolved",
    "/admin/users",
    "/admin/organisation",
  ]);
});
