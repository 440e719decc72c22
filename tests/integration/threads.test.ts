import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { EDIT_WINDOW_MS } from "../../app/lib/domain";
import { editPost, getThread, listPostRevisions, listThreads } from "../../app/models/threads.server";
import { action as newThreadAction, loader as newThreadLoader } from "../../app/routes/threads.new";
import { action as replyAction, loader as threadLoader } from "../../app/routes/threads.$id";
import { action as editAction } from "../../app/routes/posts.$id.edit";
import { loader as projectLoader } from "../../app/routes/projects.$slug";
import { posts, threads } from "../../db/schema";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callAction, callLoader } from "../support/remix";

let owner: Awaited<ReturnType<typeof makeUser>>;
let other: Awaited<ReturnType<typeof makeUser>>;
let project: Awaited<ReturnType<typeof makeProject>>;

beforeAll(async () => {
  owner = await makeUser("owner");
  other = await makeUser("owner");
  project = await makeProject();
});

describe("posting a complaint", () => {
  it("sends a visitor who is not logged in to the login page, and saves nothing", async () => {
    const before = (await getDb().select().from(threads).all()).length;
    const res = await callAction(newThreadAction, "/threads/new", {
      projectId: String(project.id),
      complaintType: "quality",
      title: "未登录",
      body: "内容",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Fthreads%2Fnew");
    expect((await getDb().select().from(threads).all()).length).toBe(before);
    const page = await callLoader(newThreadLoader, "/threads/new");
    expect(page.status).toBe(302);
  });

  it("creates the thread, its opening post and first revision, with sanitised HTML", async () => {
    const res = await callAction(
      newThreadAction,
      "/threads/new",
      {
        projectId: String(project.id),
        complaintType: "design",
        title: "  规划变更未公示  ",
        body: "儿童游乐区变成了停车位 <script>alert(1)</script> [链接](javascript:alert(1))",
      },
      { user: owner },
    );
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.split("/").pop());
    const thread = (await getThread(id))!;
    expect(thread.title).toBe("规划变更未公示");
    expect(thread.status).toBe("awaiting_ack");
    expect(thread.opening?.bodyHtml).not.toContain("<script");
    expect(thread.opening?.bodyHtml).not.toContain("javascript:");
    expect(await listPostRevisions(thread.opening!.id)).toHaveLength(1);
  });

  it("keeps every field and explains each error", async () => {
    const res = await callAction(
      newThreadAction,
      "/threads/new",
      { projectId: "", complaintType: "nope", title: "标".repeat(81), body: "保留我写的内容" },
      { user: owner },
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual({
      projectId: "errors.projectRequired",
      complaintType: "errors.typeRequired",
      title: "errors.titleTooLong",
    });
    expect(body.values.body).toBe("保留我写的内容");
  });

  it("refuses a project that does not exist", async () => {
    const res = await callAction(newThreadAction, "/threads/new", { projectId: "999999", complaintType: "quality", title: "t", body: "b" }, { user: owner });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.projectId).toBe("errors.projectUnknown");
  });

  it("limits new threads to 5 an hour per user", async () => {
    const poster = await makeUser("owner");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await callAction(
        newThreadAction,
        "/threads/new",
        { projectId: String(project.id), complaintType: "quality", title: `第${i}条`, body: "内容" },
        { user: poster },
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429]);
  });
});

