import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rawRun } from "../../app/lib/db.server";
import type { FactorFields } from "../../app/lib/disclosure";
import {
  createDraftFactor,
  discardDraft,
  listCurrentFactors,
  listDisclosureHistory,
  publishDraft,
  setDisclosureSubscription,
  surroundingsCounts,
  updateDraft,
  withdrawFactor,
} from "../../app/models/disclosures.server";
import { action as staffListAction, loader as staffListLoader } from "../../app/routes/staff.projects.$slug.disclosures";
import { action as draftAction, loader as draftLoader } from "../../app/routes/staff.disclosures.$versionId";
import { loader as publicLoader, action as followAction } from "../../app/routes/projects.$slug_.disclosures._index";
import { loader as printLoader } from "../../app/routes/projects.$slug_.disclosures.print";
import { loader as apiLoader } from "../../app/routes/api.projects.$slug.disclosures";
import { action as newThreadAction } from "../../app/routes/threads.new";
import { loader as threadLoader } from "../../app/routes/threads.$id";
import { disclosureFactors, disclosureVersions, mailOutbox } from "../../db/schema";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callAction, callLoader } from "../support/remix";

const RAILWAY: FactorFields = {
  factorType: "railway",
  title: "平湖货运铁路",
  impact: "夜间货运列车通过,有噪音和振动。",
  direction: "SE",
  distanceM: 200,
  mitigation: null,
  sourceNote: "市规划局公示图",
};
const DAY = 86_400_000;
const form = (f: FactorFields) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v == null ? "" : String(v)]));

let staff: Awaited<ReturnType<typeof makeUser>>;
let owner: Awaited<ReturnType<typeof makeUser>>;
let project: Awaited<ReturnType<typeof makeProject>>;

beforeAll(async () => {
  staff = await makeUser("staff");
  owner = await makeUser("owner");
  project = await makeProject({ slug: "disc-project", name: "公示楼盘" });
});

const versionRow = (id: number) => getDb().select().from(disclosureVersions).where(eq(disclosureVersions.id, id)).get();

