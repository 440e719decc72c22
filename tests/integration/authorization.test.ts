// Every staff and admin route and action, tried by each kind of visitor.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { postOfficial } from "../../app/models/responses.server";
import { createReply } from "../../app/models/threads.server";
import * as adminUsers from "../../app/routes/admin.users";
import * as staffAudit from "../../app/routes/staff.audit";
import * as staffFlags from "../../app/routes/staff.flags";
import * as staffQueue from "../../app/routes/staff._index";
import * as staffThread from "../../app/routes/staff.threads.$id";
import * as thread from "../../app/routes/threads.$id";
import * as staffReport from "../../app/routes/staff.reports.$period";
import * as staffReportCsv from "../../app/routes/staff.reports.$period_.csv";
import * as staffReports from "../../app/routes/staff.reports._index";
import * as staffDisclosures from "../../app/routes/staff.projects.$slug.disclosures";
import * as staffDraft from "../../app/routes/staff.disclosures.$versionId";
import { createDraftFactor } from "../../app/models/disclosures.server";
import { auditLog } from "../../db/schema";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callAction, callLoader } from "../support/remix";

type Who = "anonymous" | "owner" | "otherOwner" | "staff" | "admin";
const WHO: Who[] = ["anonymous", "owner", "otherOwner", "staff", "admin"];
let people: Record<Exclude<Who, "anonymous">, { id: string }>;
let threadId: number;
let otherThreadId: number;
let replyId: number;
let targetUserId: string;
let projectSlug = "";
let draftVersionId = 0;

beforeAll(async () => {
  people = { owner: await makeUser("owner"), otherOwner: await makeUser("owner"), staff: await makeUser("staff"), admin: await makeUser("admin") };
  const project = await makeProject();
  projectSlug = project.slug;
  draftVersionId = (
    await createDraftFactor(
      project.id,
      people.staff.id,
      {
        factorType: "road",
        title: "道路",
        impact: "噪音",
        direction: "N",
        distanceM: 100,
        mitigation: null,
        sourceNote: null,
      },
      Date.now(),
    )
  ).versionId;
  threadId = await makeThread({ authorId: people.owner.id, projectId: project.id });
  otherThreadId = await makeThread({ authorId: people.otherOwner.id, projectId: project.id });
  replyId = await createReply({ threadId, authorId: people.otherOwner.id, body: "回复" }, Date.now());
  targetUserId = (await makeUser("owner")).id;
});

const auditCount = async () =>
  (await getDb()
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .get())!.n;
const userOf = (who: Who) => (who === "anonymous" ? null : people[who]);

type Case = {
  name: string;
  allowed: Who[];
  run: (who: Who) => Promise<Response>;
};

const staffOnly: Who[] = ["staff", "admin"];
const adminOnly: Who[] = ["admin"];

const loaderCase = (
  name: string,
  mod: { loader: (a: never) => unknown },
  path: string,
  allowed: Who[],
  params: () => Record<string, string> = () => ({}),
): Case => ({
  name: `GET ${name}`,
  allowed,
  run: (who) => callLoader(mod.loader as never, path, { user: userOf(who), params: params() }),
});

const actionCase = (
  name: string,
  mod: { action: (a: never) => unknown },
  path: () => string,
  form: () => Record<string, string>,
  allowed: Who[],
  params: () => Record<string, string> = () => ({}),
): Case => ({
  name: `POST ${name}`,
  allowed,
  run: (who) => callAction(mod.action as never, path(), form(), { user: userOf(who), params: params() }),
});

