// Staff pages with nothing to list say so, instead of showing an empty table or list.
import { describe, expect, it } from "vitest";
import * as usersRoute from "../../app/routes/admin.users";
import * as disclosuresRoute from "../../app/routes/staff.projects.$slug.disclosures";
import { makeProject, makeUser } from "../support/factories";
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
});
