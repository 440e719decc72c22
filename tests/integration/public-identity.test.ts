// What the public sees of an owner: their pseudonym in its project only, the verified-owner
// badge in its project only, a deleted account as "已注销用户" everywhere, and a disclosure
// judged against the purchase date without ever showing the date.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { createDraftFactor, publishDraft } from "../../app/models/disclosures.server";
import { purchaseDisclosureCounts } from "../../app/models/identity.server";
import { acknowledgeThread, confirmSolved, postOfficial } from "../../app/models/responses.server";
import { createReply, createThread, getThread } from "../../app/models/threads.server";
import { loader as homeLoader } from "../../app/routes/_index";
import { loader as apiListLoader } from "../../app/routes/api.threads._index";
import { loader as apiThreadLoader } from "../../app/routes/api.threads.$id";
import { loader as threadsFeedLoader } from "../../app/routes/feeds.threads[.]atom";
import * as projectRoute from "../../app/routes/projects.$slug";
import { loader as staffThreadLoader } from "../../app/routes/staff.threads.$id";
import * as threadRoute from "../../app/routes/threads.$id";
import { loader as timelineFeedLoader } from "../../app/routes/threads.$id_.timeline[.]atom";
import { ownerProjects, users } from "../../db/schema";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callLoader } from "../support/remix";
import { renderPage } from "../support/render";

type User = Awaited<ReturnType<typeof makeUser>>;
type Project = Awaited<ReturnType<typeof makeProject>>;

const PSEUDONYM = "三栋老王";
// The private record's details: none may ever reach a page, the API or a feed.
const PRIVATE = { building: "幢号Q7", unit: "单元X9031", phone: "13912345678" };
const DELETED_PSEUDONYM = "旧化名甲乙";
// Published at 01:00 on 16 March in Shanghai, still 15 March in UTC.
const PUBLISHED = Date.UTC(2026, 2, 15, 17, 0);
const POSTED = Date.UTC(2026, 4, 1, 2, 0);

let staff: User;
let owner: User;
let neighbour: User;
let deleted: User;
let deletedName = "";
let projectA: Project;
let projectB: Project;
let inA = 0;
let inB = 0;
let byDeleted = 0;

async function ownerRecord(userId: string, projectId: number, r: Partial<typeof ownerProjects.$inferInsert>) {
  const now = Date.now();
  await getDb()
    .insert(ownerProjects)
    .values({ userId, projectId, createdAt: now, updatedAt: now, ...r })
    .run();
}

const page = (id: number) => renderPage(threadRoute, "/threads/:id", `/threads/${id}`);
const threadData = async (id: number, user: User | null = null) =>
  (await callLoader(threadRoute.loader, `/threads/${id}`, { params: { id: String(id) }, user })).json();
const apiThread = async (id: number) => (await callLoader(apiThreadLoader, `/api/threads/${id}`, { params: { id: String(id) } })).json();
const feedText = async (path: string, loader: typeof threadsFeedLoader, params: Record<string, string> = {}) =>
  (await callLoader(loader, path, { params })).text();

beforeAll(async () => {
  staff = await makeUser("staff");
  owner = await makeUser("owner", { displayName: "王建国账号" });
  neighbour = await makeUser("owner", { displayName: "邻居小李" });
  deleted = await makeUser("owner", { displayName: "即将注销的人" });
  deletedName = deleted.displayName;
  projectA = await makeProject({ name: "甲苑" });
  projectB = await makeProject({ name: "乙苑" });
  await ownerRecord(owner.id, projectA.id, { ...PRIVATE, pseudonym: PSEUDONYM, purchaseDate: "2025-06-01", verifiedAt: Date.now(), verifiedBy: staff.id });
  // In B the same owner has a record with no pseudonym and no verification.
  await ownerRecord(owner.id, projectB.id, { unit: "单元B0001" });
  await ownerRecord(deleted.id, projectA.id, { pseudonym: DELETED_PSEUDONYM, verifiedAt: Date.now(), verifiedBy: staff.id });

  inA = await makeThread({ authorId: owner.id, projectId: projectA.id, title: "甲苑外墙渗水" });
  await createReply({ threadId: inA, authorId: neighbour.id, body: "我家也渗水" }, Date.now());
  // The owner's own confirmation puts them on the timeline as an actor.
  await acknowledgeThread({ threadId: inA, staffId: staff.id, note: "已转工程部" }, Date.now());
  await postOfficial({ kind: "solution", threadId: inA, staffId: staff.id, body: "已安排维修,今天完成。" }, Date.now());
  expect((await confirmSolved({ threadId: inA, userId: owner.id, ratings: { overall: 5, attitude: 5, speed: 5, result: 5 } }, Date.now())).ok).toBe(true);
  inB = await makeThread({ authorId: owner.id, projectId: projectB.id, title: "乙苑电梯故障" });

  byDeleted = await makeThread({ authorId: deleted.id, projectId: projectA.id, title: "注销者的投诉" });
  await createReply({ threadId: inA, authorId: deleted.id, body: "注销者的回复" }, Date.now());
  await acknowledgeThread({ threadId: byDeleted, staffId: staff.id, note: "已受理" }, Date.now());
  await postOfficial({ kind: "solution", threadId: byDeleted, staffId: staff.id, body: "已处理完毕。" }, Date.now());
  expect((await confirmSolved({ threadId: byDeleted, userId: deleted.id, ratings: { overall: 4, attitude: 4, speed: 4, result: 4 } }, Date.now())).ok).toBe(
    true,
  );
  // What account deletion leaves behind (written by its own model elsewhere): the mark, a blank name and address.
  await getDb().update(users).set({ deletedAt: Date.now(), displayName: "", email: "" }).where(eq(users.id, deleted.id)).run();
});

