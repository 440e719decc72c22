import { beforeAll, describe, expect, it } from "vitest";
import { loader as listLoader } from "../../app/routes/api.threads._index";
import { loader as threadLoader } from "../../app/routes/api.threads.$id";
import { loader as projectsLoader } from "../../app/routes/api.projects._index";
import { loader as homeLoader } from "../../app/routes/_index";
import { loader as statsLoader } from "../../app/routes/api.stats";
import { createReply } from "../../app/models/threads.server";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callLoader } from "../support/remix";
import { loader as apiElsewhereLoader } from "../../app/routes/api.$";

let a: Awaited<ReturnType<typeof makeProject>>;
let b: Awaited<ReturnType<typeof makeProject>>;
let ownerEmail = "";
const ids: number[] = [];

beforeAll(async () => {
  const owner = await makeUser("owner");
  ownerEmail = owner.email;
  a = await makeProject({ slug: "api-a", name: "甲楼盘" });
  b = await makeProject({ slug: "api-b", name: "乙楼盘" });
  const t0 = Date.UTC(2026, 0, 1);
  // 25 threads in A (quality), 5 in B (sales), one minute apart.
  for (let i = 0; i < 30; i++) {
    ids.push(
      await makeThread({
        authorId: owner.id,
        projectId: i < 25 ? a.id : b.id,
        complaintType: i < 25 ? "quality" : "sales",
        title: `接口测试 ${i}`,
        now: t0 + i * 60_000,
      }),
    );
  }
  await createReply({ threadId: ids[29]!, authorId: owner.id, body: "补充说明" }, t0 + 31 * 60_000);
});

async function list(query: string) {
  const res = await callLoader(listLoader, `/api/threads${query}`);
  expect(res.status).toBe(200);
  return res.json();
}

describe("GET /api/threads", () => {
  it("lists newest first with stable field names and pagination", async () => {
    const body = await list("");
    expect(body.total).toBe(30);
    expect(body.pages).toBe(2);
    expect(body.threads).toHaveLength(20);
    expect(Object.keys(body.threads[0]).sort()).toEqual(
      [
        "author",
        "clocks",
        "complaintType",
        "createdAt",
        "hidden",
        "holder",
        "id",
        "lastPostAt",
        "meTooCount",
        "mergedIntoId",
        "project",
        "replyCount",
        "status",
        "title",
        "url",
      ].sort(),
    );
    expect(body.threads[0].id).toBe(ids[29]);
    expect(body.threads[0].replyCount).toBe(1);
    expect(body.threads[0].project).toEqual({ slug: "api-b", name: "乙楼盘" });
    expect(JSON.stringify(body)).not.toContain(ownerEmail);
    const page2 = await list("?page=2");
    expect(page2.threads).toHaveLength(10);
    expect(page2.threads.at(-1).id).toBe(ids[0]);
  });

  it("filters by project, type and status, alone and together", async () => {
    expect((await list("?project=api-b")).total).toBe(5);
    expect((await list("?type=quality")).total).toBe(25);
    expect((await list("?project=api-a&type=sales")).total).toBe(0);
    expect((await list("?status=awaiting_ack&project=api-a")).total).toBe(25);
    expect((await list("?status=resolved")).total).toBe(0);
    const b = await list("?project=api-b&type=sales&pageSize=2&page=2");
    expect(b.threads.map((t: { id: number }) => t.id)).toEqual([ids[27], ids[26]]);
    expect(b.filters).toEqual({ project: "api-b", type: "sales", status: null });
  });

  it("refuses an unknown project, as any value it does not know, and clamps bad paging", async () => {
    const unknown = await callLoader(listLoader, "/api/threads?project=does-not-exist");
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await unknown.json()).toEqual({ error: "invalid_query", issues: [{ param: "project", message: "no project has this slug" }] });
    const far = await list("?page=999");
    expect(far.page).toBe(2);
    expect((await list("?pageSize=1000")).pageSize).toBe(100);
  });

  it("refuses a misspelt filter with a 400 naming each bad parameter, instead of listing everything", async () => {
    const res = await callLoader(listLoader, "/api/threads?status=resolve&type=qualty&page=two&project=api-a");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe("invalid_query");
    expect(body.issues.map((i: { param: string }) => i.param).sort()).toEqual(["page", "status", "type"]);
    const status = body.issues.find((i: { param: string }) => i.param === "status");
    expect(status.message).toContain("resolved");
    expect((await callLoader(listLoader, "/api/threads?sort=oldest")).status).toBe(400);
    expect((await callLoader(listLoader, "/api/threads?pageSize=1.5")).status).toBe(400);
  });

  it("treats empty values as no filter and leaves other parameters alone", async () => {
    const body = await list("?project=&type=&status=&_=1732345678");
    expect(body.total).toBe(30);
    expect(body.filters).toEqual({ project: null, type: null, status: null });
  });

  it("the home page uses the same filters", async () => {
    const res = await callLoader(homeLoader, "/?project=api-b&type=sales");
    const body = await res.json();
    expect(body.result.total).toBe(5);
  });
});

describe("GET /api/threads/:id and /api/projects", () => {
  it("returns a thread with its posts, or 404", async () => {
    const res = await callLoader(threadLoader, `/api/threads/${ids[29]}`, { params: { id: String(ids[29]) } });
    const { thread } = await res.json();
    expect(thread.opening.kind).toBe("opening");
    expect(thread.replies).toHaveLength(1);
    expect(thread.replies[0].bodyHtml).toContain("补充说明");
    expect(thread.project.city).toBe("深圳");
    const missing = await callLoader(threadLoader, "/api/threads/424242", { params: { id: "424242" } });
    expect(missing.status).toBe(404);
    // A client on another origin can read the 404, as any answer of the API.
    expect(missing.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const nowhere = await callLoader(apiElsewhereLoader, "/api/thread/1");
    expect(nowhere.status).toBe(404);
    expect(nowhere.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await nowhere.json()).toEqual({ error: "not_found" });
  });

  it("lists projects with their thread counts", async () => {
    const { projects } = await (await callLoader(projectsLoader, "/api/projects")).json();
    const bySlug = Object.fromEntries(projects.map((p: { slug: string; threadCount: number }) => [p.slug, p.threadCount]));
    expect(bySlug["api-a"]).toBe(25);
    expect(bySlug["api-b"]).toBe(5);
  });
});

describe("GET /api/stats", () => {
  it("answers for a named period and project, and refuses an unknown period or project", async () => {
    const res = await callLoader(statsLoader, "/api/stats?period=12_months&project=api-b");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.period).toBe("12_months");
    expect(body.byProject.map((p: { slug: string }) => p.slug)).toEqual(["api-b"]);

    const bad = await callLoader(statsLoader, "/api/stats?period=last_year");
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues).toEqual([{ param: "period", message: expect.stringContaining("90_days") }]);
    expect((await callLoader(statsLoader, "/api/stats?project=nowhere")).status).toBe(404);
  });
});
