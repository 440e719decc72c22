// An action that does not know what it is asked to do changes nothing and answers 400:
// no form's missing or misspelt intent falls through to some default work.
import { beforeAll, describe, expect, it } from "vitest";
import type { FactorFields } from "../../app/lib/disclosure";
import { createDraftFactor, getDraft, isSubscribed } from "../../app/models/disclosures.server";
import { getThread } from "../../app/models/threads.server";
import { getUserById } from "../../app/models/users.server";
import { action as adminUsersAction } from "../../app/routes/admin.users";
import { action as followAction } from "../../app/routes/projects.$slug_.disclosures._index";
import { action as draftAction } from "../../app/routes/staff.disclosures.$versionId";
import { action as staffDisclosuresAction } from "../../app/routes/staff.projects.$slug.disclosures";
import { action as staffThreadAction } from "../../app/routes/staff.threads.$id";
import { action as threadAction } from "../../app/routes/threads.$id";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callAction } from "../support/remix";

const RAILWAY: FactorFields = {
  factorType: "railway",
  title: "货运铁路",
  impact: "夜间噪音。",
  direction: "SE",
  distanceM: 200,
  mitigation: null,
  sourceNote: "公示图",
};
const fields = Object.fromEntries(Object.entries(RAILWAY).map(([k, v]) => [k, v == null ? "" : String(v)]));

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
  project = await makeProject();
});

describe("unknown or missing intents", () => {
  it("a thread takes a reply only when asked for one", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const params = { id: String(id) };
    const forms: Record<string, string>[] = [
      { body: "没有说要做什么" },
      { intent: "bogus", body: "拼错的意图" },
      { intent: "Reply", body: "大小写不同" },
      { intent: "", body: "空的意图" },
    ];
    for (const form of forms) {
      const res = await callAction(threadAction, `/threads/${id}`, form, { user: other, params });
      expect(res.status, JSON.stringify(form)).toBe(400);
      const data = await res.json();
      expect(data.formError).toBe("errors.invalid");
      expect(data.values.body).toBe(form.body);
    }
    expect((await getThread(id))!.replies).toHaveLength(0);
    const reply = await callAction(threadAction, `/threads/${id}`, { intent: "reply", body: "这才是回复" }, { user: other, params });
    expect(reply.status).toBe(302);
    expect((await getThread(id))!.replies.map((r) => r.authorName)).toEqual([other.displayName]);
  });

  it("the staff view of a thread does nothing without a known intent", async () => {
    const id = await makeThread({ authorId: owner.id, projectId: project.id });
    const forms: Record<string, string>[] = [{ severity: "4" }, { intent: "bogus", severity: "4" }];
    for (const form of forms) {
      const res = await callAction(staffThreadAction, `/staff/threads/${id}`, form, { user: staff, params: { id: String(id) } });
      expect(res.status).toBe(400);
    }
  });

  it("the admin's user list changes no role without being asked to", async () => {
    const res = await callAction(adminUsersAction, "/admin/users", { userId: owner.id, makeStaff: "1" }, { user: admin });
    expect(res.status).toBe(400);
    expect((await getUserById(owner.id))!.role).toBe("owner");
    const bogus = await callAction(adminUsersAction, "/admin/users", { intent: "promote", userId: owner.id, makeStaff: "1" }, { user: admin });
    expect(bogus.status).toBe(400);
    const asked = await callAction(adminUsersAction, "/admin/users", { intent: "role", userId: other.id, makeStaff: "1" }, { user: admin });
    expect(asked.status).toBe(200);
    expect((await getUserById(other.id))!.role).toBe("staff");
  });

  it("a disclosure draft is saved or published only when asked", async () => {
    const { versionId } = await createDraftFactor(project.id, staff.id, RAILWAY, Date.now());
    const params = { versionId: String(versionId) };
    for (const form of [
      { ...fields, title: "改过的标题" },
      { intent: "bogus", ...fields, title: "改过的标题" },
    ]) {
      const res = await callAction(draftAction, `/staff/disclosures/${versionId}`, form, { user: staff, params });
      expect(res.status).toBe(400);
      expect((await res.json()).formError).toBe("errors.invalid");
    }
    expect((await getDraft(versionId))!.title).toBe(RAILWAY.title);
    const saved = await callAction(draftAction, `/staff/disclosures/${versionId}`, { intent: "save", ...fields, title: "改过的标题" }, { user: staff, params });
    expect(saved.status).toBe(302);
    expect((await getDraft(versionId))!.title).toBe("改过的标题");
  });

  it("the project's disclosure register does nothing without a known intent", async () => {
    for (const form of [fields, { intent: "bogus", ...fields }]) {
      const res = await callAction(staffDisclosuresAction, `/staff/projects/${project.slug}/disclosures`, form, {
        user: staff,
        params: { slug: project.slug },
      });
      expect(res.status).toBe(400);
    }
  });

  it("following a project's disclosures takes a yes or a no, nothing else", async () => {
    const params = { slug: project.slug };
    const res = await callAction(followAction, `/projects/${project.slug}/disclosures`, { follow: "yes" }, { user: owner, params });
    expect(res.status).toBe(400);
    expect((await callAction(followAction, `/projects/${project.slug}/disclosures`, {}, { user: owner, params })).status).toBe(400);
    expect(await isSubscribed(project.id, owner.id)).toBe(false);
    expect((await callAction(followAction, `/projects/${project.slug}/disclosures`, { follow: "1" }, { user: owner, params })).status).toBe(302);
    expect(await isSubscribed(project.id, owner.id)).toBe(true);
  });
});
