import { beforeAll, describe, expect, it } from "vitest";
import { addInternalNote, hidePost, restorePost, setThreadHidden } from "../../app/models/moderation.server";
import { search } from "../../app/models/search.server";
import { createReply, editPost, getThread } from "../../app/models/threads.server";
import { loader as searchLoader } from "../../app/routes/search";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callLoader } from "../support/remix";

const ids = {} as Record<"leak" | "elevator" | "noise" | "hiddenThread", number>;
let hiddenReply = 0;

beforeAll(async () => {
  const owner = await makeUser("owner");
  const staff = await makeUser("staff");
  const a = await makeProject({ slug: "search-a" });
  const b = await makeProject({ slug: "search-b" });
  ids.leak = await makeThread({
    authorId: owner.id,
    projectId: a.id,
    complaintType: "quality",
    title: "卫生间漏水",
    body: "楼上卫生间防水没做好,天花板一直滴水。",
  });
  ids.elevator = await makeThread({
    authorId: owner.id,
    projectId: b.id,
    complaintType: "property",
    title: "电梯故障",
    body: "12 栋 2 号电梯频繁停运,一周困人两次。",
  });
  ids.noise = await makeThread({ authorId: owner.id, projectId: a.id, complaintType: "other", title: "夜间噪音", body: "铁路货车鸣笛声很大。" });
  hiddenReply = await createReply({ threadId: ids.noise, authorId: owner.id, body: "我家也漏水,秘密暗号甲乙丙" }, Date.now());
  await hidePost(hiddenReply, staff.id, "测试", Date.now());
  ids.hiddenThread = await makeThread({ authorId: owner.id, projectId: a.id, title: "被隐藏的漏水帖", body: "隐藏内容暗号丁戊己" });
  await setThreadHidden(ids.hiddenThread, staff.id, "测试", Date.now());
  await addInternalNote(ids.leak, staff.id, "内部备注暗号庚辛壬", Date.now());
});

const threadIds = (r: Awaited<ReturnType<typeof search>>) => [...new Set(r.hits.map((h) => h.threadId))];

describe("search", () => {
  it("finds a two-character Chinese word (scan), in titles and posts, with the match marked", async () => {
    const r = await search("漏水", {});
    expect(r.mode).toBe("scan");
    expect(threadIds(r)).toContain(ids.leak);
    expect(r.hits.find((h) => h.threadId === ids.leak && h.postId === null)?.snippet).toContain("\u0001漏水\u0002");
    expect((await search("梯", {})).hits.map((h) => h.threadId)).toContain(ids.elevator);
  });

  it("finds a five-character phrase through the trigram index", async () => {
    const r = await search("频繁停运,", {});
    expect(r.mode).toBe("index");
    expect(threadIds(r)).toEqual([ids.elevator]);
    expect(r.hits[0]!.snippet).toContain("\u0001");
    expect(threadIds(await search("天花板一直滴水", {}))).toEqual([ids.leak]);
    expect(threadIds(await search("天花板 滴水", {}))).toEqual([ids.leak]); // two terms, both required
  });

  it("ignores the case of Latin letters, on either engine, scanning or through the index", async () => {
    const owner = await makeUser("owner");
    const project = await makeProject({ slug: "search-case" });
    const id = await makeThread({ authorId: owner.id, projectId: project.id, title: "小区PM2.5超标", body: "Elevator 经常停运。" });
    for (const q of ["pm", "pm2.5", "PM2.5", "ELEVATOR", "elevator"]) expect(threadIds(await search(q, { project: "search-case" })), q).toEqual([id]);
  });

  it("applies the list's filters", async () => {
    expect(threadIds(await search("漏水", { project: "search-b" }))).toEqual([]);
    expect(threadIds(await search("电梯", { type: "property" }))).toEqual([ids.elevator]);
    expect(threadIds(await search("电梯", { status: "resolved" }))).toEqual([]);
  });

  it("never returns hidden posts, hidden threads or internal notes", async () => {
    for (const q of ["甲乙丙", "秘密暗号", "暗号", "丁戊己", "被隐藏", "庚辛壬", "内部备注暗号"]) {
      expect((await search(q, {})).hits, q).toEqual([]);
    }
    expect(threadIds(await search("漏水", {}))).not.toContain(ids.hiddenThread);
  });

  it("follows edits and restores", async () => {
    const staff = await makeUser("staff");
    await restorePost(hiddenReply, staff.id, Date.now());
    expect(threadIds(await search("甲乙丙", {}))).toEqual([ids.noise]);
    const opening = (await getThread(ids.elevator!))!.opening!;
    await editPost({ postId: opening.id, userId: opening.authorId, body: "改成了新的内容寅卯辰" }, Date.now());
    expect(threadIds(await search("寅卯辰", {}))).toEqual([ids.elevator]);
    expect((await search("频繁停运", {})).hits.filter((h) => h.postId !== null)).toEqual([]);
  });

  it("the page renders matches as marks, never as raw HTML", async () => {
    const owner = await makeUser("owner");
    const p = await makeProject();
    await makeThread({ authorId: owner.id, projectId: p.id, title: "脚本测试", body: "<script>alert(1)</script> 渗漏严重" });
    const body = await (await callLoader(searchLoader, `/search?q=${encodeURIComponent("渗漏严重")}`)).json();
    expect(body.result.hits).toHaveLength(1);
    // The snippet is plain text (React escapes it when shown); only the match is marked.
    expect(body.result.hits[0].snippet).toContain("</script>");
    expect(body.result.hits[0].snippet).toContain("\u0001渗漏严重\u0002");
  });
});
