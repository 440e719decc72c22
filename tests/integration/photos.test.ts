import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { EDIT_WINDOW_MS } from "../../app/lib/domain";
import { PENDING_VALUES_KEY } from "../../app/lib/photo-limits";
import { processPhoto } from "../../app/lib/photo-processing.server";
import { photoStore } from "../../app/lib/uploads.server";
import { listAudit } from "../../app/models/audit.server";
import { setThreadHidden, hidePost } from "../../app/models/moderation.server";
import {
  attachPhotos,
  dropStalePendingPhotos,
  flagPhoto,
  photoFile,
  removeOwnPhoto,
  setPhotoHidden,
  storePendingPhoto,
  PhotosGoneError,
  TooManyPhotosError,
} from "../../app/models/photos.server";
import { createReply, getThread } from "../../app/models/threads.server";
import { transaction } from "../../app/lib/db.server";
import { action as newThreadAction } from "../../app/routes/threads.new";
import { action as threadAction } from "../../app/routes/threads.$id";
import { action as uploadAction } from "../../app/routes/photos.upload";
import { action as photoActions } from "../../app/routes/photos.$id.actions";
import { errorKind } from "../../app/components/error-page";
import { loader as publicPhoto } from "../../app/routes/photos.$id.$variant";
import { loader as privatePhoto } from "../../app/routes/photos.private.$id.$variant";
import { loader as apiThreadLoader } from "../../app/routes/api.threads.$id";
import { loader as timelineFeedLoader } from "../../app/routes/threads.$id_.timeline[.]atom";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callActionWith, callLoader } from "../support/remix";

let owner: Awaited<ReturnType<typeof makeUser>>;
let other: Awaited<ReturnType<typeof makeUser>>;
let staff: Awaited<ReturnType<typeof makeUser>>;
let projectId: number;
let jpeg: Buffer;
let png: Buffer;

const multipart = (fields: Record<string, string | string[]>, files: { name: string; bytes: Buffer; type?: string }[] = []) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) form.append(k, value);
  for (const f of files) form.append("photo", new Blob([new Uint8Array(f.bytes)], { type: f.type ?? "image/jpeg" }), f.name);
  return form;
};

async function pending(userId: string, bytes = jpeg, now = Date.now()) {
  const r = await storePendingPhoto(userId, await processPhoto(bytes), bytes.length, now);
  if (!r.ok) throw new Error(r.reason);
  return r.photo.id;
}

async function threadWithPhotos(n: number, now = Date.now()) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(await pending(owner.id, i % 2 ? png : jpeg, now));
  const threadId = await makeThread({ authorId: owner.id, projectId, now });
  const thread = await getThread(threadId, null);
  await transaction((tx) =>
    attachPhotos(
      tx,
      { postId: thread!.opening!.id },
      owner.id,
      ids.map((id, i) => ({ id, caption: `照片说明 ${i}` })),
      now,
    ),
  );
  return { threadId, postId: thread!.opening!.id, ids };
}

const fetchPhoto = async (loader: typeof publicPhoto, id: number, user: { id: string } | null, variant = "display.jpg") =>
  callLoader(loader, `/photos/${id}/${variant}`, { params: { id: String(id), variant }, user });

beforeAll(async () => {
  owner = await makeUser("owner");
  other = await makeUser("owner", { createdAt: Date.now() - 30 * 86_400_000 });
  staff = await makeUser("staff");
  projectId = (await makeProject()).id;
  jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 180, g: 60, b: 40 } } })
    .jpeg()
    .toBuffer();
  png = await sharp({ create: { width: 300, height: 500, channels: 4, background: { r: 20, g: 120, b: 200, alpha: 0.5 } } })
    .png()
    .toBuffer();
});

