import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox } from "../../db/schema";
import { getDb } from "../../app/lib/db.server";
import { requestPasswordReset } from "../../app/models/account-tokens.server";
import { deliverPendingMail } from "../../app/models/mail-outbox.server";
import type { NotificationSettings } from "../../app/models/notification-settings.server";
import { acknowledgeThread, postOfficial } from "../../app/models/responses.server";
import { action as settingsAction, loader as settingsLoader } from "../../app/routes/account.notifications";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../app/routes/unsubscribe";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callActionWith, callLoader } from "../support/remix";

const settingsOf = async (user: { id: string }) =>
  (await (await callLoader(settingsLoader, "/account/notifications", { user })).json()) as NotificationSettings;
const switches = (s: NotificationSettings) => Object.fromEntries(s.switchable.map((x) => [x.category, x.on]));
/** The settings form as a browser sends it: one `on` for each box left ticked. */
const save = (user: { id: string }, on: string[]) =>
  callActionWith(settingsAction, "/account/notifications", { body: new URLSearchParams(on.map((c) => ["on", c])) }, { user });

async function mailTo(address: string, subjectPart?: string) {
  // Delivery starts once a transaction commits; run it to the end before looking.
  await deliverPendingMail();
  const rows = await getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)).all();
  return rows.filter((r) => !subjectPart || r.subject.includes(subjectPart));
}

describe("notification settings", () => {
  it("list what an owner can get: their complaints' progress and disclosures to switch, account mail always", async () => {
    const owner = await makeUser("owner");
    const s = await settingsOf(owner);
    expect(s.address).toBe(owner.email);
    expect(switches(s)).toEqual({ thread_updates: true, disclosures: true });
    expect(s.alwaysSent).toEqual(["account"]);
    expect(s.dutyMail).toEqual([]);
    // Staff also get new complaints, and are told where duty mail is kept.
    const staff = await makeUser("staff");
    const staffSettings = await settingsOf(staff);
    expect(switches(staffSettings)).toEqual({ thread_updates: true, new_threads: true, disclosures: true });
    expect(staffSettings.dutyMail).toEqual(["hq_reports", "escalations", "briefings"]);
    expect((await callLoader(settingsLoader, "/account/notifications")).status).toBe(302);
  });

  it("a kind switched off is no longer sent; account mail still is", async () => {
    const owner = await makeUser("owner");
    const staff = await makeUser("staff");
    const project = await makeProject();
    const threadId = await makeThread({ authorId: owner.id, projectId: project.id });

    const res = await save(owner, ["disclosures"]);
    expect(await res.json()).toEqual({ saved: true });
    expect(switches(await settingsOf(owner))).toEqual({ thread_updates: false, disclosures: true });

    // The acknowledgement tells the author, through the usual path: the message is queued and held back.
    expect((await acknowledgeThread({ threadId, staffId: staff.id }, Date.now())).ok).toBe(true);
    const held = await mailTo(owner.email);
    expect(held.map((m) => [m.category, m.status])).toEqual([["thread_updates", "suppressed"]]);
    // With every switch off, a password reset still reaches them.
    await save(owner, []);
    await requestPasswordReset(owner.email, Date.now());
    expect((await mailTo(owner.email)).map((m) => [m.category, m.status])).toEqual([
      ["thread_updates", "suppressed"],
      ["account", "sent"],
    ]);

    // Switched on again, the next one goes.
    await save(owner, ["thread_updates", "disclosures"]);
    expect(switches(await settingsOf(owner))).toEqual({ thread_updates: true, disclosures: true });
    expect((await postOfficial({ threadId, staffId: staff.id, kind: "progress", body: "正在安排维修。" }, Date.now())).ok).toBe(true);
    expect((await mailTo(owner.email)).map((m) => m.status)).toEqual(["suppressed", "sent", "sent"]);
  });

  it("ignores kinds the user cannot switch", async () => {
    const owner = await makeUser("owner");
    await save(owner, ["account", "new_threads", "nonsense"]);
    const s = await settingsOf(owner);
    expect(switches(s)).toEqual({ thread_updates: false, disclosures: false });
    expect(s.alwaysSent).toEqual(["account"]);
  });

  it("and the one-click link agree, both ways", async () => {
    const owner = await makeUser("owner");
    const staff = await makeUser("staff");
    const project = await makeProject();
    const threadId = await makeThread({ authorId: owner.id, projectId: project.id });
    await acknowledgeThread({ threadId, staffId: staff.id }, Date.now());
    const [first] = await mailTo(owner.email);
    expect(first!.status).toBe("sent");
    const link = new URL(first!.unsubscribeUrl!);
    const path = link.pathname + link.search;

    // Unsubscribed through the link, without logging in: the settings show it off.
    expect((await callLoader(unsubscribeLoader, path)).status).toBe(200);
    await callActionWith(unsubscribeAction, path, { body: new URLSearchParams() });
    expect(switches(await settingsOf(owner)).thread_updates).toBe(false);

    // Undone through the link: on again.
    await callActionWith(unsubscribeAction, path, { body: new URLSearchParams({ undo: "1" }) });
    expect(switches(await settingsOf(owner)).thread_updates).toBe(true);

    // Switched off in the settings: the link's page still works and a notification is held back.
    await save(owner, ["disclosures"]);
    expect((await callLoader(unsubscribeLoader, path)).status).toBe(200);
    await postOfficial({ threadId, staffId: staff.id, kind: "progress", body: "已派人查看。" }, Date.now());
    expect((await mailTo(owner.email)).map((m) => m.status)).toEqual(["sent", "suppressed"]);
    // Resubscribing by the link shows in the settings too.
    await callActionWith(unsubscribeAction, path, { body: new URLSearchParams({ undo: "1" }) });
    expect(switches(await settingsOf(owner))).toEqual({ thread_updates: true, disclosures: true });
  });
});
