// An owner's private record (building, unit, phone, purchase date, contract number) is seen
// by the owner and staff only. After the owner posts and staff read the contact for a
// call-back, every public surface is walked, as a visitor and as another owner, and none of
// it appears: pages and their data, search, the API, the feeds, and mail to anyone else.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { seedHeadquartersRecipients } from "../../app/models/org.server";
import { getThread } from "../../app/models/threads.server";
import { loader as homeLoader } from "../../app/routes/_index";
import * as accountProjects from "../../app/routes/account.projects";
import { loader as apiProjectDisclosuresLoader } from "../../app/routes/api.projects.$slug.disclosures";
import { loader as apiProjectsLoader } from "../../app/routes/api.projects._index";
import { loader as apiThreadLoader } from "../../app/routes/api.threads.$id";
import { loader as apiListLoader } from "../../app/routes/api.threads._index";
import { loader as threadsFeedLoader } from "../../app/routes/feeds.threads[.]atom";
import { loader as projectLoader } from "../../app/routes/projects.$slug";
import { loader as disclosuresPageLoader } from "../../app/routes/projects.$slug_.disclosures._index";
import { loader as disclosuresFeedLoader } from "../../app/routes/projects.$slug_.disclosures[.]atom";
import { loader as projectsLoader } from "../../app/routes/projects._index";
import { loader as searchLoader } from "../../app/routes/search";
import * as staffThread from "../../app/routes/staff.threads.$id";
import { loader as statsLoader } from "../../app/routes/stats";
import { action as threadAction, loader as threadLoader } from "../../app/routes/threads.$id";
import { loader as timelineFeedLoader } from "../../app/routes/threads.$id_.timeline[.]atom";
import { action as newThreadAction } from "../../app/routes/threads.new";
import { mailOutbox } from "../../db/schema";
import { makeProject, makeUser } from "../support/factories";
import { callAction, callLoader } from "../support/remix";

const BUILDING = "PRIV7栋";
const UNIT = "U-7731-PRIV";
const PHONE = "13912345678";
const CONTRACT = "HT-2026-ZZ-99871";
const PURCHASED = "2025-03-17";
const SECRETS = [BUILDING, UNIT, PHONE, CONTRACT, PURCHASED];
const TITLE = "电梯异响无人处理 PRIVACY-CHECK";

let owner: Awaited<ReturnType<typeof makeUser>>;
let other: Awaited<ReturnType<typeof makeUser>>;
let staff: Awaited<ReturnType<typeof makeUser>>;
let project: Awaited<ReturnType<typeof makeProject>>;
let threadId = 0;

beforeAll(async () => {
  await seedHeadquartersRecipients({ hq: "hq-privacy@chengwan.example", escalation: "esc-privacy@chengwan.example" }, Date.now());
  owner = await makeUser("owner");
  other = await makeUser("owner");
  staff = await makeUser("staff");
  project = await makeProject({ slug: "privacy-project" });
  const projectId = String(project.id);
  const account = (form: Record<string, string>) => callAction(accountProjects.action, "/account/projects", form, { user: owner });
  expect((await account({ intent: "add-project", projectId })).status).toBe(302);
  expect((await account({ intent: "save", projectId, building: BUILDING, unit: UNIT, phone: PHONE, purchaseDate: PURCHASED, pseudonym: "" })).status).toBe(302);
  // Left waiting, so that the contract number is still kept while the walk runs.
  expect((await account({ intent: "request-verification", projectId, contractNumber: CONTRACT })).status).toBe(302);

  const posted = await callAction(
    newThreadAction,
    "/threads/new",
    { projectId, complaintType: "quality", title: TITLE, body: "电梯每天晚上异响,物业说已报修但一直没人来。" },
    { user: owner },
  );
  expect(posted.status).toBe(302);
  threadId = Number(posted.headers.get("Location")!.split("/").pop());
  const params = { id: String(threadId) };
  const onThread = (form: Record<string, string>, user: { id: string }) => callAction(threadAction, `/threads/${threadId}`, form, { user, params });
  expect((await onThread({ intent: "reply", body: "补充:异响在晚上十点以后最明显。" }, owner)).status).toBe(302);
  expect((await onThread({ intent: "reply", body: "我家也是,同一部电梯。" }, other)).status).toBe(302);
  expect((await onThread({ intent: "acknowledge", note: "已受理,已上报集团总部。" }, staff)).status).toBe(302);
  expect(
    (await onThread({ intent: "official", kind: "solution", delivery: "done", body: "您好,维保单位已更换电梯导靴,异响已消除,稍后电话回访。" }, staff)).status,
  ).toBe(302);

  // Staff read the contact for the call-back, and record the register signature.
  const staffPath = `/staff/threads/${threadId}`;
  const revealed = await callAction(staffThread.action, staffPath, { intent: "reveal-contact" }, { user: staff, params });
  expect((await revealed.json()).contact).toEqual({ building: BUILDING, unit: UNIT, phone: PHONE });
  expect((await callAction(staffThread.action, staffPath, { intent: "sign-register", signed: "1", signedOn: PURCHASED }, { user: staff, params })).status).toBe(
    302,
  );
});

