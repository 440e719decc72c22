import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rawRun } from "../../app/lib/db.server";
import { listAudit } from "../../app/models/audit.server";
import { listThreadClocks } from "../../app/models/clocks.server";
import { addMeToo } from "../../app/models/me-too.server";
import {
  addInternalNote,
  flagPost,
  hidePost,
  listFlagQueue,
  mergeThread,
  restorePost,
  reviewFlags,
  setThreadHidden,
  setThreadLocked,
  triageThread,
} from "../../app/models/moderation.server";
import { recordBreaches } from "../../app/models/clocks.server";
import { acknowledgeThread, confirmSolved, keepPromise, postOfficial, recordCallback } from "../../app/models/responses.server";
import { createReply, getThread, listThreads } from "../../app/models/threads.server";
import { loader as threadLoader, action as threadAction } from "../../app/routes/threads.$id";
import { loader as staffThreadLoader, action as staffThreadAction } from "../../app/routes/staff.threads.$id";
import { loader as apiThreadLoader } from "../../app/routes/api.threads.$id";
import { loader as apiListLoader } from "../../app/routes/api.threads._index";
import { loader as homeLoader } from "../../app/routes/_index";
import { loader as projectLoader } from "../../app/routes/projects.$slug";
import { action as newThreadAction } from "../../app/routes/threads.new";
import { action as adminAction } from "../../app/routes/admin.users";
import { action as flagQueueAction } from "../../app/routes/staff.flags";
import { listQueue, queueCounts } from "../../app/models/queue.server";
import { loader as threadsFeedLoader } from "../../app/routes/feeds.threads[.]atom";
import { loader as timelineFeedLoader } from "../../app/routes/threads.$id_.timeline[.]atom";
import { loader as searchLoader } from "../../app/routes/search";
import { auditLog, mailOutbox, posts, threads } from "../../db/schema";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callAction, callLoader } from "../support/remix";

let owner: Awaited<ReturnType<typeof makeUser>>;
let other: Awaited<ReturnType<typeof makeUser>>;
let staff: Awaited<ReturnType<typeof makeUser>>;
let admin: Awaited<ReturnType<typeof makeUser>>;
let project: Awaited<ReturnType<typeof makeProject>>;

beforeAll(async () => {
  owner = await makeUser("owner");
  other = await makeUser("owner");
  staff = await makeUser("staff");
  admin = await makeUser("admin");
  project = await makeProject({ slug: "mod-project" });
});

const TRIAGE = {
  complaintType: "other" as const,
  severity: 3 as const,
  validity: "invalid" as const,
  invalidReason: "非公司责任:市政道路",
  department: "engineering" as const,
  assigneeId: null,
};

describe("triage", () => {
  it("records each change on the timeline; the assignee only internally", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id, complaintType: "quality" });
    expect((await triageThread(id, staff.id, { ...TRIAGE, assigneeId: staff.id }, Date.now())).ok).toBe(true);
    const pub = (await getThread(id, null))!;
    expect(pub).toMatchObject({
      complaintType: "other",
      severity: 3,
      validity: "invalid",
      invalidReason: "非公司责任:市政道路",
      department: "engineering",
      assigneeId: null,
    });
    expect(pub.events.map((e) => e.kind)).toEqual(["set_complaintType", "set_severity", "set_validity", "set_department"]);
    const staffView = (await getThread(id, staff))!;
    expect(staffView.assigneeId).toBe(staff.id);
    expect(staffView.events.map((e) => e.kind)).toContain("set_assignee");
    expect((await listAudit({ threadId: id })).rows.map((r) => r.action)).toEqual(["triage"]);
  });

  it("an invalid decision needs a reason; the assignee must be staff", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const res = await callAction(
      staffThreadAction,
      `/staff/threads/${id}`,
      { intent: "triage", complaintType: "quality", validity: "invalid", invalidReason: "" },
      { user: staff, params: { id: String(id) } },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).errors.invalidReason).toBe("triage.invalidReasonRequired");
    expect(await triageThread(id, staff.id, { ...TRIAGE, assigneeId: owner.id }, Date.now())).toEqual({ ok: false, reason: "invalid" });
    expect((await getThread(id, staff))!.severity).toBeNull();
  });
});

