// Every page with an Atom feed names it in its head, and every named feed answers.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../app/lib/i18n";
import { setThreadHidden } from "../../app/models/moderation.server";
import * as home from "../../app/routes/_index";
import * as projectPage from "../../app/routes/projects.$slug";
import * as disclosuresPage from "../../app/routes/projects.$slug_.disclosures._index";
import * as threadPage from "../../app/routes/threads.$id";
import { loader as threadsFeedLoader } from "../../app/routes/feeds.threads[.]atom";
import { loader as timelineFeedLoader } from "../../app/routes/threads.$id_.timeline[.]atom";
import { loader as disclosuresFeedLoader } from "../../app/routes/projects.$slug_.disclosures[.]atom";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { BASE, callLoader } from "../support/remix";

type Route = { loader: (args: LoaderFunctionArgs) => unknown; meta?: unknown };
type Descriptor = Record<string, string>;
type Viewer = { id: string } | null;

const HIDDEN_TITLE = "隐藏的标题不得出现在订阅名里";
let project: Awaited<ReturnType<typeof makeProject>>;
let threadId = 0;
let hiddenId = 0;
let staff: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  const owner = await makeUser("owner");
  staff = await makeUser("staff");
  project = await makeProject({ slug: "links-project", name: "发现楼盘" });
  threadId = await makeThread({ authorId: owner.id, projectId: project.id, complaintType: "sales", title: "可以订阅的投诉" });
  hiddenId = await makeThread({ authorId: owner.id, projectId: project.id, title: HIDDEN_TITLE });
  await setThreadHidden(hiddenId, staff.id, "违规", Date.now());
});

/** What the route's meta puts in the head for this URL, after its loader ran as Remix runs it. */
async function head(
  route: Route,
  path: string,
  { params = {}, user = null, locale = "zh-CN" }: { params?: Record<string, string>; user?: Viewer; locale?: Locale } = {},
) {
  const res = await callLoader(route.loader, path, { params, user, headers: { "Accept-Language": locale } });
  expect(res.status).toBe(200);
  const data = await res.json();
  const url = new URL(BASE + path);
  const matches = [
    { id: "root", pathname: "/", params, data: { locale }, meta: [] },
    { id: "page", pathname: url.pathname, params, data, meta: [] },
  ];
  const location = { pathname: url.pathname, search: url.search, hash: "", state: null, key: "default" };
  const meta = route.meta as (args: unknown) => Descriptor[];
  return meta({ data, params, location, matches, error: undefined });
}

const feedLinks = (descriptors: Descriptor[]) =>
  descriptors.filter((d) => d.tagName === "link" && d.rel === "alternate" && d.type === "application/atom+xml").map(({ title, href }) => ({ title, href }));