describe("a pseudonym", () => {
  it("names the owner publicly in its project, and only there", async () => {
    const a = (await getThread(inA))!;
    expect(a.authorName).toBe(PSEUDONYM);
    expect(a.opening!.authorName).toBe(PSEUDONYM);
    expect(a.opening!.authorAccountName).toBeNull();
    expect(a.events.find((e) => e.kind === "resolved")!.actorName).toBe(PSEUDONYM);
    const { html } = await page(inA);
    expect(html).toContain(PSEUDONYM);
    expect(html).not.toContain(owner.displayName);
    expect(html).not.toContain(owner.email);

    const b = (await getThread(inB))!;
    expect(b.authorName).toBe(owner.displayName);
    const other = await page(inB);
    expect(other.html).toContain(owner.displayName);
    expect(other.html).not.toContain(PSEUDONYM);
  });

  it("is what the lists show", async () => {
    const { html } = await renderPage(projectRoute, "/projects/:slug", `/projects/${projectA.slug}`);
    expect(html).toContain(PSEUDONYM);
    expect(html).not.toContain(owner.displayName);
    const home = await (await callLoader(homeLoader, `/?project=${projectB.slug}`)).json();
    expect(home.result.items.map((t: { authorName: string }) => t.authorName)).toEqual([owner.displayName]);
  });

  it("is what the API and the feeds say", async () => {
    const list = await (await callLoader(apiListLoader, `/api/threads?project=${projectA.slug}`)).json();
    const mine = list.threads.find((t: { id: number }) => t.id === inA);
    expect(mine.author).toEqual({ displayName: PSEUDONYM, deleted: false });
    const { thread } = await apiThread(inA);
    expect(thread.author.displayName).toBe(PSEUDONYM);
    expect(thread.opening.author).toEqual({ displayName: PSEUDONYM, role: "owner", deleted: false, verifiedOwner: true });
    expect(thread.timeline.find((e: { kind: string }) => e.kind === "resolved").actor).toEqual({ displayName: PSEUDONYM, deleted: false });
    expect(JSON.stringify(thread)).not.toContain(owner.displayName);

    const feed = await feedText(`/feeds/threads.atom?project=${projectA.slug}`, threadsFeedLoader);
    expect(feed).toContain(`<name>${PSEUDONYM}</name>`);
    expect(feed).not.toContain(owner.displayName);
    const timeline = await feedText(`/threads/${inA}/timeline.atom`, timelineFeedLoader, { id: String(inA) });
    expect(timeline).toContain(PSEUDONYM);
    expect(timeline).not.toContain(owner.displayName);
  });

  it("comes with the account name for staff, and for staff only", async () => {
    const forStaff = await threadData(inA, staff);
    expect(forStaff.thread.authorAccountName).toBe(owner.displayName);
    expect(forStaff.thread.opening.authorName).toBe(PSEUDONYM);
    expect(forStaff.thread.opening.authorAccountName).toBe(owner.displayName);
    expect(forStaff.thread.events.find((e: { kind: string }) => e.kind === "resolved").actorAccountName).toBe(owner.displayName);
    // A name that is the account's own needs no second mention.
    expect(forStaff.thread.replies.find((p: { authorName: string }) => p.authorName === neighbour.displayName).authorAccountName).toBeNull();
    const staffView = await (await callLoader(staffThreadLoader, `/staff/threads/${inA}`, { params: { id: String(inA) }, user: staff })).json();
    expect(staffView.thread.opening.authorAccountName).toBe(owner.displayName);

    for (const viewer of [null, neighbour, owner]) {
      const text = JSON.stringify(await threadData(inA, viewer));
      expect(text).not.toContain(owner.displayName);
    }
  });
});

