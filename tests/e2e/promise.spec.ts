// The company's promise in a browser: a progress note stops nothing, a dated solution starts
// the promise clock, the date passes (the server's clock is moved forward) and the public sees
// the broken promise; staff record it kept late and a satisfied call-back closes it.
import { eq } from "drizzle-orm";
import { getDb } from "../../app/lib/db.server";
import { localDayKey } from "../../app/lib/periods";
import { recordBreaches } from "../../app/models/clocks.server";
import { createThread } from "../../app/models/threads.server";
import { projects, users } from "../../db/schema";
import { test, expect, loginAs, moveServerClock, open, postOfficial } from "./fixtures";

const DAY = 86_400_000;
const TZ = "Asia/Shanghai";

type Stats = { overall: { resolved: number; promiseDecided: number; promiseOnTime: number } };

test.afterEach(() => {
  moveServerClock(0);
});

test("a progress note, a dated solution, a broken promise kept late, and a satisfied call-back that closes the complaint", async ({
  page,
  browser,
  request,
}) => {
  const project = (await getDb().select().from(projects).where(eq(projects.slug, "cuihu-bay")).get())!;
  const owner = (await getDb().select().from(users).where(eq(users.email, "owner@example.com")).get())!;
  const id = await createThread(
    {
      authorId: owner.id,
      projectId: project.id,
      complaintType: "quality",
      title: "客厅地板起拱,需要更换",
      body: "入住半年客厅地板大面积起拱,踩上去咯吱作响。",
    },
    Date.now(),
  );
  const statsUrl = `/api/stats?project=${project.slug}&period=90_days`;
  const stats = async () => ((await (await request.get(statsUrl)).json()) as Stats).overall;

  await loginAs(page.context(), "staff@example.com");
  await open(page, `/threads/${id}`);

  // A progress note: acknowledged and reported, the answer clock runs on.
  await postOfficial(page, "您好,工程部明天上门查看起拱范围,方案确定后会在本帖回复。", { progress: true });
  await expect(page.locator('[data-official-kind="progress"]').first()).toBeVisible();
  await expect(page.locator('[data-sla="ack"]').first()).toHaveAttribute("data-state", "met");
  await expect(page.locator('[data-sla="answer"]').first()).toHaveAttribute("data-state", "pending");
  await expect(page.locator('[data-sla="promise"]')).toHaveCount(0);
  await expect(page.locator(".timeline")).toContainText("已受理,并上报集团总部");

  // A solution promising a date two days on: the answer clock stops, the promise clock starts.
  const promisedDate = localDayKey(Date.now() + 2 * DAY, TZ);
  await postOfficial(page, "经查为地板防潮层破损,将整体更换客厅地板,承诺在约定日期前完工。", { promisedDate });
  await expect(page.locator('[data-sla="answer"]').first()).toHaveAttribute("data-state", "met");
  await expect(page.locator('[data-sla="promise"]').first()).toHaveAttribute("data-state", "pending");
  await expect(page.locator(".timeline")).toContainText(`承诺于 ${promisedDate} 前完成`);

  // Four days later the date has passed: the public sees the broken promise, on the thread and the list.
  const later = moveServerClock(4 * DAY);
  await recordBreaches(later);
  // From here on the clock stands still, and the scoreboard is read at this moment only: its
  // 90 days move with the clock, so counts read before the move are not comparable (older
  // complaints leave the window). Its sums are tested in tests/integration/stats.test.ts.
  const broken = await stats();
  const visitor = await browser.newContext({ locale: "zh-CN", javaScriptEnabled: false });
  const anon = await visitor.newPage();
  await anon.goto(`/threads/${id}`);
  await expect(anon.locator('[data-sla="promise"]').first()).toHaveAttribute("data-state", "overdue");
  await expect(anon.locator('[data-sla="promise"] .countdown-text').first()).toContainText("已逾期");
  await expect(anon.locator(".timeline")).toContainText("承诺到期未兑现,已通报");
  await expect(anon.locator(".thread-facts")).toContainText("集团总部督办");
  await anon.goto(`/projects/${project.slug}`);
  const row = anon.locator(".thread-item", { hasText: "客厅地板起拱,需要更换" });
  await expect(row.locator('[data-sla="promise"]')).toHaveAttribute("data-state", "overdue");

  // Staff record it kept, late.
  await open(page, `/threads/${id}`);
  await page.getByLabel("兑现说明(公开显示)").fill("客厅地板已全部更换,业主已验收。");
  await page.getByRole("button", { name: "确认已兑现" }).click();
  await expect(page.locator('[data-sla="promise"]').first()).toHaveAttribute("data-state", "missed");
  await expect(page.locator(".thread-facts")).toContainText("已兑现,待回访");

  // A satisfied call-back closes the complaint.
  await open(page, `/staff/threads/${id}`);
  const callback = page.locator("form", { has: page.locator('input[name="intent"][value="callback"]') });
  await callback.getByLabel("回访日期").fill(localDayKey(later, TZ));
  await callback.getByLabel("回访方式").selectOption("phone");
  await callback.getByLabel("回访结果").selectOption("satisfied");
  await callback.getByLabel("回访记录(选填)").fill("业主对更换后的地板满意。");
  await callback.getByLabel("公开回访记录").check();
  const recorded = page.waitForResponse((r) => r.request().method() === "POST" && r.ok());
  await callback.getByRole("button", { name: "记录回访" }).click();
  await recorded;
  await anon.goto(`/threads/${id}`);
  await expect(anon.locator(".thread-facts")).toContainText("已结案");
  await expect(anon.locator('[data-callback="satisfied"]')).toContainText("业主对更换后的地板满意。");
  await expect(anon.locator(".timeline")).toContainText("回访满意,投诉结案");

  // The scoreboard moves: one more closed complaint; the promise kept late stays a promise not kept on time.
  const after = await stats();
  expect(after.resolved).toBe(broken.resolved + 1);
  expect(after.promiseDecided).toBe(broken.promiseDecided);
  expect(after.promiseOnTime).toBe(broken.promiseOnTime);
  await visitor.close();
});