describe("hiding leaves a tombstone, never a gap", () => {
  it("the public sees the reason, the author their text, staff everything; restore brings it back", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const replyId = await createReply({ threadId: id, authorId: other.id, body: "我的电话是 13800000000" }, Date.now());
    expect((await hidePost(replyId, staff.id, "含个人信息", Date.now())).ok).toBe(true);
    const pub = (await getThread(id, null))!.replies[0]!;
    expect(pub).toMatchObject({ hiddenReason: "含个人信息", bodyHtml: "" });
    expect((await getThread(id, other))!.replies[0]!.bodyHtml).toContain("13800000000");
    expect((await getThread(id, staff))!.replies[0]!.bodyHtml).toContain("13800000000");
    expect((await getThread(id, owner))!.replies[0]!.bodyHtml).toBe("");
    expect((await getDb().select().from(posts).where(eq(posts.id, replyId)).get())?.bodyMarkdown).toContain("13800000000");
    expect((await restorePost(replyId, staff.id, Date.now())).ok).toBe(true);
    expect((await getThread(id, null))!.replies[0]!.bodyHtml).toContain("13800000000");
    expect((await listAudit({ threadId: id })).rows.map((r) => r.action).sort()).toEqual(["hide_post", "restore_post"]);
  });

  it("a hidden thread stays in the list with its reason instead of its title", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id, title: "被隐藏的标题" });
    await setThreadHidden(id, staff.id, "重复发帖", Date.now());
    const list = await listThreads({ projectId: project.id }, 1, 100);
    const row = list.items.find((t) => t.id === id)!;
    expect(row).toMatchObject({ title: "", hiddenReason: "重复发帖" });
    expect((await getThread(id, owner))!.title).toBe("被隐藏的标题");
    const api = await (await callLoader(apiThreadLoader, `/api/threads/${id}`, { params: { id: String(id) } })).json();
    expect(api.thread.title).toBe("");
    expect(api.thread.opening.bodyHtml).toBeNull();
    expect(api.thread.hidden).toEqual({ reason: "重复发帖" });
    expect((await getThread(id, null))!.events.map((e) => e.kind)).toEqual(["hidden"]);
  });
});

