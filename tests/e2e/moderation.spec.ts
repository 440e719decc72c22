import { test, expect, loginAs, open } from "./fixtures";

type ApiPost = { id: number; kind: string; bodyHtml: string | null };

test("staff triage a thread and hide a reply; visitors see the tombstone; the audit log shows both", async ({ page, browser, request }) => {
  const list = await (await request.get("/api/threads?pageSize=100")).json();
  let threadId = 0;
  let reply: ApiPost | undefined;
  for (const t of list.threads as { id: number; replyCount: number }[]) {
    if (t.replyCount === 0) continue;
    const { thread } = await (await request.get(`/api/threads/${t.id}`)).json();
    reply = (thread.replies as ApiPost[]).find((p) => p.kind === "reply" && p.bodyHtml);
    if (reply) {
      threadId = t.id;
      break;
    }
  }
  expect(reply, "a demo thread with an owner's reply").toBeDefined();

  await loginAs(page.context(), "staff@example.com");
  await page.goto("/staff");
  await expect(page.getByRole("heading", { level: 1, name: "工作台" })).toBeVisible();
  await open(page, `/staff/threads/${threadId}`);
  await page.getByLabel("严重程度").selectOption("3");
  await page.getByLabel("责任部门").selectOption("engineering");
  await page.getByRole("button", { name: "保存分类" }).click();
  await expect(page.locator('[data-event="set_severity"]')).toContainText("严重");

  const post = page.locator(`#post-${reply!.id}`);
  await post.getByLabel("原因(公开显示)").fill("含个人联系方式");
  await post.getByRole("button", { name: "隐藏" }).click();
  await expect(page.locator(`#post-${reply!.id}`).getByText("已隐藏")).toBeVisible();

  const visitor = await browser.newContext({ locale: "zh-CN" });
  const anon = await visitor.newPage();
  await anon.goto(`/threads/${threadId}`);
  const tomb = anon.locator(`#post-${reply!.id}`);
  await expect(tomb.getByText("该内容已被管理员隐藏:含个人联系方式")).toBeVisible();
  await expect(tomb.locator(".post-body")).toHaveCount(0);
  await expect(anon.locator(".thread-facts")).toContainText("严重");
  await expect(anon.locator(".thread-facts")).toContainText("工程部");
  // Staff-only pages stay closed to visitors.
  await anon.goto("/staff");
  await expect(anon).toHaveURL(/\/login/);
  await visitor.close();

  await page.goto(`/staff/audit?thread=${threadId}`);
  await expect(page.locator('tr[data-action="triage"]')).toHaveCount(1);
  await expect(page.locator('tr[data-action="hide_post"]')).toHaveCount(1);
  await expect(page.locator('tr[data-action="hide_post"]')).toContainText("含个人联系方式");
});