/** Every public surface, as `user` sees it. */
function surfaces(user: { id: string } | null) {
  const id = String(threadId);
  const slug = project.slug;
  const q = encodeURIComponent(TITLE);
  return [
    ["home", () => callLoader(homeLoader, "/", { user })],
    ["home, this project", () => callLoader(homeLoader, `/?project=${slug}`, { user })],
    ["thread page", () => callLoader(threadLoader, `/threads/${id}`, { user, params: { id } })],
    ["thread data", () => callLoader(threadLoader, `/threads/${id}?_data=routes%2Fthreads.%24id`, { user, params: { id } })],
    ["project page", () => callLoader(projectLoader, `/projects/${slug}`, { user, params: { slug } })],
    ["projects", () => callLoader(projectsLoader, "/projects", { user })],
    ["disclosures page", () => callLoader(disclosuresPageLoader, `/projects/${slug}/disclosures`, { user, params: { slug } })],
    ["search by title", () => callLoader(searchLoader, `/search?q=${q}`, { user })],
    ["api threads", () => callLoader(apiListLoader, "/api/threads?pageSize=100", { user })],
    ["api thread", () => callLoader(apiThreadLoader, `/api/threads/${id}`, { user, params: { id } })],
    ["api projects", () => callLoader(apiProjectsLoader, "/api/projects", { user })],
    ["api disclosures", () => callLoader(apiProjectDisclosuresLoader, `/api/projects/${slug}/disclosures`, { user, params: { slug } })],
    ["threads feed", () => callLoader(threadsFeedLoader, "/feeds/threads.atom", { user })],
    ["project's threads feed", () => callLoader(threadsFeedLoader, `/feeds/threads.atom?project=${slug}`, { user })],
    ["timeline feed", () => callLoader(timelineFeedLoader, `/threads/${id}/timeline.atom`, { user, params: { id } })],
    ["disclosures feed", () => callLoader(disclosuresFeedLoader, `/projects/${slug}/disclosures.atom`, { user, params: { slug } })],
    ["stats", () => callLoader(statsLoader, "/stats", { user })],
  ] as const;
}

describe("an owner's private record", () => {
  it("is kept, and seen by the owner (and, on request, staff)", async () => {
    const page = await (await callLoader(accountProjects.loader, "/account/projects", { user: owner })).text();
    for (const s of [BUILDING, UNIT, PHONE, PURCHASED]) expect(page).toContain(s);
    expect((await getThread(threadId, null))!.title).toBe(TITLE);
  });

  for (const [who, user] of [
    ["a visitor", () => null],
    ["another owner", () => other],
  ] as const)
    it(`appears on no public surface for ${who}`, async () => {
      let seen = "";
      for (const [name, load] of surfaces(user())) {
        const res = await load();
        expect(res.status, name).toBe(200);
        const text = await res.text();
        for (const s of SECRETS) expect(text, `${name} shows ${s}`).not.toContain(s);
        // Nor the account's id, which would tie a pseudonym in one project to a name in another.
        expect(text, `${name} shows the author's account id`).not.toContain(owner.id);
        seen += text;
      }
      // The walk saw the complaint, its replies and the company's answer.
      for (const s of [TITLE, "异响在晚上十点以后最明显", "我家也是", "更换电梯导靴"]) expect(seen).toContain(s);
      // The thread is found, so the walk looked at it.
      const found = await (await callLoader(searchLoader, `/search?q=${encodeURIComponent(TITLE)}`, { user: user() })).json();
      expect(found.result.hits.map((h: { threadId: number }) => h.threadId)).toContain(threadId);
      // Searching for the secrets themselves finds nothing but the words searched for.
      for (const s of SECRETS) {
        const text = await (await callLoader(searchLoader, `/search?q=${encodeURIComponent(s)}`, { user: user() })).text();
        expect(JSON.parse(text).result.hits, `search for ${s}`).toEqual([]);
        for (const x of SECRETS) expect(text.replaceAll(s, ""), `search for ${s}`).not.toContain(x);
      }
    });

  it("is in no email to anyone but the owner", async () => {
    const mail = (await getDb().select().from(mailOutbox).all()).filter((m) => m.toAddress !== owner.email);
    expect(mail.length).toBeGreaterThan(0);
    for (const m of mail) for (const s of SECRETS) expect(`${m.subject}\n${m.textBody}`, `mail to ${m.toAddress}`).not.toContain(s);
  });
});
