// Every public page describes itself to search engines and link previews, in the viewer's
// language, and a hidden thread's description gives away none of its words.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../app/lib/translate";
import { setThreadHidden } from "../../app/models/moderation.server";
import * as home from "../../app/routes/_index";
import * as login from "../../app/routes/login";
import * as disclosures from "../../app/routes/projects.$slug_.disclosures._index";
import * as disclosuresPrint from "../../app/routes/projects.$slug_.disclosures.print";
import * as project from "../../app/routes/projects.$slug";
import * as projects from "../../app/routes/projects._index";
import * as register from "../../app/routes/register";
import * as search from "../../app/routes/search";
import * as stats from "../../app/routes/stats";
import * as thread from "../../app/routes/threads.$id";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { BASE, callLoader } from "../support/remix";

type Route = { loader: (args: LoaderFunctionArgs) => unknown; meta?: unknown };
type Descriptor = Record<string, string>;

const HIDDEN_TITLE = "隐藏的标题不得出现在描述里";
let slug = "";
let threadId = 0;
let hiddenId = 0;

beforeAll(async () => {
  const owner = await makeUser("owner");
  const staff = await makeUser("staff");
  const p = await makeProject({ slug: "seo-project", name: "描述楼盘" });
  slug = p.slug;
  threadId = await makeThread({ authorId: owner.id, projectId: p.id, complaintType: "sales", title: "可以描述的投诉" });
  hiddenId = await makeThread({ authorId: owner.id, projectId: p.id, title: HIDDEN_TITLE });
  await setThreadHidden(hiddenId, staff.id, "违规", Date.now());
});

/** The description the route's meta gives this URL, after its loader ran. */
async function description(route: Route, path: string, params: Record<string, string> = {}, locale: Locale = "zh-CN") {
  const res = await callLoader(route.loader, path, { params, headers: { "Accept-Language": locale } });
  expect(res.status, path).toBe(200);
  const data = await res.json();
  const matches = [
    { id: "root", pathname: "/", params, data: { locale }, meta: [] },
    { id: "page", pathname: new URL(BASE + path).pathname, params, data, meta: [] },
  ];
  const descriptors = (route.meta as (args: unknown) => Descriptor[])({ data, params, matches, location: { pathname: path }, error: undefined });
  return descriptors.filter((d) => d.name === "description").map((d) => d.content);
}

const pages = (): [string, Route, string, Record<string, string>][] => [
  ["home", home, "/", {}],
  ["thread", thread, `/threads/${threadId}`, { id: String(threadId) }],
  ["projects", projects, "/projects", {}],
  ["project", project, `/projects/${slug}`, { slug }],
  ["disclosures", disclosures, `/projects/${slug}/disclosures`, { slug }],
  ["disclosures to print", disclosuresPrint, `/projects/${slug}/disclosures/print`, { slug }],
  ["search", search, "/search?q=描述", {}],
  ["stats", stats, "/stats", {}],
  ["login", login, "/login", {}],
  ["register", register, "/register", {}],
];

describe("public pages' descriptions", () => {
  it.each(["zh-CN", "en"] as const)("are there, one each, filled in, in %s", async (locale) => {
    for (const [name, route, path, params] of pages()) {
      const found = await description(route, path, params, locale);
      expect(found, name).toHaveLength(1);
      expect(found[0]!.length, name).toBeGreaterThan(15);
      expect(found[0], name).not.toMatch(/\{\{|seo\.|undefined/);
      expect(/[\u4e00-\u9fff]{4}/.test(found[0]!.replace(/描述楼盘/g, "")), `${name} in ${locale}`).toBe(locale === "zh-CN");
    }
  });

  it("name a thread's project, type and status, and never a hidden thread's title", async () => {
    expect(await description(thread, `/threads/${threadId}`, { id: String(threadId) })).toEqual([expect.stringMatching(/^描述楼盘 · 销售管理 · /)]);
    const hidden = await description(thread, `/threads/${hiddenId}`, { id: String(hiddenId) });
    expect(hidden[0]).not.toContain(HIDDEN_TITLE);
  });
});