describe("a hidden thread", () => {
  it("hides its replies on the page, its data request, the API and the feeds, but not from staff or its author", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id, title: "隐藏帖的标题" });
    await createReply({ threadId: id, authorId: other.id, body: "回复里写着住址 3栋1201" }, Date.now());
    await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: "您好,已安排工程部跟进,明天上门查看。" }, Date.now());
    await setThreadHidden(id, staff.id, "含个人信息", Date.now());
    const secret = /3栋1201|隐藏帖的标题|明天上门/;
    const page = await callLoader(threadLoader, `/threads/${id}`, { params: { id: String(id) } });
    const pageText = await page.text();
    expect(pageText).not.toMatch(secret);
    const data = await callLoader(threadLoader, `/threads/${id}?_data=routes%2Fthreads.%24id`, { params: { id: String(id) }, user: other });
    expect(await data.text()).not.toMatch(secret);
    const api = await (await callLoader(apiThreadLoader, `/api/threads/${id}`, { params: { id: String(id) } })).text();
    expect(api).not.toMatch(secret);
    expect(JSON.parse(api).thread.replies.map((r: { hidden: unknown; bodyHtml: unknown }) => [r.hidden, r.bodyHtml])).toEqual([
      [{ reason: "含个人信息" }, null],
      [{ reason: "含个人信息" }, null],
    ]);
    const feed = await (await callLoader(timelineFeedLoader, `/threads/${id}/timeline.atom`, { params: { id: String(id) } })).text();
    expect(feed).not.toMatch(secret);
    const threadsFeed = await (await callLoader(threadsFeedLoader, `/feeds/threads.atom`)).text();
    expect(threadsFeed).not.toMatch(secret);
    for (const q of ["隐藏帖的标题", "3栋1201", "明天上门"]) {
      const search = await (await callLoader(searchLoader, `/search?q=${encodeURIComponent(q)}`)).text();
      expect(search.replaceAll(q, "")).not.toMatch(secret);
    }
    expect((await getThread(id, staff))!.replies.map((r) => r.bodyHtml).join()).toMatch(/3栋1201/);
    expect((await getThread(id, owner))!.replies.map((r) => r.bodyHtml).join()).toMatch(/3栋1201/);
  });

  it("hides the words of its rating, call-backs and promise kept from all but staff and its author; the marks stay", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const body = "您好,已安排工程部跟进,一周内完成维修。";
    expect((await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body, promisedDate: "2099-01-01" }, Date.now())).ok).toBe(true);
    expect((await keepPromise({ threadId: id, staffId: staff.id, note: "已修好 3栋1201 的窗框" }, Date.now())).ok).toBe(true);
    const callback = { threadId: id, staffId: staff.id, calledAt: Date.now(), method: "phone" as const, outcome: "unreachable" as const };
    expect((await recordCallback({ ...callback, note: "拨打 13800001111 未接", isPublic: true }, Date.now())).ok).toBe(true);
    const ratings = { overall: 2, attitude: 3, speed: 2, result: 2, comment: "我家 3栋1201 还在漏" };
    expect((await confirmSolved({ threadId: id, userId: owner.id, ratings }, Date.now())).ok).toBe(true);
    await setThreadHidden(id, staff.id, "含个人信息", Date.now());
    const secret = /3栋1201|13800001111/;
    const verdictsAs = async (user: { id: string } | null) => {
      const res = await callLoader(threadLoader, `/threads/${id}?_data=routes%2Fthreads.%24id`, { params: { id: String(id) }, user });
      return (await res.json()).verdicts as { ratings: { overall: number; comment: string | null }[]; callbacks: { outcome: string }[]; kept: unknown[] };
    };
    for (const viewer of [null, other]) {
      const v = await verdictsAs(viewer);
      expect(JSON.stringify(v)).not.toMatch(secret);
      expect(v.ratings.map((r) => [r.overall, r.comment])).toEqual([[2, null]]);
      expect(v.callbacks.map((c) => c.outcome)).toEqual(["unreachable"]);
      expect(v.kept).toHaveLength(1);
    }
    for (const viewer of [owner, staff]) expect(JSON.stringify(await verdictsAs(viewer))).toMatch(/我家 3栋1201 还在漏/);
    // Nor on the timeline, wherever it is read.
    expect(await (await callLoader(threadLoader, `/threads/${id}`, { params: { id: String(id) } })).text()).not.toMatch(secret);
    expect(await (await callLoader(apiThreadLoader, `/api/threads/${id}`, { params: { id: String(id) } })).text()).not.toMatch(secret);
    const feed = await (await callLoader(timelineFeedLoader, `/threads/${id}/timeline.atom`, { params: { id: String(id) } })).text();
    expect(feed).not.toMatch(secret);
    // The moderators' public reason stays.
    expect(feed).toContain("含个人信息");
    expect(JSON.stringify((await getThread(id, staff))!.events)).toMatch(/已修好 3栋1201 的窗框/);
  });

  it("takes no more replies or me-toos from owners; staff still answer and its clocks run on", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id, now: Date.now() - 4 * 3_600_000 });
    await setThreadHidden(id, staff.id, "含个人信息", Date.now());
    for (const user of [owner, other]) {
      const res = await callAction(threadAction, `/threads/${id}`, { intent: "reply", body: "继续说" }, { user, params: { id: String(id) } });
      expect(res.status).toBe(409);
      expect((await res.json()).formError).toBe("errors.threadHidden");
    }
    expect((await addMeToo(id, other.id, Date.now())).ok).toBe(false);
    expect(await recordBreaches(Date.now())).toBeGreaterThanOrEqual(1);
    expect((await getThread(id, null))!.events.map((e) => e.kind)).toContain("ack_breached");
    const official = await callAction(
      threadAction,
      `/threads/${id}`,
      { intent: "official", kind: "solution", delivery: "done", body: "您好,公司已安排专人跟进此事,稍后电话联系您。" },
      { user: staff, params: { id: String(id) } },
    );
    expect(official.status).toBe(302);
    expect((await getThread(id, staff))!.replies).toHaveLength(1);
    expect((await getThread(id, null))!.replyCount).toBe(1);
  });
});

