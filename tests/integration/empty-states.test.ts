// Staff pages with nothing to list say so, instead of showing an empty table or list; with
// something, they show it.
import { describe, expect, it } from "vitest";
import * as usersRoute from "../../app/routes/admin.users";
import * as disclosuresRoute from "../../app/routes/staff.projects.$slug.disclosures";
import * as flagsRoute from "../../app/routes/staff.flags";
import { flagPost } from "../../app/models/moderation.server";
import { createReply } from "../../app/models/threads.server";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { renderPage } from "../support/render";

describe("an empty staff page", () => {
  it("the user search with no match says what was searched for, and shows no table", async () => {
    const admin = await makeUser("admin");
    const { html } = await renderPage(usersRoute, "/admin/users", "/admin/users?q=nobody-by-this-name", { user: admin });
    expect(html).toContain("没有与“nobody-by-this-name”相符的账号");
    expect(html).not.toContain("<table");
    const found = await renderPage(usersRoute, "/admin/users", `/admin/users?q=${encodeURIComponent(admin.email)}`, { user: admin });
    expect(found.html).toContain("<table");
    expect(found.html).not.toContain("没有与");
  });

  it("a project's disclosures with no factor yet asks for the first", async () => {
    const staff = await makeUser("staff");
    const project = await makeProject();
    const { html } = await renderPage(disclosuresRoute, "/staff/projects/:slug/disclosures", `/staff/projects/${project.slug}/disclosures`, { user: staff });
    expect(html).toContain("还没有任何不利因素");
  });

  it("the flag queue shows each flagged post's count and reasons", async () => {
    const staff = await makeUser("staff");
    const owner = await makeUser("owner");
    const project = await makeProject();
    const threadId = await makeThread({ authorId: owner.id, projectId: project.id });
    const replyId = await createReply({ threadId, authorId: staff.id, body: "低价装修,加微信", asStaff: true }, Date.now());
    for (const reason of ["spam", "abuse"] as const) expect((await flagPost(replyId, (await makeUser("owner")).id, reason, Date.now())).ok).toBe(true);
    const { html } = await renderPage(flagsRoute, "/staff/flags", "/staff/flags", { user: staff });
    const article = html.match(new RegExp(`<article[^>]*data-flagged-post="${replyId}"[\\s\\S]*?</article>`))![0].replace(/<!-- -->/g, "");
    expect(article).toContain("2 次举报");
    expect(article).toMatch(/垃圾广告 · 辱骂攻击|辱骂攻击 · 垃圾广告/);
  });
});