describe("posting photos without JavaScript", () => {
  it("a complaint posted with two files shows both, in order, to anyone", async () => {
    const body = multipart({ projectId: String(projectId), complaintType: "quality", title: "天花板渗水", body: "卧室天花板渗水已经两周。" }, [
      { name: "a.jpg", bytes: jpeg },
      { name: "b.png", bytes: png, type: "image/png" },
    ]);
    const res = await callActionWith(newThreadAction, "/threads/new", { body }, { user: owner });
    expect(res.status).toBe(302);
    const threadId = Number(res.headers.get("Location")!.split("/").pop());
    const thread = await getThread(threadId, null);
    const photos = thread!.opening!.photos;
    expect(photos.map((p) => [p.width, p.height])).toEqual([
      [640, 480],
      [300, 500],
    ]);
    for (const p of photos) {
      const answer = await fetchPhoto(publicPhoto, p.id, null);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("Content-Type")).toBe("image/jpeg");
      expect(answer.headers.get("Cache-Control")).toContain("immutable");
      const bytes = Buffer.from(await answer.arrayBuffer());
      expect((await sharp(bytes).metadata()).format).toBe("jpeg");
    }
  });

  it("a post refused for its text keeps its photos, and they go with it once corrected", async () => {
    const body = multipart({ projectId: String(projectId), complaintType: "quality", title: "", body: "没有标题" }, [{ name: "a.jpg", bytes: jpeg }]);
    const res = await callActionWith(newThreadAction, "/threads/new", { body }, { user: owner });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { values: Record<string, string>; errors: Record<string, string> };
    expect(answer.errors.title).toBeTruthy();
    const kept = JSON.parse(answer.values[PENDING_VALUES_KEY]!) as { id: number; thumbUrl: string }[];
    expect(kept).toHaveLength(1);
    expect(kept[0]!.thumbUrl).toBe(`/photos/private/${kept[0]!.id}/thumb.jpg`);
    // Pending: its uploader's alone until posted, not even staff's.
    expect((await fetchPhoto(publicPhoto, kept[0]!.id, null)).status).toBe(404);
    expect((await fetchPhoto(privatePhoto, kept[0]!.id, other)).status).toBe(404);
    expect((await fetchPhoto(privatePhoto, kept[0]!.id, staff)).status).toBe(404);
    const mine = await fetchPhoto(privatePhoto, kept[0]!.id, owner);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("Cache-Control")).toBe("private, no-store");

    const again = multipart({
      projectId: String(projectId),
      complaintType: "quality",
      title: "补上标题",
      body: "没有标题",
      photoId: String(kept[0]!.id),
      [`caption-${kept[0]!.id}`]: "客厅墙面裂缝",
    });
    const posted = await callActionWith(newThreadAction, "/threads/new", { body: again }, { user: owner });
    expect(posted.status).toBe(302);
    const thread = await getThread(Number(posted.headers.get("Location")!.split("/").pop()), null);
    expect(thread!.opening!.photos.map((p) => [p.id, p.caption])).toEqual([[kept[0]!.id, "客厅墙面裂缝"]]);
  });

  it("refuses a file that is not a photo, next to the field, keeping the text and the good photos", async () => {
    const html = Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
    const threadId = await makeThread({ authorId: other.id, projectId });
    const body = multipart({ intent: "reply", body: "补充两张照片" }, [
      { name: "ok.jpg", bytes: jpeg },
      { name: "evil.jpg", bytes: html },
    ]);
    const res = await callActionWith(threadAction, `/threads/${threadId}`, { body }, { user: owner, params: { id: String(threadId) } });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as {
      values: Record<string, string>;
      errors: Record<string, string>;
      errorValues: Record<string, Record<string, string>>;
    };
    expect(answer.errors.photos).toBe("photos.refused.type");
    expect(answer.errorValues.photos!.name).toBe("evil.jpg");
    expect(answer.values.body).toBe("补充两张照片");
    expect(JSON.parse(answer.values[PENDING_VALUES_KEY]!)).toHaveLength(1);
    expect((await getThread(threadId, null))!.replies).toHaveLength(0);
  });

  it("refuses a tenth photo", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push(String(await pending(owner.id)));
    const threadId = await makeThread({ authorId: other.id, projectId });
    const body = multipart({ intent: "reply", body: "十张照片", photoId: ids }, [{ name: "ten.jpg", bytes: jpeg }]);
    const res = await callActionWith(threadAction, `/threads/${threadId}`, { body }, { user: owner, params: { id: String(threadId) } });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { errors: Record<string, string> };
    expect(answer.errors.photos).toBe("photos.refused.tooMany");
    expect((await getThread(threadId, null))!.replies).toHaveLength(0);
    // The model refuses too, whoever calls it.
    const ten = [...ids.map(Number), await pending(owner.id)].map((id) => ({ id, caption: null }));
    await expect(transaction((tx) => attachPhotos(tx, { postId: 1 }, owner.id, ten, Date.now()))).rejects.toBeInstanceOf(TooManyPhotosError);
  });

  it("never attaches someone else's upload: the post is refused whole", async () => {
    const theirs = await pending(other.id);
    const threadId = await makeThread({ authorId: other.id, projectId });
    await expect(
      createReply({ threadId, authorId: owner.id, body: "借用别人的照片", photos: [{ id: theirs, caption: null }] }, Date.now()),
    ).rejects.toBeInstanceOf(PhotosGoneError);
    expect((await getThread(threadId, null))!.replies).toHaveLength(0);
    // Through the form, someone else's id is not even shown back.
    const body = multipart({ intent: "reply", body: "借用别人的照片", photoId: String(theirs) });
    const res = await callActionWith(threadAction, `/threads/${threadId}`, { body }, { user: owner, params: { id: String(threadId) } });
    expect(res.status).toBe(302);
    const reply = (await getThread(threadId, null))!.replies[0]!;
    expect(reply.photos).toEqual([]);
  });

  it("a form naming thousands of photos is refused at once, without asking the database for them", async () => {
    const threadId = await makeThread({ authorId: other.id, projectId });
    const ids = Array.from({ length: 40_000 }, (_, i) => String(i + 1));
    const res = await callActionWith(
      threadAction,
      `/threads/${threadId}`,
      { body: multipart({ intent: "reply", body: "很多照片", photoId: ids }) },
      { user: owner, params: { id: String(threadId) } },
    );
    expect(res.status).toBe(413);
  });

  it("text beside files keeps the form limit", async () => {
    const threadId = await makeThread({ authorId: other.id, projectId });
    const body = multipart({ intent: "reply", body: "长".repeat(100_000) }, [{ name: "a.jpg", bytes: jpeg }]);
    const res = await callActionWith(threadAction, `/threads/${threadId}`, { body }, { user: owner, params: { id: String(threadId) } });
    expect(res.status).toBe(413);
  });

  it("files beyond nine are not read, and the post is refused as having too many", async () => {
    const threadId = await makeThread({ authorId: other.id, projectId });
    const files = Array.from({ length: 10 }, (_, i) => ({ name: `p${i}.jpg`, bytes: jpeg }));
    const res = await callActionWith(
      threadAction,
      `/threads/${threadId}`,
      { body: multipart({ intent: "reply", body: "十张" }, files) },
      {
        user: owner,
        params: { id: String(threadId) },
      },
    );
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(answer.errors.photos).toBe("photos.refused.tooMany");
    expect(JSON.parse(answer.values[PENDING_VALUES_KEY]!)).toHaveLength(9);
  });
});