describe("replies", () => {
  it("adds a reply and counts it on the thread", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const res = await callAction(replyAction, `/threads/${id}`, { intent: "reply", body: "我家也一样" }, { user: other, params: { id: String(id) } });
    expect(res.status).toBe(302);
    const thread = (await getThread(id))!;
    expect(thread.replies.map((r) => r.authorName)).toEqual([other.displayName]);
    expect(thread.replyCount).toBe(1);
  });

  it("needs a login and a body", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const anon = await callAction(replyAction, `/threads/${id}`, { intent: "reply", body: "x" }, { params: { id: String(id) } });
    expect(anon.status).toBe(302);
    const empty = await callAction(replyAction, `/threads/${id}`, { intent: "reply", body: "   " }, { user: other, params: { id: String(id) } });
    expect(empty.status).toBe(400);
    expect((await getThread(id))!.replies).toHaveLength(0);
  });

  it("answers 404 for a thread that does not exist", async () => {
    const res = await callAction(replyAction, "/threads/987654", { intent: "reply", body: "x" }, { user: other, params: { id: "987654" } });
    expect(res.status).toBe(404);
    expect((await callLoader(threadLoader, "/threads/987654", { params: { id: "987654" } })).status).toBe(404);
    expect((await callLoader(threadLoader, "/threads/abc", { params: { id: "abc" } })).status).toBe(404);
    expect((await callLoader(projectLoader, "/projects/nope", { params: { slug: "nope" } })).status).toBe(404);
  });
});

describe("editing", () => {
  it("lets the author edit within 15 minutes and keeps the earlier version", async () => {
    const t0 = Date.now();
    const id = await makeThread({ authorId: owner.id, projectId: project.id, body: "第一版", now: t0 });
    const postId = (await getThread(id))!.opening!.id;
    expect(await editPost({ postId, userId: owner.id, body: "第二版" }, t0 + EDIT_WINDOW_MS - 1)).toEqual({ ok: true, threadId: id });
    expect((await listPostRevisions(postId)).map((r) => r.bodyMarkdown)).toEqual(["第一版", "第二版"]);
    const post = (await getDb().select().from(posts).where(eq(posts.id, postId)).get())!;
    expect(post.bodyMarkdown).toBe("第二版");
    expect(post.editedAt).toBe(t0 + EDIT_WINDOW_MS - 1);
    expect(await editPost({ postId, userId: owner.id, body: "第三版" }, t0 + EDIT_WINDOW_MS + 1)).toEqual({
      ok: false,
      reason: "windowClosed",
    });
    expect(await listPostRevisions(postId)).toHaveLength(2);
  });

  it("refuses anyone but the author", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const postId = (await getThread(id))!.opening!.id;
    const res = await callAction(editAction, `/posts/${postId}/edit`, { body: "篡改" }, { user: other, params: { id: String(postId) } });
    expect(res.status).toBe(403);
    expect(await listPostRevisions(postId)).toHaveLength(1);
  });

  it("through the form: the author's edit is saved and shown", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const postId = (await getThread(id))!.opening!.id;
    const res = await callAction(editAction, `/posts/${postId}/edit`, { body: "**补充**:已报修" }, { user: owner, params: { id: String(postId) } });
    expect(res.status).toBe(302);
    expect((await getThread(id))!.opening!.bodyHtml).toContain("<strong>补充</strong>");
  });
});

describe("public pages", () => {
  it("shows display names, never emails", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const res = await callLoader(threadLoader, `/threads/${id}`, { params: { id: String(id) } });
    const text = await res.text();
    expect(text).toContain(owner.displayName);
    expect(text).not.toContain(owner.email);
  });
});

describe("a list's total", () => {
  it("follows every write that changes it, filter by filter, though it is kept between writes", async () => {
    const place = await makeProject();
    const inProject = () => listThreads({ projectId: place.id }).then((l) => l.total);
    const answered = () => listThreads({ projectId: place.id, status: "answered" }).then((l) => l.total);
    const everywhere = () => listThreads({}).then((l) => l.total);
    expect(await inProject()).toBe(0);
    const all = await everywhere();

    const first = await makeThread({ authorId: owner.id, projectId: place.id });
    expect(await inProject()).toBe(1);
    expect(await everywhere()).toBe(all + 1);
    expect(await answered()).toBe(0);

    // A change of status, written straight to the table, moves the count of that status.
    await getDb().update(threads).set({ status: "answered" }).where(eq(threads.id, first)).run();
    expect(await answered()).toBe(1);
    await makeThread({ authorId: other.id, projectId: place.id });
    expect((await listThreads({ projectId: place.id })).items).toHaveLength(2);
    expect(await inProject()).toBe(2);
    expect(await answered()).toBe(1);
  });
});