/** The feed behind a link, from its own loader: it must be an Atom document with the link's title. */
async function feedAt(link: { title?: string; href?: string }, locale: Locale = "zh-CN") {
  const href = link.href ?? "";
  // Root-relative, like every link the site makes.
  expect(href).toMatch(/^\/[^/]/);
  const path = new URL(BASE + href).pathname;
  const headers = { "Accept-Language": locale };
  let m: RegExpMatchArray | null;
  let res: Response;
  if (path === "/feeds/threads.atom") res = await callLoader(threadsFeedLoader, href, { headers });
  else if ((m = path.match(/^\/threads\/(\d+)\/timeline\.atom$/))) res = await callLoader(timelineFeedLoader, href, { headers, params: { id: m[1]! } });
  else if ((m = path.match(/^\/projects\/([^/]+)\/disclosures\.atom$/)))
    res = await callLoader(disclosuresFeedLoader, href, { headers, params: { slug: decodeURIComponent(m[1]!) } });
  else throw new Error(`no feed route for ${href}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/atom\+xml/);
  const xml = await res.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(xml).feed;
  expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  // A reader subscribes under the name the page offered.
  expect(String(feed.title)).toBe(link.title);
  return { xml, feed };
}

describe("feed links in the head", () => {
  it("the home page offers the feed of new complaints", async () => {
    const links = feedLinks(await head(home, "/"));
    expect(links).toEqual([{ title: "最新投诉 · 投诉", href: "/feeds/threads.atom" }]);
    await feedAt(links[0]!);
  });

  it("a filtered list offers the feed narrowed the same way, by project and type only", async () => {
    const links = feedLinks(await head(home, "/?project=links-project&type=sales&status=awaiting_ack&sort=metoo&page=2"));
    expect(links).toEqual([{ title: "最新投诉:发现楼盘 · 销售管理 · 投诉", href: "/feeds/threads.atom?project=links-project&type=sales" }]);
    const { xml } = await feedAt(links[0]!);
    expect(xml).toContain("可以订阅的投诉");
    expect(feedLinks(await head(home, "/?type=sales"))[0]!.href).toBe("/feeds/threads.atom?type=sales");
    // A project that does not exist has no feed to offer.
    expect(feedLinks(await head(home, "/?project=no-such-project"))).toEqual([]);
  });

  it("a project page offers its complaints and its disclosures", async () => {
    const links = feedLinks(await head(projectPage, "/projects/links-project", { params: { slug: "links-project" } }));
    expect(links.map((l) => l.href)).toEqual(["/feeds/threads.atom?project=links-project", "/projects/links-project/disclosures.atom"]);
    for (const link of links) await feedAt(link);
  });

  it("the disclosures page offers the disclosures feed", async () => {
    const links = feedLinks(await head(disclosuresPage, "/projects/links-project/disclosures", { params: { slug: "links-project" } }));
    expect(links).toEqual([{ title: "不利因素公示:发现楼盘 · 投诉", href: "/projects/links-project/disclosures.atom" }]);
    await feedAt(links[0]!);
  });

  it("a thread page offers its timeline", async () => {
    const links = feedLinks(await head(threadPage, `/threads/${threadId}`, { params: { id: String(threadId) } }));
    expect(links).toEqual([{ title: "处理进度:可以订阅的投诉 · 投诉", href: `/threads/${threadId}/timeline.atom` }]);
    await feedAt(links[0]!);
  });

  it("a hidden thread's feed is named by its number, for visitors and for staff who can read the title", async () => {
    for (const user of [null, staff]) {
      const links = feedLinks(await head(threadPage, `/threads/${hiddenId}`, { params: { id: String(hiddenId) }, user }));
      expect(links).toEqual([{ title: `处理进度:投诉 #${hiddenId} · 投诉`, href: `/threads/${hiddenId}/timeline.atom` }]);
      const { xml } = await feedAt(links[0]!);
      expect(xml).not.toContain(HIDDEN_TITLE);
    }
  });

  it("names feeds in the viewer's language", async () => {
    const pages: [Route, string, Record<string, string>][] = [
      [home, "/?project=links-project&type=sales", {}],
      [projectPage, "/projects/links-project", { slug: "links-project" }],
      [disclosuresPage, "/projects/links-project/disclosures", { slug: "links-project" }],
      [threadPage, `/threads/${threadId}`, { id: String(threadId) }],
    ];
    const titles: string[] = [];
    for (const [route, path, params] of pages) {
      for (const link of feedLinks(await head(route, path, { params, locale: "en" }))) {
        await feedAt(link, "en");
        titles.push(link.title!);
      }
    }
    expect(titles).toEqual([
      "New complaints: 发现楼盘 · Sales · Tousu",
      "New complaints: 发现楼盘 · Tousu",
      "Nearby negative factors: 发现楼盘 · Tousu",
      "Nearby negative factors: 发现楼盘 · Tousu",
      "Progress: 可以订阅的投诉 · Tousu",
    ]);
  });

  it("come after the page title, which stays as it was", async () => {
    expect((await head(threadPage, `/threads/${threadId}`, { params: { id: String(threadId) } }))[0]).toEqual({ title: "可以订阅的投诉 · 投诉" });
  });
});