describe("the upload the page's script makes", () => {
  it("answers the pending photo, or the reason it was refused", async () => {
    const ok = await callActionWith(uploadAction, "/photos/upload", { body: multipart({}, [{ name: "a.jpg", bytes: jpeg }]) }, { user: owner });
    expect(ok.status).toBe(200);
    const { photo } = (await ok.json()) as { photo: { id: number; thumbUrl: string } };
    expect(photo.thumbUrl).toBe(`/photos/private/${photo.id}/thumb.jpg`);

    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const refused = await callActionWith(uploadAction, "/photos/upload", { body: multipart({}, [{ name: "x.jpg", bytes: svg }]) }, { user: owner });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: "photos.refused.type", name: "x.jpg" });

    const anonymous = await callActionWith(uploadAction, "/photos/upload", { body: multipart({}, [{ name: "a.jpg", bytes: jpeg }]) });
    expect(anonymous.status).toBe(302);
  });

  it("refuses past the user's daily volume", async () => {
    const heavy = await makeUser("owner");
    const processed = await processPhoto(jpeg);
    const day = Date.now();
    // Recorded sizes, not real files, fill the day: 300 MB by default.
    expect((await storePendingPhoto(heavy.id, processed, 299 * 1024 * 1024, day)).ok).toBe(true);
    expect(await storePendingPhoto(heavy.id, processed, 2 * 1024 * 1024, day)).toEqual({ ok: false, reason: "dailyVolume" });
    // Uploads at once cannot together pass the day's volume.
    const racer = await makeUser("owner");
    const tries = await Promise.all(Array.from({ length: 6 }, () => storePendingPhoto(racer.id, processed, 100 * 1024 * 1024, day)));
    expect(tries.filter((r) => r.ok)).toHaveLength(3);
    // A day later there is room again.
    expect((await storePendingPhoto(heavy.id, processed, 2 * 1024 * 1024, day + 86_400_001)).ok).toBe(true);
  });
});

