// A project page holds two things a reader moves through: the scoreboard's period and the pages
// of its complaints. Moving through one keeps where the reader is in the other.
import { beforeAll, describe, expect, it } from "vitest";
import * as projectRoute from "../../app/routes/projects.$slug";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { renderPage } from "../support/render";

let slug = "";

beforeAll(async () => {
  const project = await makeProject();
  slug = project.slug;
  const owner = await makeUser("owner");
  // One more than a page holds.
  for (let i = 0; i < 21; i++) await makeThread({ authorId: owner.id, projectId: project.id });
});

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
const render = async (query: string) => hrefs((await renderPage(projectRoute, "/projects/:slug", `/projects/${slug}${query}`)).html);

describe("a project page", () => {
  it("pages its complaints within the chosen period", async () => {
    const links = await render("?period=12_months");
    expect(links).toContain(`/projects/${slug}?period=12_months&page=2`);
    expect(links).not.toContain(`/projects/${slug}?page=2`);
  });

  it("changes the period without leaving the page of complaints, and back to the first page within it", async () => {
    const links = await render("?period=12_months&page=2");
    expect(links).toContain(`/projects/${slug}?period=this_month&page=2`);
    // The default period needs no word in the address.
    expect(links).toContain(`/projects/${slug}?page=2`);
    expect(links).toContain(`/projects/${slug}?period=12_months`);
  });
});
