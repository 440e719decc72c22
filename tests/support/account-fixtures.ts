// An owner with one of everything the site can hold about a person, made through the real
// model functions where they exist (the private records and verification requests are
// written directly: their editing is another change's), for the export and deletion tests.
import sharp from "sharp";
import { ownerProjects, ownerVerifications } from "../../db/schema";
import { startSession } from "../../app/lib/auth.server";
import { getDb, transaction } from "../../app/lib/db.server";
import { processPhoto } from "../../app/lib/photo-processing.server";
import { requestPasswordReset } from "../../app/models/account-tokens.server";
import { audit } from "../../app/models/audit.server";
import { setDisclosureSubscription } from "../../app/models/disclosures.server";
import { unsubscribe } from "../../app/models/mail-outbox.server";
import { addMeToo } from "../../app/models/me-too.server";
import { addInternalNote, flagPost } from "../../app/models/moderation.server";
import { attachPhotos, storePendingPhoto } from "../../app/models/photos.server";
import { acknowledgeThread, confirmSolved, postOfficial, recordCallback } from "../../app/models/responses.server";
import { createReply, editPost, getThread } from "../../app/models/threads.server";
import { makeProject, makeThread, makeUser } from "./factories";

let n = 0;

/**
 * Everything, for one owner whose strings are unique to them: `strings` are what must be gone
 * from the whole database once they delete their account. The opening post, the edit, the
 * staff's call-back note, an internal note, a photo caption and an audit entry about their
 * record all name them.
 */
export async function ownerWithEverything(now = Date.now()) {
  const tag = `${process.pid}x${n++}`;
  const strings = {
    email: `zhang.wei.${tag}@example.com`,
    displayName: `张伟测试${tag}`,
    unit: `B${tag}室`,
    phone: `139${tag}0001`,
    purchaseDate: "2019-03-14",
    pseudonym: `七栋老住户${tag}`,
    decidedContract: `HT2019-${tag}-778899`,
    pendingContract: `HT2020-${tag}-112233`,
  };
  const owner = await makeUser("owner", { email: strings.email, displayName: strings.displayName, createdAt: now - 90 * 86_400_000 });
  const staff = await makeUser("staff");
  const other = await makeUser("owner");
  const project = await makeProject();
  const otherProject = await makeProject();

  await getDb()
    .insert(ownerProjects)
    .values({
      userId: owner.id,
      projectId: project.id,
      building: "7栋",
      unit: strings.unit,
      phone: strings.phone,
      purchaseDate: strings.purchaseDate,
      pseudonym: strings.pseudonym,
      verifiedAt: now - 10 * 86_400_000,
      verifiedBy: staff.id,
      createdAt: now - 20 * 86_400_000,
      updatedAt: now - 10 * 86_400_000,
    })
    .run();
  // A decided request that still holds its full number (the rule says it should not: the export must hide it anyway).
  await getDb()
    .insert(ownerVerifications)
    .values([
      {
        userId: owner.id,
        projectId: project.id,
        contractNumber: strings.decidedContract,
        contractLast4: strings.decidedContract.slice(-4),
        status: "approved",
        requestedAt: now - 20 * 86_400_000,
        decidedAt: now - 10 * 86_400_000,
        decidedBy: staff.id,
      },
      {
        userId: owner.id,
        projectId: otherProject.id,
        contractNumber: strings.pendingContract,
        contractLast4: strings.pendingContract.slice(-4),
        status: "pending",
        requestedAt: now - 86_400_000,
      },
    ])
    .run();
  // What a staff member's look at the owner's contact would leave in the audit log.
  await transaction((tx) =>
    audit(tx, {
      actorId: staff.id,
      action: "reveal_contact",
      targetUserId: owner.id,
      after: { projectId: project.id, phone: strings.phone, unit: strings.unit, building: "7栋", purchaseDate: strings.purchaseDate },
      now: now - 5 * 86_400_000,
    }),
  );

  const t0 = now - 3_600_000;
  const threadId = await makeThread({
    authorId: owner.id,
    projectId: project.id,
    title: `${strings.unit} 卫生间渗水`,
    body: `我是 ${strings.displayName},住 ${strings.unit},电话 ${strings.phone}。卫生间顶板渗水两周了。`,
    now: t0,
  });
  const opening = (await getThread(threadId, null))!.opening!;
  const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 90, g: 120, b: (n * 37) % 256 } } })
    .jpeg()
    .toBuffer();
  const stored = await storePendingPhoto(owner.id, await processPhoto(jpeg), jpeg.length, t0);
  if (!stored.ok) throw new Error(stored.reason);
  const photoId = stored.photo.id;
  await transaction((tx) => attachPhotos(tx, { postId: opening.id }, owner.id, [{ id: photoId, caption: `${strings.unit} 顶板` }], t0));

  const replyId = await createReply({ threadId, authorId: owner.id, body: "补充:物业来看过了。" }, t0 + 60_000);
  const edited = await editPost({ postId: replyId, userId: owner.id, body: `补充:物业来看过了,请打 ${strings.phone} 联系我。` }, t0 + 120_000);
  if (!edited.ok) throw new Error(edited.reason);

  await acknowledgeThread({ threadId, staffId: staff.id }, t0 + 600_000);
  await postOfficial({ threadId, staffId: staff.id, kind: "solution", body: "已安排维修,今天完成。" }, t0 + 1_200_000);
  await recordCallback(
    { threadId, staffId: staff.id, calledAt: t0 + 1_500_000, method: "phone", outcome: "unreachable", note: `拨打 ${strings.phone} 无人接听`, isPublic: true },
    t0 + 1_500_000,
  );
  await addInternalNote(threadId, staff.id, `业主 ${strings.displayName}(${strings.unit})脾气急,尽快处理`, t0 + 1_600_000);
  const rated = await confirmSolved(
    { threadId, userId: owner.id, ratings: { overall: 4, attitude: 5, speed: 3, result: 4, comment: `${strings.pseudonym}:基本满意` } },
    t0 + 1_800_000,
  );
  if (!rated.ok) throw new Error(rated.reason);

  // Their marks on someone else's complaint.
  const otherThreadId = await makeThread({ authorId: other.id, projectId: project.id, now: t0 });
  const otherOpening = (await getThread(otherThreadId, null))!.opening!;
  const flagged = await flagPost(otherOpening.id, owner.id, "off_topic", t0 + 100_000);
  if (!flagged.ok) throw new Error(flagged.reason);
  await addMeToo(otherThreadId, owner.id, t0 + 100_000);

  await setDisclosureSubscription(project.id, owner.id, true, t0);
  await unsubscribe(strings.email, "disclosures", t0);
  await requestPasswordReset(strings.email, t0 + 2_000_000);
  const cookies = [await startSession(owner.id), await startSession(owner.id)].map((c) => c.split(";")[0]!);

  return {
    owner,
    staff,
    other,
    project,
    otherProject,
    threadId,
    openingId: opening.id,
    replyId,
    photoId,
    otherThreadId,
    otherPostId: otherOpening.id,
    strings,
    cookies,
  };
}