const threadParams = () => ({ id: String(threadId) });
const CASES: Case[] = [
  loaderCase("/staff", staffQueue, "/staff", staffOnly),
  loaderCase("/staff/threads/:id", staffThread, "/staff/threads/1", staffOnly, threadParams),
  loaderCase("/staff/audit", staffAudit, "/staff/audit", staffOnly),
  loaderCase("/staff/flags", staffFlags, "/staff/flags", staffOnly),
  loaderCase("/admin/users", adminUsers, "/admin/users", adminOnly),
  loaderCase("/staff/disclosures/:versionId", staffDraft, "/staff/disclosures/1", staffOnly, () => ({ versionId: String(draftVersionId) })),
  actionCase(
    "/staff/disclosures/:versionId save",
    staffDraft,
    () => `/staff/disclosures/${draftVersionId}`,
    () => ({ intent: "save", factorType: "road", title: "道路", impact: "噪音", direction: "N", distanceM: "90" }),
    staffOnly,
    () => ({ versionId: String(draftVersionId) }),
  ),
  loaderCase("/staff/reports", staffReports, "/staff/reports", staffOnly),
  loaderCase("/staff/reports/:period (month)", staffReport, "/staff/reports/2026-11", staffOnly, () => ({ period: "2026-11" })),
  loaderCase("/staff/reports/:period (week)", staffReport, "/staff/reports/2026-W47", staffOnly, () => ({ period: "2026-W47" })),
  loaderCase("/staff/reports/:period/csv", staffReportCsv, "/staff/reports/2026-11/csv", staffOnly, () => ({ period: "2026-11" })),
  loaderCase("/staff/reports/:period/csv (week)", staffReportCsv, "/staff/reports/2026-W47/csv", staffOnly, () => ({ period: "2026-W47" })),
  loaderCase("/staff/projects/:slug/disclosures", staffDisclosures, "/staff/projects/x/disclosures", staffOnly, () => ({ slug: projectSlug })),
  actionCase(
    "/staff/projects/:slug/disclosures create",
    staffDisclosures,
    () => `/staff/projects/${projectSlug}/disclosures`,
    () => ({ intent: "create", factorType: "road", title: "道路", impact: "噪音", direction: "N", distanceM: "100" }),
    staffOnly,
    () => ({ slug: projectSlug }),
  ),
  actionCase(
    "/staff (bulk acknowledge)",
    staffQueue,
    () => "/staff",
    () => ({ threadId: String(otherThreadId) }),
    staffOnly,
  ),
  ...["triage", "note", "hide-thread", "restore-thread", "lock", "unlock", "hide-post", "restore-post", "callback"].map((intent) =>
    actionCase(
      `/staff/threads/:id ${intent}`,
      staffThread,
      () => `/staff/threads/${threadId}`,
      () => ({
        intent,
        complaintType: "design",
        severity: "2",
        body: "内部备注",
        reason: "测试原因",
        postId: String(replyId),
        calledAt: "2026-11-20",
        outcome: "已回访",
        satisfaction: "4",
      }),
      staffOnly,
      threadParams,
    ),
  ),
  actionCase(
    "/staff/threads/:id merge",
    staffThread,
    () => `/staff/threads/${otherThreadId}`,
    () => ({ intent: "merge", targetId: "999999" }),
    staffOnly,
    () => ({ id: String(otherThreadId) }),
  ),
  actionCase(
    "/staff/flags (review)",
    staffFlags,
    () => "/staff/flags",
    () => ({ postId: String(replyId), decision: "kept" }),
    staffOnly,
  ),
  actionCase(
    "/admin/users role",
    adminUsers,
    () => "/admin/users",
    () => ({ intent: "role", userId: targetUserId, makeStaff: "1" }),
    adminOnly,
  ),
  actionCase(
    "/admin/users ban",
    adminUsers,
    () => "/admin/users",
    () => ({ intent: "ban", userId: targetUserId, reason: "spam" }),
    adminOnly,
  ),
  actionCase(
    "/admin/users unban",
    adminUsers,
    () => "/admin/users",
    () => ({ intent: "unban", userId: targetUserId }),
    adminOnly,
  ),
  actionCase(
    "/threads/:id acknowledge",
    thread,
    () => `/threads/${threadId}`,
    () => ({ intent: "acknowledge" }),
    staffOnly,
    threadParams,
  ),
  actionCase(
    "/threads/:id official",
    thread,
    () => `/threads/${threadId}`,
    () => ({ intent: "official", kind: "solution", delivery: "done", body: "您好,我们已安排工程部本周内上门处理,请保持电话畅通。" }),
    staffOnly,
    threadParams,
  ),
];

describe("authorization matrix", () => {
  for (const c of CASES) {
    for (const who of WHO) {
      const allowed = c.allowed.includes(who);
      it(`${c.name} as ${who}: ${allowed ? "allowed" : "refused"}`, async () => {
        const before = await auditCount();
        const res = await c.run(who);
        if (allowed) {
          // Past the permission check: the action ran (a business refusal like 409 is still "allowed").
          expect(res.status, await res.clone().text()).not.toBe(403);
          expect(res.status).toBeLessThan(500);
          expect(res.headers.get("Location") ?? "").not.toMatch(/^\/login/);
        } else if (who === "anonymous") {
          expect(res.status).toBe(302);
          expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
          expect(await auditCount()).toBe(before);
        } else {
          expect(res.status).toBe(403);
          expect(await auditCount()).toBe(before);
        }
      });
    }
  }
});

describe("author-only actions", () => {
  it("only the author resolves or reopens; staff and other owners are refused", async () => {
    const project = await makeProject();
    const id = await makeThread({ authorId: people.owner.id, projectId: project.id });
    await postOfficial({ kind: "solution", threadId: id, staffId: people.staff.id, body: "您好,问题已由工程部修复,请确认是否还有渗水。" }, Date.now());
    const params = { id: String(id) };
    for (const who of ["otherOwner", "staff", "admin"] as const) {
      const forms: Record<string, string>[] = [
        { intent: "resolve", overall: "5", attitude: "5", speed: "5", result: "5" },
        { intent: "reopen", comment: "没修好" },
      ];
      for (const form of forms) {
        const res = await callAction(thread.action as never, `/threads/${id}`, form, { user: people[who], params });
        expect(res.status, `${who} ${form.intent}`).toBe(403);
      }
    }
    const rated = { intent: "resolve", overall: "5", attitude: "5", speed: "4", result: "5" };
    const anon = await callAction(thread.action as never, `/threads/${id}`, rated, { params });
    expect(anon.headers.get("Location")).toMatch(/^\/login/);
    const ok = await callAction(thread.action as never, `/threads/${id}`, rated, { user: people.owner, params });
    expect(ok.status).toBe(302);
  });
});