describe("each photo is its own", () => {
  it("hiding one never hides another with the same bytes; restoring brings it back; both are audited", async () => {
    const a = await threadWithPhotos(1);
    const b = await threadWithPhotos(1);
    const [pa, pb] = [a.ids[0]!, b.ids[0]!];
    expect((await photoFile(pa, "display", "public", null))!.hash).toBe((await photoFile(pb, "display", "public", null))!.hash);

    const form = (fields: Record<string, string>) => ({ body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    const hidden = await callActionWith(photoActions, `/photos/${pa}/actions`, form({ intent: "hide-photo", reason: "照片含有业主门牌号" }), {
      user: staff,
      params: { id: String(pa) },
    });
    expect(hidden.status).toBe(302);
    expect((await fetchPhoto(publicPhoto, pa, null)).status).toBe(404);
    expect((await fetchPhoto(publicPhoto, pa, staff)).status).toBe(404);
    expect((await fetchPhoto(publicPhoto, pb, null)).status).toBe(200);
    expect((await fetchPhoto(privatePhoto, pa, owner)).status).toBe(200);
    expect((await fetchPhoto(privatePhoto, pa, staff)).status).toBe(200);
    expect((await fetchPhoto(privatePhoto, pa, other)).status).toBe(404);

    // The public learns that it was there and why, not its caption.
    const publicView = (await getThread(a.threadId, null))!.opening!.photos[0]!;
    expect(publicView).toMatchObject({ id: pa, hiddenReason: "照片含有业主门牌号", src: null, caption: null });
    const authorView = (await getThread(a.threadId, { id: owner.id, role: "owner" } as never))!.opening!.photos[0]!;
    expect(authorView.src?.display).toBe(`/photos/private/${pa}/display.jpg`);

    // An owner cannot hide a photo.
    const refused = await callActionWith(photoActions, `/photos/${pb}/actions`, form({ intent: "hide-photo", reason: "x" }), {
      user: other,
      params: { id: String(pb) },
    });
    expect(refused.status).toBe(403);

    await callActionWith(photoActions, `/photos/${pa}/actions`, form({ intent: "restore-photo" }), { user: staff, params: { id: String(pa) } });
    expect((await fetchPhoto(publicPhoto, pa, null)).status).toBe(200);
    const audit = await listAudit({ threadId: a.threadId });
    expect(audit.rows.map((e) => e.action)).toEqual(expect.arrayContaining(["hide_photo", "restore_photo"]));
  });

  it("photos of a hidden post or thread are private to their uploader and staff", async () => {
    const a = await threadWithPhotos(1);
    await hidePost(a.postId, staff.id, "涉及他人隐私", Date.now());
    expect((await fetchPhoto(publicPhoto, a.ids[0]!, null)).status).toBe(404);
    expect((await getThread(a.threadId, null))!.opening!.photos).toEqual([]);
    expect((await fetchPhoto(privatePhoto, a.ids[0]!, owner)).status).toBe(200);

    const b = await threadWithPhotos(1);
    await setThreadHidden(b.threadId, staff.id, "重复发帖", Date.now());
    expect((await fetchPhoto(publicPhoto, b.ids[0]!, null)).status).toBe(404);
    // Nor can they be flagged, or found out about by flagging.
    expect(await flagPhoto(b.ids[0]!, other.id, "spam", Date.now())).toEqual({ ok: false, reason: "notFound" });
  });

  it("the API and the timeline feed carry shown photos with their sizes and captions, and only a reason for hidden ones", async () => {
    const a = await threadWithPhotos(2);
    await setPhotoHidden(a.ids[1]!, staff.id, "包含人脸", Date.now());
    const res = await callLoader(apiThreadLoader, `/api/threads/${a.threadId}`, { params: { id: String(a.threadId) } });
    const { thread } = (await res.json()) as { thread: { opening: { photos: Record<string, unknown>[] } } };
    expect(thread.opening.photos[0]).toMatchObject({
      id: a.ids[0],
      url: `/photos/${a.ids[0]}/display.jpg`,
      width: 640,
      height: 480,
      caption: "照片说明 0",
      thumbnail: { url: `/photos/${a.ids[0]}/thumb.jpg` },
    });
    expect(thread.opening.photos[1]).toEqual({ id: a.ids[1], hidden: { reason: "包含人脸" } });

    const feed = await callLoader(timelineFeedLoader, `/threads/${a.threadId}/timeline.atom`, { params: { id: String(a.threadId) } });
    const xml = await feed.text();
    expect(xml).toContain(`/photos/${a.ids[0]}/thumb.jpg`);
    expect(xml).not.toContain(`/photos/${a.ids[1]}/`);
  });
});

describe("the author's removal", () => {
  it("within the edit window only; the file goes when no other photo has its bytes", async () => {
    const now = Date.now();
    const a = await threadWithPhotos(1, now);
    const own = await sharp({ create: { width: 99, height: 66, channels: 3, background: { r: 9, g: 99, b: 9 } } })
      .png()
      .toBuffer();
    const second = await pending(owner.id, own, now);
    await transaction((tx) => attachPhotos(tx, { postId: a.postId }, owner.id, [{ id: second, caption: null }], now));
    a.ids.push(second);
    const late = await removeOwnPhoto(a.ids[0]!, owner.id, now + EDIT_WINDOW_MS + 1);
    expect(late).toEqual({ ok: false, reason: "windowClosed" });
    expect(await removeOwnPhoto(a.ids[0]!, other.id, now)).toEqual({ ok: false, reason: "notAllowed" });

    // The second photo's bytes are this thread's alone: its file goes with it.
    const png = (await photoFile(a.ids[1]!, "display", "public", null))!.hash;
    expect(await removeOwnPhoto(a.ids[1]!, owner.id, now + 1000)).toMatchObject({ ok: true });
    expect(await photoStore().open(png)).toBeNull();
    expect((await fetchPhoto(privatePhoto, a.ids[1]!, owner)).status).toBe(404);
    expect((await getThread(a.threadId, null))!.opening!.photos.map((p) => p.id)).toEqual([a.ids[0]]);
  });
});

describe("files shared by identical photos", () => {
  it("a removal at the same moment as an upload of the same bytes leaves the new photo its file", async () => {
    const bytes = await sharp({ create: { width: 77, height: 55, channels: 3, background: { r: 77, g: 5, b: 200 } } })
      .jpeg()
      .toBuffer();
    const now = Date.now();
    const first = await pending(owner.id, bytes, now);
    const threadId = await makeThread({ authorId: owner.id, projectId, now });
    const postId = (await getThread(threadId, null))!.opening!.id;
    await transaction((tx) => attachPhotos(tx, { postId }, owner.id, [{ id: first, caption: null }], now));
    const processed = await processPhoto(bytes);
    const [, stored] = await Promise.all([removeOwnPhoto(first, owner.id, now + 1), storePendingPhoto(other.id, processed, bytes.length, now + 1)]);
    expect(stored.ok).toBe(true);
    const id = stored.ok ? stored.photo.id : 0;
    expect((await fetchPhoto(privatePhoto, id, other)).status).toBe(200);
  });
});

describe("flags on photos", () => {
  it("work as on posts: not one's own, once each, and enough weighty ones hide it until staff decide", async () => {
    const a = await threadWithPhotos(1);
    const photoId = a.ids[0]!;
    expect(await flagPhoto(photoId, owner.id, "personal_data", Date.now())).toEqual({ ok: false, reason: "ownPost" });
    const flaggers = [
      other,
      await makeUser("owner", { createdAt: Date.now() - 30 * 86_400_000 }),
      await makeUser("owner", { createdAt: Date.now() - 30 * 86_400_000 }),
    ];
    const results = [];
    for (const f of flaggers) results.push(await flagPhoto(photoId, f.id, "personal_data", Date.now()));
    expect(await flagPhoto(photoId, other.id, "abuse", Date.now())).toMatchObject({ ok: false, reason: "already" });
    expect(results.map((r) => r.ok && r.autoHidden)).toEqual([false, false, true]);
    expect((await fetchPhoto(publicPhoto, photoId, null)).status).toBe(404);
    expect((await getThread(a.threadId, null))!.opening!.photos[0]!.hiddenReason).toBe("flagged");
  });

  it("flagged too often, answer with the error page that says so, not with data no page shows", async () => {
    const a = await threadWithPhotos(1);
    const photoId = a.ids[0]!;
    const flagger = await makeUser("owner");
    const flag = () =>
      callActionWith(
        photoActions,
        `/photos/${photoId}/actions`,
        { body: new URLSearchParams({ intent: "flag-photo", reason: "spam" }), headers: { "Content-Type": "application/x-www-form-urlencoded" } },
        { user: flagger, params: { id: String(photoId) } },
      );
    for (let i = 0; i < 20; i++) expect((await flag()).status).toBe(302);
    const refused = await flag();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(refused.headers.get("Content-Type") ?? "").not.toMatch(/json/);
    expect(errorKind({ status: 429, statusText: "Too Many Requests", internal: false, data: "" })).toBe("tooMany");
  });
});

describe("uploads never posted", () => {
  it("are dropped with their files after a day", async () => {
    const user = await makeUser("owner");
    const distinct = await sharp({ create: { width: 123, height: 77, channels: 3, background: { r: 1, g: 2, b: 3 } } })
      .jpeg()
      .toBuffer();
    const old = Date.now() - 2 * 86_400_000;
    const id = await pending(user.id, distinct, old);
    const hash = (await photoFile(id, "display", "private", { id: user.id, role: "owner" } as never))!.hash;
    expect(fs.existsSync(photoStore().pathOf(hash))).toBe(true);
    expect(await dropStalePendingPhotos(Date.now())).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(photoStore().pathOf(hash))).toBe(false);
    expect(path.dirname(photoStore().pathOf(hash)).startsWith(process.env.UPLOAD_DIR!)).toBe(true);
  });
});