describe("locking and merging", () => {
  it("a locked thread refuses owners' replies but not the company's answer", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    await setThreadLocked(id, staff.id, "争吵升级", Date.now());
    const res = await callAction(threadAction, `/threads/${id}`, { intent: "reply", body: "还想说" }, { user: other, params: { id: String(id) } });
    expect(res.status).toBe(409);
    expect((await res.json()).formError).toBe("errors.locked");
    const official = await callAction(
      threadAction,
      `/threads/${id}`,
      { intent: "official", kind: "solution", delivery: "done", body: "您好,公司已安排专人跟进此事,稍后电话联系您。" },
      { user: staff, params: { id: String(id) } },
    );
    expect(official.status).toBe(302);
    expect((await getThread(id, null))!.lockReason).toBe("争吵升级");
  });

  it("a merged duplicate redirects and its running clocks close as merged", async () => {
    const target = await makeThread({ authorId: owner.id, projectId: project.id });
    const dup = await makeThread({ authorId: other.id, projectId: project.id });
    await acknowledgeThread({ threadId: dup, staffId: staff.id }, Date.now());
    expect(await mergeThread(dup, target, staff.id, "", Date.now())).toEqual({ ok: false, reason: "invalid" });
    const elsewhere = await makeThread({ authorId: owner.id, projectId: (await makeProject()).id });
    expect(await mergeThread(dup, elsewhere, staff.id, "重复", Date.now())).toEqual({ ok: false, reason: "otherProject" });
    expect((await mergeThread(dup, target, staff.id, "与目标帖为同一问题", Date.now())).ok).toBe(true);
    const res = await callLoader(threadLoader, `/threads/${dup}`, { params: { id: String(dup) } });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/threads/${target}`);
    const clocks = await listThreadClocks(dup);
    expect(clocks.find((c) => c.kind === "ack")).toMatchObject({ closedAt: null }); // met before the merge, stays met
    expect(clocks.find((c) => c.kind === "answer")).toMatchObject({ closeReason: "merged" });
    expect((await getThread(dup, staff))!.answer?.closedAt).not.toBeNull();
    expect((await getThread(target, null))!.events.find((e) => e.kind === "merged_from")?.note).toBe("与目标帖为同一问题");
    expect(await mergeThread(target, dup, staff.id, "重复", Date.now())).toEqual({ ok: false, reason: "wrongState" });
    expect((await listQueue({}, 1, Date.now())).rows.some((r) => r.id === dup)).toBe(false);
  });
});

describe("flags", () => {
  const DAY = 86_400_000;
  const established = () => makeUser("owner", { createdAt: Date.now() - 30 * DAY });

  it("one flag per user; the third established flagger hides the post until staff decide, in the audit log", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const replyId = await createReply({ threadId: id, authorId: other.id, body: "广告:低价装修" }, Date.now());
    const flaggers = [await established(), await established(), await established()];
    expect(await flagPost(replyId, other.id, "spam", Date.now())).toEqual({ ok: false, reason: "ownPost" });
    expect(await flagPost(replyId, flaggers[0]!.id, "spam", Date.now())).toEqual({ ok: true, autoHidden: false });
    expect(await flagPost(replyId, flaggers[0]!.id, "abuse", Date.now())).toEqual({ ok: false, reason: "already" });
    expect(await flagPost(replyId, flaggers[1]!.id, "spam", Date.now())).toEqual({ ok: true, autoHidden: false });
    expect((await getThread(id, null))!.replies[0]!.hiddenReason).toBeNull();
    expect(await flagPost(replyId, flaggers[2]!.id, "off_topic", Date.now())).toEqual({ ok: true, autoHidden: true });
    expect((await getThread(id, null))!.replies[0]).toMatchObject({ hiddenReason: "flagged", bodyHtml: "" });
    const entry = (await listAudit({ threadId: id })).rows.find((r) => r.action === "auto_hide_post")!;
    expect(entry).toMatchObject({ postId: replyId });
    const queued = (await listFlagQueue()).find((f) => f.postId === replyId)!;
    expect(queued.flagCount).toBe(3);
    expect((await reviewFlags(replyId, staff.id, "kept", null, Date.now())).ok).toBe(true);
    expect((await getThread(id, null))!.replies[0]!.hiddenReason).toBeNull();
    expect((await listFlagQueue()).some((f) => f.postId === replyId)).toBe(false);
  });

  it("fresh or unverified accounts cannot hide a post, however many; an active new account counts", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const replyId = await createReply({ threadId: id, authorId: other.id, body: "业主的正当意见" }, Date.now());
    for (let i = 0; i < 4; i++) expect((await flagPost(replyId, (await makeUser("owner")).id, "spam", Date.now())).ok).toBe(true);
    for (let i = 0; i < 4; i++)
      expect((await flagPost(replyId, (await makeUser("owner", { verified: false, createdAt: Date.now() - 30 * DAY })).id, "spam", Date.now())).ok).toBe(true);
    expect((await getThread(id, null))!.replies[0]!.hiddenReason).toBeNull();
    expect((await listFlagQueue()).find((f) => f.postId === replyId)!.flagCount).toBe(8);
    // Three posts make a new account count, as its age would.
    const active = await makeUser("owner");
    for (let i = 0; i < 3; i++) await createReply({ threadId: id, authorId: active.id, body: `第${i}条` }, Date.now());
    expect(await flagPost(replyId, (await established()).id, "spam", Date.now())).toEqual({ ok: true, autoHidden: false });
    expect(await flagPost(replyId, (await established()).id, "spam", Date.now())).toEqual({ ok: true, autoHidden: false });
    expect(await flagPost(replyId, active.id, "spam", Date.now())).toEqual({ ok: true, autoHidden: true });
  });

  it("never hides the company's official answer or a staff post: flags send them to review", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const official = await postOfficial({ kind: "solution", threadId: id, staffId: staff.id, body: "您好,已安排工程部跟进,明天上门查看。" }, Date.now());
    const staffReply = await createReply({ threadId: id, authorId: staff.id, body: "补充说明", asStaff: true }, Date.now());
    for (const postId of [official.ok ? official.postId : 0, staffReply]) {
      for (let i = 0; i < 5; i++) expect(await flagPost(postId, (await established()).id, "abuse", Date.now())).toEqual({ ok: true, autoHidden: false });
      expect((await listFlagQueue()).find((f) => f.postId === postId)!.flagCount).toBe(5);
    }
    expect((await getThread(id, null))!.replies.every((r) => r.hiddenReason === null)).toBe(true);
  });

  it("limits how often one user flags", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const flagger = await established();
    const ids = [];
    for (let i = 0; i < 21; i++) ids.push(await createReply({ threadId: id, authorId: other.id, body: `回复${i}` }, Date.now()));
    const statuses = [];
    for (const postId of ids)
      statuses.push(
        (
          await callAction(
            threadAction,
            `/threads/${id}`,
            { intent: "flag", postId: String(postId), reason: "spam" },
            { user: flagger, params: { id: String(id) } },
          )
        ).status,
      );
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it("a hiding reason too long is refused next to that post's field, with what was typed kept", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const replyId = await createReply({ threadId: id, authorId: other.id, body: "待审核的回复" }, Date.now());
    await flagPost(replyId, (await established()).id, "abuse", Date.now());
    const reason = "涉及人身攻击".repeat(40);
    const res = await callAction(flagQueueAction, "/staff/flags", { postId: String(replyId), decision: "hidden", reason }, { user: staff });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ postId: String(replyId), errors: { reason: "errors.reasonTooLong" }, values: { reason } });
    expect((await getThread(id, null))!.replies[0]!.hiddenReason).toBeNull();
    expect((await listFlagQueue()).some((f) => f.postId === replyId)).toBe(true);
  });
});

describe("me too", () => {
  it("counts once per owner, not the author, and sorts the list", async () => {
    const quiet = await makeThread({ authorId: owner.id, projectId: project.id, now: Date.now() });
    const popular = await makeThread({ authorId: owner.id, projectId: project.id, now: Date.now() - 1000 });
    expect((await addMeToo(popular, other.id, Date.now())).ok).toBe(true);
    expect((await addMeToo(popular, other.id, Date.now())).ok).toBe(false);
    expect((await addMeToo(popular, owner.id, Date.now())).ok).toBe(false);
    expect((await getThread(popular, null))!.meTooCount).toBe(1);
    const sorted = (await listThreads({ projectId: project.id }, 1, 100, "metoo")).items.map((t) => t.id);
    expect(sorted.indexOf(popular)).toBeLessThan(sorted.indexOf(quiet));
  });
});

describe("abuse controls", () => {
  it("a banned user can read but not post; lifting the ban restores posting", async () => {
    const user = await makeUser("owner");
    await callAction(adminAction, "/admin/users", { intent: "ban", userId: user.id, reason: "广告" }, { user: admin });
    const form = { projectId: String(project.id), complaintType: "quality", title: "封禁后发帖", body: "内容" };
    expect((await callAction(newThreadAction, "/threads/new", form, { user })).status).toBe(403);
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    expect((await callLoader(threadLoader, `/threads/${id}`, { user, params: { id: String(id) } })).status).toBe(200);
    expect((await callAction(threadAction, `/threads/${id}`, { body: "回复" }, { user, params: { id: String(id) } })).status).toBe(403);
    await callAction(adminAction, "/admin/users", { intent: "unban", userId: user.id }, { user: admin });
    expect((await callAction(newThreadAction, "/threads/new", form, { user })).status).toBe(302);
    expect((await listAudit({ actorId: admin.id })).rows.map((r) => r.action)).toEqual(["unban", "ban"]);
  });

  it("a filled honeypot is refused and nothing is saved", async () => {
    const before = (await getDb()
      .select({ n: sql<number>`count(*)` })
      .from(threads)
      .get())!.n;
    const res = await callAction(
      newThreadAction,
      "/threads/new",
      { projectId: String(project.id), complaintType: "quality", title: "机器人", body: "spam", website: "http://spam.example" },
      { user: owner },
    );
    expect(res.status).toBe(400);
    expect(
      (await getDb()
        .select({ n: sql<number>`count(*)` })
        .from(threads)
        .get())!.n,
    ).toBe(before);
  });
});

describe("the record cannot be rewritten", () => {
  it("the database refuses to change or delete audit entries, timeline events, revisions, posts and threads", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    await setThreadLocked(id, staff.id, "x", Date.now());
    await expect(rawRun(sql`update audit_log set action = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(rawRun(sql`delete from audit_log`)).rejects.toThrow(/append-only/);
    await expect(rawRun(sql`update thread_events set note = 'x'`)).rejects.toThrow(/append-only/);
    await expect(rawRun(sql`delete from post_revisions`)).rejects.toThrow(/append-only/);
    await expect(rawRun(sql`delete from posts`)).rejects.toThrow(/never deleted/);
    await expect(rawRun(sql`delete from threads where id = ${id}`)).rejects.toThrow(/never deleted/);
  });
});

