import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, mailOutbox, users } from "../../db/schema";
import { getDb } from "../../app/lib/db.server";
import type { AccountData } from "../../app/lib/account-data";
import { loader as dataLoader } from "../../app/routes/account.data";
import { loader as jsonLoader } from "../../app/routes/account.data[.]json";
import { makeThread, makeUser } from "../support/factories";
import { ownerWithEverything } from "../support/account-fixtures";
import { callLoader } from "../support/remix";

let world: Awaited<ReturnType<typeof ownerWithEverything>>;
let stranger: Awaited<ReturnType<typeof makeUser>>;
let strangerThread: number;

beforeAll(async () => {
  world = await ownerWithEverything();
  stranger = await makeUser("owner", { displayName: "别人家的业主" });
  strangerThread = await makeThread({ authorId: stranger.id, projectId: world.project.id, title: "别人的投诉标题" });
});

const download = async (user: { id: string } | null) => callLoader(jsonLoader, "/account/data.json", { user });
const exportsOf = (userId: string) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "export_account_data"), eq(auditLog.actorId, userId)))
    .all();

describe("the owner's data", () => {
  it("downloads as a private attachment holding each kind of data", async () => {
    const res = await download(world.owner);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="tousu-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const data = JSON.parse(await res.text()) as Record<string, unknown> & { account: { createdAt: string } };
    const { strings } = world;
    // Times are readable in the file.
    expect(data.account.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(data.account).toMatchObject({ id: world.owner.id, email: strings.email, displayName: strings.displayName, role: "owner", locale: null });
    expect(data.account).toHaveProperty("emailVerifiedAt");

    const projects = data.projects as { project: { id: number }; record: Record<string, unknown> | null; verifications: Record<string, unknown>[] }[];
    const here = projects.find((p) => p.project.id === world.project.id)!;
    expect(here.record).toMatchObject({
      building: "7栋",
      unit: strings.unit,
      phone: strings.phone,
      purchaseDate: strings.purchaseDate,
      pseudonym: strings.pseudonym,
    });
    expect(here.verifications).toEqual([
      expect.objectContaining({ status: "approved", contractNumber: null, contractLast4: strings.decidedContract.slice(-4) }),
    ]);
    // A request still waiting shows what the owner sent; it has no record in that project yet.
    const there = projects.find((p) => p.project.id === world.otherProject.id)!;
    expect(there.record).toBeNull();
    expect(there.verifications).toEqual([expect.objectContaining({ status: "pending", contractNumber: strings.pendingContract })]);

    expect((data.threads as { id: number }[]).map((t) => t.id)).toEqual([world.threadId]);
    const posts = data.posts as { id: number; kind: string; body: string; versions: { body: string }[] }[];
    expect(posts.map((p) => [p.id, p.kind])).toEqual([
      [world.openingId, "opening"],
      [world.replyId, "reply"],
    ]);
    // Every version of the edited reply, the current one last.
    const reply = posts.find((p) => p.id === world.replyId)!;
    expect(reply.versions.map((v) => v.body)).toEqual(["补充:物业来看过了。", reply.body]);
    expect(reply.body).toContain(strings.phone);

    expect(data.photos).toEqual([
      expect.objectContaining({
        id: world.photoId,
        postId: world.openingId,
        caption: `${strings.unit} 顶板`,
        url: `/photos/private/${world.photoId}/display.jpg`,
        thumbUrl: `/photos/private/${world.photoId}/thumb.jpg`,
      }),
    ]);
    expect(data.ratings).toEqual([
      expect.objectContaining({ threadId: world.threadId, overall: 4, attitude: 5, speed: 3, result: 4, comment: `${strings.pseudonym}:基本满意` }),
    ]);
    expect(data.flags).toEqual([expect.objectContaining({ postId: world.otherPostId, threadId: world.otherThreadId, reason: "off_topic" })]);
    expect(data.meToos).toEqual([expect.objectContaining({ threadId: world.otherThreadId })]);
    expect(data.disclosureSubscriptions).toEqual([expect.objectContaining({ projectId: world.project.id })]);
    expect(data.emailUnsubscribes).toEqual([expect.objectContaining({ category: "disclosures" })]);
    const emails = data.emails as { category: string; subject: string; status: string; text: string }[];
    expect(emails.map((m) => m.category).sort()).toEqual(expect.arrayContaining(["account", "thread_updates"]));
    expect(emails.every((m) => m.subject && m.status && m.text)).toBe(true);
    expect((data.sessions as unknown[]).length).toBe(2);
    expect(data.authTokens).toEqual([expect.objectContaining({ purpose: "reset_password", usedAt: null })]);
  });

  it("never includes a decided request's contract number, nor a session id or token hash", async () => {
    const text = await (await download(world.owner)).text();
    expect(text).not.toContain(world.strings.decidedContract);
    expect(text).not.toMatch(/tokenHash|token_hash|passwordHash|password_hash/);
    // The reset link in the mail is shown without its token: it would still open the account.
    expect(text).toContain("/reset-password?token=…");
    expect(text).not.toMatch(/token=[\w-]{20,}/);
    for (const cookie of world.cookies) expect(text).not.toContain(cookie.split("=")[1]!);
  });

  it("is only the requesting user's", async () => {
    const text = await (await download(world.owner)).text();
    for (const theirs of [stranger.email, stranger.displayName, "别人的投诉标题", world.staff.email, world.other.email]) expect(text).not.toContain(theirs);
    const strangers = JSON.parse(await (await download(stranger)).text()) as { threads: { id: number }[]; posts: unknown[]; account: { email: string } };
    expect(strangers.account.email).toBe(stranger.email);
    expect(strangers.threads.map((t) => t.id)).toEqual([strangerThread]);
    expect(JSON.stringify(strangers)).not.toContain(world.strings.email);
  });

  it("records each download in the audit log, and nothing of what it held", async () => {
    const before = (await exportsOf(world.owner.id)).length;
    await download(world.owner);
    const after = await exportsOf(world.owner.id);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ actorId: world.owner.id, targetUserId: world.owner.id, before: null, after: null });
  });

  it("shows the same on a page, to its owner only", async () => {
    const res = await callLoader(dataLoader, "/account/data", { user: world.owner });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: AccountData };
    expect(data.account.email).toBe(world.strings.email);
    expect(data.posts).toHaveLength(2);
    expect(data.projects.flatMap((p) => p.verifications).map((v) => v.contractNumber)).not.toContain(world.strings.decidedContract);
    // Reading the page is not a download.
    const count = (await exportsOf(world.owner.id)).length;
    await callLoader(dataLoader, "/account/data", { user: world.owner });
    expect(await exportsOf(world.owner.id)).toHaveLength(count);

    for (const loader of [dataLoader, jsonLoader]) {
      const anonymous = await callLoader(loader, "/account/data");
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("holds no mail sent to the address before the account proved it owned it", async () => {
    // Someone registers with a duty mailbox's address and reads this page without confirming it.
    const address = `duty-desk-${Date.now()}@example.com`;
    const t0 = Date.now() - 10_000;
    const queue = (category: string, subject: string, createdAt: number) =>
      getDb()
        .insert(mailOutbox)
        .values({ toAddress: address, category, subject, textBody: `${subject} body`, createdAt })
        .run();
    await queue("escalations", "before the account", t0);
    const squatter = await makeUser("owner", { email: address, verified: false, createdAt: t0 + 1_000 });
    await queue("escalations", "while unconfirmed", t0 + 2_000);
    await queue("account", "confirm your address", t0 + 2_000);
    const subjects = async () => (JSON.parse(await (await download(squatter)).text()) as { emails: { subject: string }[] }).emails.map((m) => m.subject);
    expect(await subjects()).toEqual(["confirm your address"]);

    // Once the address is confirmed, what comes to it from then on is the account's to see.
    await getDb()
      .update(users)
      .set({ emailVerifiedAt: t0 + 3_000 })
      .where(eq(users.id, squatter.id))
      .run();
    await queue("escalations", "after confirming", t0 + 4_000);
    expect(await subjects()).toEqual(["confirm your address", "after confirming"]);
  });
});
