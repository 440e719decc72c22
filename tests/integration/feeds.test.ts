import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { createDraftFactor, publishDraft, reviseFactor, updateDraft } from "../../app/models/disclosures.server";
import { addInternalNote, setThreadHidden, triageThread } from "../../app/models/moderation.server";
import { acknowledgeThread, postOfficial } from "../../app/models/responses.server";
import { loader as threadsFeedLoader } from "../../app/routes/feeds.threads[.]atom";
import { loader as timelineFeedLoader } from "../../app/routes/threads.$id_.timeline[.]atom";
import { loader as disclosuresFeedLoader } from "../../app/routes/projects.$slug_.disclosures[.]atom";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callLoader } from "../support/remix";

const SECRET = "内部备注绝不外泄XYZ";
let threadId = 0;
let hiddenId = 0;
let project: ReturnType<typeof makeProject>;

beforeAll(async () => {
  const owner = await makeUser("owner");
  const staff = await makeUser("staff");
  project = makeProject({ slug: "feed-project", name: "订阅楼盘" });
  threadId = makeThread({ authorId: owner.id, projectId: project.id, complaintType: "quality", title: "订阅测试 & <特殊字符>" });
  makeThread({ authorId: owner.id, projectId: project.id, complaintType: "sales", title: "销售问题" });
  hiddenId = makeThread({ authorId: owner.id, projectId: project.id, title: "隐藏标题不应出现" });
  setThreadHidden(hiddenId, staff.id, "重复", Date.now());
  acknowledgeThread({ threadId, staffId: staff.id, note: "已转工程部" }, Date.now());
  postOfficial({ kind: "solution", threadId, staffId: staff.id, body: "您好,已安排维修人员明天上门,请保持电话畅通。" }, Date.now());
  addInternalNote(threadId, staff.id, SECRET, Date.now());
  triageThread(
    threadId,
    staff.id,
    {
      complaintType: "quality",
      severity: 2,
      validity: "valid",
      invalidReason: null,
      department: "engineering",
      assigneeId: staff.id,
    },
    Date.now(),
  );
  const { factorId, versionId } = createDraftFactor(
    project.id,
    staff.id,
    {
      factorType: "railway",
      title: "铁路",
      impact: "噪音",
      direction: "SE",
      distanceM: 200,
      mitigation: null,
      sourceNote: null,
    },
    Date.now(),
  );
  publishDraft(versionId, staff.id, Date.now());
  const r = reviseFactor(factorId, staff.id, Date.now());
  if (r.ok) {
    updateDraft(
      r.versionId,
      staff.id,
      {
        factorType: "railway",
        title: "铁路",
        impact: "噪音",
        direction: "SE",
        distanceM: 150,
        mitigation: null,
        sourceNote: null,
      },
      Date.now(),
    );
    publishDraft(r.versionId, staff.id, Date.now());
  }
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

type Entry = { id: string; title: string | { "#text": string }; updated: string; link?: unknown; author?: { name: string } };

/** Well-formed Atom with the elements RFC 4287 requires. */
async function atom(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/atom\+xml/);
  const xml = await res.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml);
  const feed = doc.feed;
  expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  expect(typeof feed.id).toBe("string");
  expect(feed.title).toBeTruthy();
  expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
  const links = list(feed.link as { "@rel"?: string; "@href": string }[]);
  expect(links.some((l) => l["@rel"] === "self")).toBe(true);
  expect(links.some((l) => (l["@rel"] ?? "alternate") === "alternate")).toBe(true);
  const entries = list(feed.entry as Entry[]);
  for (const e of entries) {
    expect(typeof e.id).toBe("string");
    expect(e.title).toBeTruthy();
    expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
    // An author on the feed or on each entry.
    expect(feed.author?.name ?? e.author?.name).toBeTruthy();
  }
  expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  return { xml, feed, entries, titles: entries.map((e) => (typeof e.title === "string" ? e.title : e.title["#text"])) };
}

describe("Atom feeds", () => {
  it("new threads, site-wide, per project and per type", async () => {
    const all = await atom(await callLoader(threadsFeedLoader, "/feeds/threads.atom"));
    expect(all.titles).toContain("订阅测试 & <特殊字符>");
    const byProject = await atom(await callLoader(threadsFeedLoader, "/feeds/threads.atom?project=feed-project"));
    expect(byProject.entries).toHaveLength(3);
    const byType = await atom(await callLoader(threadsFeedLoader, "/feeds/threads.atom?project=feed-project&type=sales"));
    expect(byType.titles).toEqual(["销售问题"]);
    expect((await callLoader(threadsFeedLoader, "/feeds/threads.atom?project=nope")).status).toBe(404);
    // A hidden thread appears only as its tombstone.
    expect(all.xml).not.toContain("隐藏标题不应出现");
  });

  it("a thread's public timeline", async () => {
    const { entries, titles, xml } = await atom(
      await callLoader(timelineFeedLoader, `/threads/${threadId}/timeline.atom`, { params: { id: String(threadId) } }),
    );
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(titles.some((t) => t.includes("受理"))).toBe(true);
    // Triage events name their values, as on the page.
    expect(titles.find((t) => t.includes("严重程度"))).toMatch(/「重要」$/);
    expect(titles.find((t) => t.includes("责任部门"))).toMatch(/「工程部」$/);
    expect(xml).not.toContain(SECRET);
    expect(xml).not.toContain("set_assignee");
    expect(xml).not.toContain("更改了负责人");
    expect((await callLoader(timelineFeedLoader, "/threads/999999/timeline.atom", { params: { id: "999999" } })).status).toBe(404);
  });

  it("a project's disclosures, one entry per published version", async () => {
    const { titles } = await atom(await callLoader(disclosuresFeedLoader, "/projects/feed-project/disclosures.atom", { params: { slug: "feed-project" } }));
    expect(titles).toEqual(["「铁路」距离:200 米 → 150 米", "新增:铁路"]);
  });

  it("in English when asked", async () => {
    const { feed } = await atom(await callLoader(threadsFeedLoader, "/feeds/threads.atom", { headers: { "Accept-Language": "en" } }));
    expect(String(feed.title)).toContain("Tousu");
  });
});