describe("internal notes stay internal", () => {
  it("appear for staff and nowhere public: pages, lists, API, feeds, search, or the author's email", async () => {
    const marker = "INTERNAL-7f3a-业主情绪激动";
    const id = await makeThread({ authorId: owner.id, projectId: project.id, title: "内部备注测试" });
    expect((await addInternalNote(id, staff.id, marker, Date.now())).ok).toBe(true);
    await triageThread(id, staff.id, { ...TRIAGE, validity: "valid", invalidReason: null, assigneeId: staff.id }, Date.now());
    await acknowledgeThread({ threadId: id, staffId: staff.id, note: "已受理" }, Date.now());

    const staffView = await (await callLoader(staffThreadLoader, `/staff/threads/${id}`, { user: staff, params: { id: String(id) } })).text();
    expect(staffView).toContain(marker);
    expect(staffView).toContain(staff.id);

    const publicResponses = [
      await callLoader(threadLoader, `/threads/${id}`, { params: { id: String(id) } }),
      await callLoader(threadLoader, `/threads/${id}`, { user: owner, params: { id: String(id) } }),
      await callLoader(apiThreadLoader, `/api/threads/${id}`, { params: { id: String(id) } }),
      await callLoader(apiListLoader, "/api/threads?project=mod-project&pageSize=100"),
      await callLoader(homeLoader, "/?project=mod-project"),
      await callLoader(projectLoader, "/projects/mod-project", { params: { slug: "mod-project" } }),
      await callLoader(threadsFeedLoader, "/feeds/threads.atom?project=mod-project"),
      await callLoader(timelineFeedLoader, `/threads/${id}/timeline.atom`, { params: { id: String(id) } }),
      await callLoader(searchLoader, `/search?q=${encodeURIComponent("业主情绪激动")}`),
    ];
    for (const res of publicResponses) {
      const text = await res.text();
      expect(text).not.toContain(marker);
      expect(text).not.toContain(staff.id); // the assignee
      expect(text).not.toContain("set_assignee");
    }
    const ownerMail = await getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, owner.email)).all();
    expect(ownerMail.length).toBeGreaterThan(0);
    for (const m of ownerMail) expect(m.textBody + m.subject).not.toContain(marker);
    // Nor does the audit log repeat the note's words.
    for (const row of await getDb().select().from(auditLog).all()) expect(`${row.before}${row.after}`).not.toContain(marker);
  });
});