describe("the verified-owner badge", () => {
  it("marks the owner's posts in the verified project, naming it, and nowhere else", async () => {
    const a = (await getThread(inA))!;
    expect(a.opening!.authorVerifiedOwner).toBe(true);
    expect(a.replies.find((p) => p.authorId === neighbour.id)!.authorVerifiedOwner).toBe(false);
    const { html } = await page(inA);
    expect(html).toContain("已认证业主 · 甲苑");
    expect(html.match(/data-verified-owner/g)).toHaveLength(1);

    expect((await getThread(inB))!.opening!.authorVerifiedOwner).toBe(false);
    expect((await page(inB)).html).not.toContain("已认证业主");
    expect((await apiThread(inB)).thread.opening.author.verifiedOwner).toBe(false);
  });

  it("never shows anything else of the owner's record", async () => {
    const texts = [
      (await page(inA)).html,
      JSON.stringify(await threadData(inA)),
      JSON.stringify(await threadData(inA, staff)),
      JSON.stringify(await apiThread(inA)),
      (await page(inB)).html,
      await feedText(`/threads/${inA}/timeline.atom`, timelineFeedLoader, { id: String(inA) }),
    ];
    for (const text of texts) for (const secret of [...Object.values(PRIVATE), "单元B0001", "2025-06-01"]) expect(text).not.toContain(secret);
  });
});

describe("a deleted account", () => {
  it("is 已注销用户 on the thread page, never its old name or pseudonym, and without a badge", async () => {
    const t = (await getThread(byDeleted))!;
    expect(t.authorName).toBe("");
    expect(t.authorDeleted).toBe(true);
    expect(t.opening!.authorVerifiedOwner).toBe(false);
    const { html } = await page(byDeleted);
    expect(html).toContain("已注销用户");
    expect(html).toContain("已注销用户 确认问题已解决");
    expect(html).not.toContain(DELETED_PSEUDONYM);
    expect(html).not.toContain(deletedName);
    expect(html).not.toContain("已认证业主");
    // Their reply in someone else's thread too.
    const other = await page(inA);
    expect(other.html).toContain("已注销用户");
    expect(other.html).not.toContain(DELETED_PSEUDONYM);
    // Staff see no more than the label: nothing is left to see.
    const forStaff = await threadData(byDeleted, staff);
    expect(forStaff.thread.authorAccountName).toBeNull();
    expect(JSON.stringify(forStaff)).not.toContain(DELETED_PSEUDONYM);
  });

  it("is 已注销用户 in the lists", async () => {
    const { html } = await renderPage(projectRoute, "/projects/:slug", `/projects/${projectA.slug}`);
    expect(html).toContain("已注销用户");
    expect(html).not.toContain(DELETED_PSEUDONYM);
    const home = await (await callLoader(homeLoader, `/?project=${projectA.slug}`)).json();
    expect(home.result.items.find((t: { id: number }) => t.id === byDeleted)).toMatchObject({ authorName: "", authorDeleted: true });
  });

  it("is 已注销用户 in the API and the feeds", async () => {
    const list = await (await callLoader(apiListLoader, `/api/threads?project=${projectA.slug}`)).json();
    expect(list.threads.find((t: { id: number }) => t.id === byDeleted).author).toEqual({ displayName: "已注销用户", deleted: true });
    const { thread } = await apiThread(byDeleted);
    expect(thread.opening.author).toEqual({ displayName: "已注销用户", role: "owner", deleted: true, verifiedOwner: false });
    expect(thread.timeline.find((e: { kind: string }) => e.kind === "resolved").actor).toEqual({ displayName: "已注销用户", deleted: true });
    expect(JSON.stringify(thread)).not.toContain(DELETED_PSEUDONYM);

    const feed = await feedText(`/feeds/threads.atom?project=${projectA.slug}`, threadsFeedLoader);
    expect(feed).toContain("<name>已注销用户</name>");
    expect(feed).not.toContain(DELETED_PSEUDONYM);
    const timeline = await feedText(`/threads/${byDeleted}/timeline.atom`, timelineFeedLoader, { id: String(byDeleted) });
    expect(timeline).toContain("<name>已注销用户</name>");
    expect(timeline).toContain("已注销用户 确认问题已解决");
    expect(timeline).not.toContain(DELETED_PSEUDONYM);
    const en = await (
      await callLoader(timelineFeedLoader, `/threads/${byDeleted}/timeline.atom`, { params: { id: String(byDeleted) }, headers: { "Accept-Language": "en" } })
    ).text();
    expect(en).toContain("<name>Deleted user</name>");
  });
});