describe("a published version can never be altered or deleted", () => {
  it("by any staff action, route or direct database write", async () => {
    const { factorId, versionId } = await createDraftFactor(project.id, staff.id, RAILWAY, Date.now());
    expect((await publishDraft(versionId, staff.id, Date.now())).ok).toBe(true);
    const frozen = await versionRow(versionId);
    expect(frozen?.state).toBe("published");
    const unchanged = async () => expect(await versionRow(versionId)).toEqual(frozen);
    const changed = { ...RAILWAY, distanceM: 10, title: "改写" };

    // Model functions.
    expect(await updateDraft(versionId, staff.id, changed, Date.now())).toEqual({ ok: false, reason: "wrongState" });
    expect(await publishDraft(versionId, staff.id, Date.now())).toEqual({ ok: false, reason: "wrongState" });
    expect(await discardDraft(versionId, staff.id, Date.now())).toEqual({ ok: false, reason: "wrongState" });
    await unchanged();

    // The draft editor route, both of its actions, and its page.
    const params = { versionId: String(versionId) };
    for (const body of [{ intent: "save", ...form(changed) }, { intent: "publish" }]) {
      const res = await callAction(draftAction, `/staff/disclosures/${versionId}`, body, { user: staff, params });
      expect(res.status).toBe(409);
      await unchanged();
    }
    const page = await (await callLoader(draftLoader, `/staff/disclosures/${versionId}`, { user: staff, params })).json();
    expect(page.draft.state).toBe("published");

    // Every action of the project's disclosure page, aimed at the published version.
    const slug = { slug: project.slug };
    for (const body of [
      { intent: "publish", versionId: String(versionId) },
      { intent: "discard", versionId: String(versionId) },
      { intent: "create", ...form(changed), versionId: String(versionId) },
    ]) {
      await callAction(staffListAction, `/staff/projects/${project.slug}/disclosures`, body, { user: staff, params: slug });
      await unchanged();
    }

    // Revising and withdrawing add versions; the published one stays as it was.
    const revise = await callAction(
      staffListAction,
      `/staff/projects/${project.slug}/disclosures`,
      { intent: "revise", factorId: String(factorId) },
      { user: staff, params: slug },
    );
    expect(revise.status).toBe(302);
    const draftId = Number(revise.headers.get("Location")!.split("/").pop());
    expect(draftId).not.toBe(versionId);
    expect((await updateDraft(draftId, staff.id, { ...RAILWAY, distanceM: 150 }, Date.now())).ok).toBe(true);
    expect((await publishDraft(draftId, staff.id, Date.now())).ok).toBe(true);
    await unchanged();
    const withdraw = await callAction(
      staffListAction,
      `/staff/projects/${project.slug}/disclosures`,
      { intent: "withdraw", factorId: String(factorId), reason: "测试撤回" },
      { user: staff, params: slug },
    );
    expect(withdraw.status).toBe(302);
    await unchanged();
    expect((await versionRow(draftId))?.distanceM).toBe(150);

    // And the database itself refuses.
    await expect(rawRun(sql`update disclosure_versions set distance_m = 1 where id = ${versionId}`)).rejects.toThrow(/frozen/);
    await expect(rawRun(sql`delete from disclosure_versions where id = ${versionId}`)).rejects.toThrow(/never deleted/);
    await expect(rawRun(sql`delete from disclosure_factors where id = ${factorId}`)).rejects.toThrow(/never deleted/);
    await unchanged();

    // The history keeps all three published versions, newest first.
    const history = (await listDisclosureHistory(project.id)).filter((h) => h.factorId === factorId);
    expect(history.map((h) => h.action)).toEqual(["withdraw", "publish", "publish"]);
    expect(history[1]!.changes).toEqual([{ kind: "changed", title: "平湖货运铁路", field: "distanceM", from: 200, to: 150 }]);
    expect(history[0]!.changes).toEqual([{ kind: "withdrawn", title: "平湖货运铁路", reason: "测试撤回" }]);
    expect((await listCurrentFactors(project.id)).some((f) => f.factorId === factorId)).toBe(false);
  });
});

describe("the editor", () => {
  it("is for staff only", async () => {
    expect((await callLoader(staffListLoader, "/staff/projects/disc-project/disclosures", { user: owner, params: { slug: "disc-project" } })).status).toBe(403);
    const res = await callAction(
      staffListAction,
      "/staff/projects/disc-project/disclosures",
      { intent: "create", ...form(RAILWAY) },
      { user: owner, params: { slug: "disc-project" } },
    );
    expect(res.status).toBe(403);
  });

  it("explains bad input next to the field and keeps it", async () => {
    const res = await callAction(
      staffListAction,
      "/staff/projects/disc-project/disclosures",
      { intent: "create", ...form({ ...RAILWAY, distanceM: -5 }), direction: "UP" },
      { user: staff, params: { slug: "disc-project" } },
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toMatchObject({ distanceM: "disclosure.errors.distance", direction: "disclosure.errors.directionRequired" });
    expect(body.values.title).toBe(RAILWAY.title);
  });

  it("drafts are private until published", async () => {
    const p = await makeProject();
    const { versionId } = await createDraftFactor(p.id, staff.id, { ...RAILWAY, title: "草稿因素" }, Date.now());
    const page = await (await callLoader(publicLoader, `/projects/${p.slug}/disclosures`, { params: { slug: p.slug } })).text();
    expect(page).not.toContain("草稿因素");
    await publishDraft(versionId, staff.id, Date.now());
    const after = await (await callLoader(publicLoader, `/projects/${p.slug}/disclosures`, { params: { slug: p.slug } })).json();
    expect(after.factors.map((f: { title: string }) => f.title)).toEqual(["草稿因素"]);
    expect((await callLoader(printLoader, `/projects/${p.slug}/disclosures/print`, { params: { slug: p.slug } })).status).toBe(200);
  });
});

describe("followers", () => {
  it("get an email, in their language, when a version is published", async () => {
    const p = await makeProject({ name: "关注楼盘" });
    const follower = await makeUser("owner");
    const res = await callAction(followAction, `/projects/${p.slug}/disclosures`, { follow: "1" }, { user: follower, params: { slug: p.slug } });
    expect(res.status).toBe(302);
    const { versionId, factorId } = await createDraftFactor(p.id, staff.id, RAILWAY, Date.now());
    await publishDraft(versionId, staff.id, Date.now());
    await withdrawFactor(factorId, staff.id, "已拆除", Date.now());
    const mails = await getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, follower.email)).all();
    expect(mails.map((m) => m.category)).toEqual(["disclosures", "disclosures"]);
    expect(mails[0]!.subject).toContain("关注楼盘");
    expect(mails[0]!.textBody).toContain(`/projects/${p.slug}/disclosures`);
    await setDisclosureSubscription(p.id, follower.id, false, Date.now());
    const v2 = await createDraftFactor(p.id, staff.id, RAILWAY, Date.now());
    await publishDraft(v2.versionId, staff.id, Date.now());
    expect(await getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, follower.email)).all()).toHaveLength(2);
  });
});