describe("the queue", () => {
  it("puts overdue threads first and counts each filter", async () => {
    const p = await makeProject();
    const now = Date.now();
    const fresh = await makeThread({ authorId: owner.id, projectId: p.id, now: now - 60_000 });
    const late = await makeThread({ authorId: owner.id, projectId: p.id, now: now - 5 * 3_600_000 });
    const rows = (await listQueue({ projectId: p.id }, 1, now)).rows.map((r) => r.id);
    expect(rows).toEqual([late, fresh]);
    expect((await listQueue({ projectId: p.id, overdue: true }, 1, now)).rows.map((r) => r.id)).toEqual([late]);
    const counts = await queueCounts(now);
    expect(counts.project.find((c) => c.key === p.id)?.n).toBe(2);
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    await triageThread(fresh, staff.id, { ...TRIAGE, validity: "valid", invalidReason: null }, Date.now());
    expect((await listQueue({ projectId: p.id, unclassified: true }, 1, now)).rows.map((r) => r.id)).toEqual([late]);
    expect((await listQueue({ projectId: p.id, severity: 3 }, 1, now)).rows.map((r) => r.id)).toEqual([fresh]);
  });

  it("keeps its counts only until the next write, and counts overdue threads at each moment", async () => {
    const p = await makeProject();
    const now = Date.now();
    const id = await makeThread({ authorId: owner.id, projectId: p.id, now });
    const before = await queueCounts(now);
    expect(before.project.find((c) => c.key === p.id)?.n).toBe(1);
    const severity3 = (c: Awaited<ReturnType<typeof queueCounts>>) => c.severity.find((s) => s.key === 3)?.n ?? 0;

    // Nothing written: the same counts, but four hours later more threads (this one too) are overdue.
    const fourHoursLater = now + 4 * 3_600_000;
    const later = await queueCounts(fourHoursLater);
    expect(later.all).toBe(before.all);
    expect(later.overdue).toBeGreaterThan(before.overdue);
    expect(later.overdue).toBe((await listQueue({ overdue: true }, 1, fourHoursLater)).total);
    expect((await listQueue({ projectId: p.id, overdue: true }, 1, fourHoursLater)).rows.map((r) => r.id)).toEqual([id]);

    // A write shows at once.
    await triageThread(id, staff.id, { ...TRIAGE, validity: "valid", invalidReason: null }, Date.now());
    const after = await queueCounts(now);
    expect(severity3(after)).toBe(severity3(before) + 1);
    expect(after.unclassified).toBe(before.unclassified - 1);
  });
});
