import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { i18nFor, memoizedT } from "../../app/lib/i18n";
import { eventText } from "../../app/lib/timeline-text";
import zhCN from "../../app/locales/zh-CN";
import { recordBreaches } from "../../app/models/clocks.server";
import { createDraftFactor, publishDraft, reviseFactor, updateDraft } from "../../app/models/disclosures.server";
import { addInternalNote, setThreadHidden, triageThread } from "../../app/models/moderation.server";
import { acknowledgeThread, keepPromise, postOfficial, recordCallback, reopenThread } from "../../app/models/responses.server";
import { getThread } from "../../app/models/threads.server";
import { threadEvents } from "../../db/schema";
import { loader as threadsFeedLoader } from "../../app/routes/feeds.threads[.]atom";
import { loader as timelineFeedLoader } from "../../app/routes/threads.$id_.timeline[.]atom";
import { loader as disclosuresFeedLoader } from "../../app/routes/projects.$slug_.disclosures[.]atom";
import { makeProject, makeThread, makeUnit, makeUser } from "../support/factories";
import { callLoader } from "../support/remix";

const SECRET = "内部备注绝不外泄XYZ";
let threadId = 0;
let hiddenId = 0;
let project: Awaited<ReturnType<typeof makeProject>>;

beforeAll(async () => {
  const owner = await makeUser("owner");
  const staff = await makeUser("staff");
  project = await makeProject({ slug: "feed-project", name: "订阅楼盘" });
  threadId = await makeThread({ authorId: owner.id, projectId: project.id, complaintType: "quality", title: "订阅测试 & <特殊字符>" });
  await makeThread({ authorId: owner.id, projectId: project.id, complaintType: "sales", title: "销售问题" });
  hiddenId = await makeThread({ authorId: owner.id, projectId: project.id, title: "隐藏标题不应出现" });
  await setThreadHidden(hiddenId, staff.id, "重复", Date.now());
  await acknowledgeThread({ threadId, staffId: staff.id, note: "已转工程部" }, Date.now());
  await postOfficial({ kind: "solution", threadId, staffId: staff.id, body: "您好,已安排维修人员明天上门,请保持电话畅通。" }, Date.now());
  await addInternalNote(threadId, staff.id, SECRET, Date.now());
  await triageThread(
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
  const { factorId, versionId } = await createDraftFactor(
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
  await publishDraft(versionId, staff.id, Date.now());
  const r = await reviseFactor(factorId, staff.id, Date.now());
  if (r.ok) {
    await updateDraft(
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
    await publishDraft(r.versionId, staff.id, Date.now());
  }
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

type Entry = { id: string; title: string | { "#text": string; "@type"?: string }; updated: string; link?: unknown; author?: { name: string } };

/** What a reader shows for a text construct: type="html" is HTML, its entities decoded (a tag would be markup). */
const shown = (title: Entry["title"]) => {
  if (typeof title === "string") return title;
  if (title["@type"] !== "html") return title["#text"];
  expect(title["#text"]).not.toMatch(/<[a-z/]/i);
  return title["#text"]
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&(lt|gt|quot|apos|amp);/g, (_, n: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[n]!);
};

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
  return { xml, feed, entries, titles: entries.map((e) => shown(e.title)) };
}

describe("Atom feeds", () => {
  it("carry what owners typed as text: no element of theirs, no character XML refuses", async () => {
    const injected = ']]>]]></title><link rel="alternate" href="https://e.vil/"/><title><![CDATA[';
    const author = await makeUser("owner", { displayName: "控制\u0001字符\uFFFE" });
    const project = await makeProject({ slug: "feed-injection" });
    const id = await makeThread({ authorId: author.id, projectId: project.id, title: injected });
    const { xml, entries, titles } = await atom(await callLoader(threadsFeedLoader, "/feeds/threads.atom?project=feed-injection"));
    expect(titles).toEqual([injected]);
    expect(xml).not.toContain('e.vil/"/>');
    expect(xml.includes("\u0001") || xml.includes("\uFFFE")).toBe(false);
    expect(entries[0]!.author?.name).toBe("控制字符");
    // The thread's own timeline too.
    const timeline = await atom(await callLoader(timelineFeedLoader, `/threads/${id}/timeline.atom`, { params: { id: String(id) } }));
    expect(timeline.xml).not.toContain('e.vil/"/>');
  });

  it("date an entry by its last change, so that a reader replaces a title hidden since", async () => {
    const owner = await makeUser("owner");
    const staff = await makeUser("staff");
    const project = await makeProject({ slug: "feed-updated" });
    const posted = Date.now() - 5 * 3_600_000;
    const id = await makeThread({ authorId: owner.id, projectId: project.id, title: "后来被隐藏的标题", now: posted });
    await setThreadHidden(id, staff.id, "含个人信息", posted + 3_600_000);
    const { feed, entries, titles } = await atom(await callLoader(threadsFeedLoader, "/feeds/threads.atom?project=feed-updated"));
    expect(titles).toEqual([expect.stringContaining("含个人信息")]);
    expect(Date.parse(entries[0]!.updated)).toBe(posted + 3_600_000);
    expect(Date.parse(feed.updated)).toBe(posted + 3_600_000);
    // Restored, then reclassified: each is a later change, never an earlier one.
    await setThreadHidden(id, staff.id, null, posted + 2 * 3_600_000);
    const restored = await atom(await callLoader(threadsFeedLoader, "/feeds/threads.atom?project=feed-updated"));
    expect(restored.titles).toEqual(["后来被隐藏的标题"]);
    expect(Date.parse(restored.entries[0]!.updated)).toBe(posted + 2 * 3_600_000);
    await triageThread(
      id,
      staff.id,
      { complaintType: "design", severity: null, validity: null, invalidReason: null, department: null, assigneeId: null },
      posted + 3 * 3_600_000,
    );
    const retyped = await atom(await callLoader(threadsFeedLoader, "/feeds/threads.atom?project=feed-updated"));
    expect(Date.parse(retyped.entries[0]!.updated)).toBe(posted + 3 * 3_600_000);
  });

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

describe("a thread's timeline feed", () => {
  const H = 3_600_000;
  const DAY = 24 * H;
  const T0 = Date.UTC(2026, 2, 10); // 08:00 in Shanghai
  const PRIVATE = "回访备注仅内部可见QRS";
  const INTERNAL = "内部讨论绝不外泄UVW";
  const ANSWER = "您好,维修人员将上门处理渗水问题,请保持电话畅通。";
  // Words the locale has for a public event; a raw key would look like "timeline.closed".
  const RAW_KEY = /\b(timeline|verdict|triage|holders|types|statuses|feeds)\.[A-Za-z_]+/;
  const pageT = memoizedT(i18nFor("zh-CN"));
  const feedOf = async (id: number) => atom(await callLoader(timelineFeedLoader, `/threads/${id}/timeline.atom`, { params: { id: String(id) } }));

  it("shows every public event of a complaint's life in the page's words, and nothing internal", async () => {
    const admin = await makeUser("admin");
    const owner = await makeUser("owner");
    const staff = await makeUser("staff");
    const p = await makeProject();
    await makeUnit(admin.id, { projectIds: [p.id] });
    const id = await makeThread({ authorId: owner.id, projectId: p.id, now: T0 });
    const ok = (r: { ok: boolean }) => expect(r.ok).toBe(true);
    // Both clocks run out at the regional company: breaches, and headquarters takes over.
    await recordBreaches(T0 + 4 * H);
    ok(await acknowledgeThread({ threadId: id, staffId: staff.id, note: "已转工程部" }, T0 + 5 * H));
    ok(await postOfficial({ kind: "progress", threadId: id, staffId: staff.id, body: "工程部已安排勘查,明日给出方案。" }, T0 + 6 * H));
    await recordBreaches(T0 + 13 * H);
    // A promise not kept by its day, and the owner says so.
    ok(await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER, promisedDate: "2026-03-12" }, T0 + 14 * H));
    await recordBreaches(T0 + 3 * DAY);
    ok(await reopenThread({ threadId: id, userId: owner.id, comment: "承诺的日期过了,还没有人来。", notDelivered: true }, T0 + 3 * DAY + H));
    // Delivered, but the owner is not satisfied at the call-back (its note stays internal).
    ok(await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER }, T0 + 3 * DAY + 2 * H));
    ok(
      await recordCallback(
        { threadId: id, staffId: staff.id, calledAt: T0 + 4 * DAY, method: "phone", outcome: "not_satisfied", note: PRIVATE, isPublic: false },
        T0 + 4 * DAY,
      ),
    );
    // A promise kept, then a satisfied call-back closes it.
    ok(await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: ANSWER, promisedDate: "2026-03-20" }, T0 + 4 * DAY + H));
    ok(await keepPromise({ threadId: id, staffId: staff.id, note: "已修复,附验收单" }, T0 + 5 * DAY));
    ok(
      await recordCallback(
        { threadId: id, staffId: staff.id, calledAt: T0 + 6 * DAY, method: "visit", outcome: "satisfied", note: "上门回访,业主满意", isPublic: true },
        T0 + 6 * DAY,
      ),
    );
    ok(
      await triageThread(
        id,
        staff.id,
        { complaintType: "quality", severity: 3, validity: "valid", invalidReason: null, department: "engineering", assigneeId: staff.id },
        T0 + 6 * DAY + H,
      ),
    );
    await addInternalNote(id, staff.id, INTERNAL, T0 + 6 * DAY + 2 * H);

    const events = (await getThread(id, null))!.events;
    const kinds = new Set(events.map((e) => e.kind));
    for (const kind of [
      "acknowledged",
      "ack_breached",
      "answer_breached",
      "escalated_hq",
      "progress",
      "answered",
      "promised",
      "promise_breached",
      "not_delivered",
      "callback",
      "callback_not_satisfied",
      "promise_kept",
      "closed",
      "set_severity",
    ])
      expect(kinds, kind).toContain(kind);
    // Staff see the assignment on the page; visitors and the feed never do.
    expect((await getThread(id, staff))!.events.some((e) => e.kind === "set_assignee")).toBe(true);
    expect(kinds).not.toContain("set_assignee");

    const { xml, titles } = await feedOf(id);
    // Newest first: every public event, then the posting, each in the words the page uses.
    const page = [...events].reverse().map((e) => eventText(pageT, e));
    expect(titles).toEqual([...page, eventText(pageT, { kind: "posted", actorName: owner.displayName })]);
    for (const title of titles) expect(title).not.toMatch(RAW_KEY);
    expect(xml).toContain("上门回访,业主满意");
    expect(xml).toContain("已修复,附验收单");
    for (const secret of [PRIVATE, INTERNAL, "set_assignee", "更改了负责人"]) expect(xml).not.toContain(secret);
  });

  it("has words for every kind of event, and a plain update for one it does not know", async () => {
    const owner = await makeUser("owner");
    const p = await makeProject();
    const id = await makeThread({ authorId: owner.id, projectId: p.id, now: T0 });
    const values: Record<string, { fromValue?: string; toValue?: string }> = {
      acknowledged: { toValue: "集团总部" },
      promised: { toValue: "2026-03-12" },
      escalated_hq: { fromValue: "regional", toValue: "hq" },
      callback: { fromValue: "online", toValue: "unreachable" },
      set_complaintType: { fromValue: "quality", toValue: "sales" },
      set_severity: { fromValue: "1", toValue: "2" },
      set_validity: { toValue: "invalid" },
      set_department: { toValue: "customer_service" },
      merged_into: { toValue: "12" },
      merged_from: { fromValue: "13" },
      unmerged: { fromValue: "12" },
      unmerged_from: { fromValue: "13" },
    };
    // Every kind the locale names (set_assignee included, as if it had become public), and one it does not.
    const known = Object.keys(zhCN.timeline).filter((k) => k !== "title" && k !== "note" && k !== "posted");
    const kinds = [...known, "a_kind_not_yet_named"];
    for (const [i, kind] of kinds.entries()) {
      await getDb()
        .insert(threadEvents)
        .values({ threadId: id, kind, createdAt: T0 + (i + 1) * H, fromValue: null, toValue: null, ...values[kind] })
        .run();
    }
    // A known kind whose stored value has no words yet reads as a plain update too.
    await getDb()
      .insert(threadEvents)
      .values({ threadId: id, kind: "callback", fromValue: "carrier_pigeon", toValue: "satisfied", createdAt: T0 + 100 * H })
      .run();
    for (const locale of ["zh-CN", "en"] as const) {
      const res = await callLoader(timelineFeedLoader, `/threads/${id}/timeline.atom`, { params: { id: String(id) }, headers: { "Accept-Language": locale } });
      const { titles } = await atom(res);
      const t = memoizedT(i18nFor(locale));
      expect(titles).toHaveLength(kinds.length + 2);
      for (const title of titles) expect(title).not.toMatch(RAW_KEY);
      expect(titles[0]).toBe(t("feeds.event"));
      expect(titles[1]).toBe(t("feeds.event"));
      expect(titles.filter((x) => x === t("feeds.event"))).toHaveLength(2);
    }
  });
});