describe("a disclosure against the purchase date", () => {
  let projectC: Project;
  const threads: Record<"none" | "undisclosed" | "before" | "after", number> = { none: 0, undisclosed: 0, before: 0, after: 0 };

  beforeAll(async () => {
    projectC = await makeProject({ name: "丙苑" });
    const factor = (title: string) =>
      createDraftFactor(
        projectC.id,
        staff.id,
        { factorType: "railway", title, impact: "夜间噪音", direction: "SE", distanceM: 150, mitigation: null, sourceNote: null },
        PUBLISHED - 3_600_000,
      );
    const published = await factor("平南铁路");
    expect((await publishDraft(published.versionId, staff.id, PUBLISHED)).ok).toBe(true);
    const draft = await factor("规划中的垃圾站");
    const authors = {
      none: await makeUser("owner"),
      undisclosed: await makeUser("owner"),
      // Bought on the day it was published (local time): before, counted as disclosed.
      before: await makeUser("owner"),
      // Bought the day before in Shanghai, though it is the same UTC day as the publication.
      after: await makeUser("owner"),
    };
    await ownerRecord(authors.undisclosed.id, projectC.id, { purchaseDate: "2026-04-02" });
    await ownerRecord(authors.before.id, projectC.id, { purchaseDate: "2026-03-16" });
    await ownerRecord(authors.after.id, projectC.id, { purchaseDate: "2026-03-15" });
    for (const k of ["none", "undisclosed", "before", "after"] as const) {
      threads[k] = await createThread(
        {
          authorId: authors[k].id,
          projectId: projectC.id,
          complaintType: "other",
          title: `铁路噪音 ${k}`,
          body: "夜里火车经过很吵。",
          relatedFactorId: k === "undisclosed" ? draft.factorId : published.factorId,
        },
        POSTED,
      );
    }
    // A complaint linked to nothing is in no group.
    await makeThread({ authorId: authors.before.id, projectId: projectC.id, complaintType: "other" });
  });

  it("words each case on the thread page", async () => {
    const status = async (id: number) => /<p class="disclosure-status[^"]*"[^>]*>(.*?)<\/p>/.exec((await page(id)).html)![1]!;
    expect(await status(threads.none)).toContain("该因素已于");
    expect(await status(threads.none)).not.toContain("购房");
    expect(await status(threads.undisclosed)).toContain("未公示");
    expect(await status(threads.undisclosed)).not.toContain("购房");
    expect(await status(threads.before)).toContain("购房前已公示");
    expect(await status(threads.after)).toContain("购房后才公示");
    for (const k of Object.keys(threads) as (keyof typeof threads)[]) {
      const data = await threadData(threads[k]);
      expect(data.factor.relativeToPurchase).toBe(k === "none" ? null : k);
    }
  });

  it("never sends the purchase date", async () => {
    for (const id of Object.values(threads)) {
      for (const viewer of [null, staff]) {
        const text = JSON.stringify(await threadData(id, viewer));
        for (const day of ["2026-03-15", "2026-03-16", "2026-04-02"]) expect(text).not.toContain(day);
        expect(text).not.toContain("purchaseDate");
      }
      const api = JSON.stringify(await apiThread(id));
      for (const day of ["2026-03-15", "2026-03-16", "2026-04-02"]) expect(api).not.toContain(`"${day}"`);
    }
  });

  it("gives the API the verdict", async () => {
    expect((await apiThread(threads.before)).thread.disclosure).toMatchObject({
      relativeToPurchase: "before",
      firstPublishedAt: new Date(PUBLISHED).toISOString(),
    });
    expect((await apiThread(threads.after)).thread.disclosure.relativeToPurchase).toBe("after");
    expect((await apiThread(threads.undisclosed)).thread.disclosure).toMatchObject({ relativeToPurchase: "undisclosed", firstPublishedAt: null });
    expect((await apiThread(threads.none)).thread.disclosure.relativeToPurchase).toBeNull();
    expect((await apiThread(inA)).thread.disclosure).toBeNull();
  });

  it("counts the project's linked complaints by group", async () => {
    expect(await purchaseDisclosureCounts(projectC.id)).toEqual({ before: 1, after: 1, undisclosed: 1, noPurchaseDate: 1 });
    expect(await purchaseDisclosureCounts(projectB.id)).toEqual({ before: 0, after: 0, undisclosed: 0, noPurchaseDate: 0 });
    const { html, data } = await renderPage(projectRoute, "/projects/:slug", `/projects/${projectC.slug}`);
    expect((data as { purchases: unknown }).purchases).toEqual({ before: 1, after: 1, undisclosed: 1, noPurchaseDate: 1 });
    for (const label of ["购房前已公示", "购房后才公示", "未公示", "未填写购房日期"]) expect(html).toContain(label);
    expect((await renderPage(projectRoute, "/projects/:slug", `/projects/${projectB.slug}`)).html).not.toContain("data-purchase-counts");
  });
});