describe("complaints and disclosures", () => {
  it("a complaint links to a factor of its own project and shows whether it was disclosed", async () => {
    const p = await makeProject({ slug: "link-project" });
    const elsewhere = await makeProject();
    const t0 = Date.now() - 30 * DAY;
    const disclosed = await createDraftFactor(p.id, staff.id, RAILWAY, t0);
    await publishDraft(disclosed.versionId, staff.id, t0);
    const foreign = await createDraftFactor(elsewhere.id, staff.id, RAILWAY, Date.now());
    await publishDraft(foreign.versionId, staff.id, Date.now());

    const base = { projectId: String(p.id), complaintType: "other", title: "铁路噪音", body: "夜里睡不着" };
    const wrong = await callAction(newThreadAction, "/threads/new", { ...base, relatedFactorId: String(foreign.factorId) }, { user: owner });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors.relatedFactorId).toBe("disclosure.relatedFactorWrongProject");

    const ok = await callAction(newThreadAction, "/threads/new", { ...base, relatedFactorId: String(disclosed.factorId) }, { user: owner });
    const id = Number(ok.headers.get("Location")!.split("/").pop());
    const data = await (await callLoader(threadLoader, `/threads/${id}`, { params: { id: String(id) } })).json();
    expect(data.factor).toMatchObject({ id: disclosed.factorId, firstPublishedAt: t0, title: "平湖货运铁路" });

    // A factor disclosed only after the complaint does not count as disclosed.
    const late = await createDraftFactor(p.id, staff.id, { ...RAILWAY, title: "新建垃圾站", factorType: "waste" }, Date.now());
    await makeThread({ authorId: owner.id, projectId: p.id, complaintType: "other", now: Date.now() - DAY });
    await publishDraft(late.versionId, staff.id, Date.now());
    await makeThread({ authorId: owner.id, projectId: p.id, complaintType: "other" });
    expect(await surroundingsCounts(p.id)).toEqual({ disclosed: 1, undisclosed: 2 });
  });
});

describe("GET /api/projects/:slug/disclosures", () => {
  it("returns the current factors and the full history", async () => {
    const p = await makeProject({ slug: "api-disc" });
    const { versionId, factorId } = await createDraftFactor(p.id, staff.id, { ...RAILWAY, distanceM: 1500 }, Date.now());
    await publishDraft(versionId, staff.id, Date.now());
    const body = await (await callLoader(apiLoader, "/api/projects/api-disc/disclosures", { params: { slug: "api-disc" } })).json();
    expect(body.factors).toHaveLength(1);
    expect(body.factors[0]).toMatchObject({ id: factorId, type: "railway", direction: "SE", distanceM: 1500, withinRegister: false });
    expect(body.history[0].changes).toEqual([{ kind: "added", title: "平湖货运铁路" }]);
    expect((await callLoader(apiLoader, "/api/projects/none/disclosures", { params: { slug: "none" } })).status).toBe(404);
    expect((await getDb().select().from(disclosureFactors).where(eq(disclosureFactors.id, factorId)).get())?.status).toBe("published");
  });
});
