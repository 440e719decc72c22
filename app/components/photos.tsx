// Photos: the field a post's form carries them in, and the gallery under a post.
// Without JavaScript the field is a plain file input (the files go with the post) and each
// thumbnail links to the full image. With it, chosen photos are checked, previewed and uploaded
// one by one with their progress before the post is sent, and the full image opens in a viewer.
import { Form } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useSite } from "~/hooks/use-site";
import { formatBytes } from "~/lib/body-limits";
import { FLAG_REASONS } from "~/lib/domain";
import { captionField, pendingFromValues, PHOTO_ACCEPT, PHOTO_FIELD, PHOTO_ID_FIELD, PHOTO_LIMITS, type PendingPhoto } from "~/lib/photo-limits";
import type { PhotoView } from "~/lib/views";

type FieldResult = {
  values?: Record<string, string>;
  errors?: Partial<Record<string, string>>;
  errorValues?: Partial<Record<string, Record<string, string | number>>>;
};
type Uploading = { key: string; name: string; percent: number; preview: string | null };

const limitValues = { max: PHOTO_LIMITS.perPost, size: formatBytes(PHOTO_LIMITS.fileBytes) };

/** Sends one photo to /photos/upload with its progress; resolves with the pending photo or a message key. */
function upload(file: File, onProgress: (percent: number) => void): Promise<{ photo?: PendingPhoto; error?: string }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const body = new FormData();
    body.append(PHOTO_FIELD, file, file.name);
    xhr.open("POST", "/photos/upload");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((100 * e.loaded) / e.total));
    xhr.onload = () => {
      try {
        const answer = JSON.parse(xhr.responseText) as { photo?: PendingPhoto; error?: string };
        resolve(answer.photo ? { photo: answer.photo } : { error: answer.error ?? "photos.refused.failed" });
      } catch {
        resolve({ error: xhr.status === 413 ? "photos.refused.tooLarge" : "photos.refused.failed" });
      }
    };
    xhr.onerror = () => resolve({ error: "photos.refused.failed" });
    xhr.send(body);
  });
}

/**
 * The photos of a post being written. Its form must be multipart/form-data. Photos uploaded
 * earlier (by this script, or by a post the server refused) come back ticked, with captions.
 */
export function PhotoField({ result, id = "photos" }: { result?: FieldResult; id?: string }) {
  const { t } = useSite();
  const [photos, setPhotos] = useState<(PendingPhoto & { caption: string | null })[]>(() => pendingFromValues(result?.values));
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [message, setMessage] = useState<{ key: string; values: Record<string, string | number> } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const busy = useRef(0);
  const serverError = result?.errors?.photos;

  // A refused post brings its photos back: show those.
  useEffect(() => setPhotos(pendingFromValues(result?.values)), [result?.values]);

  // Nothing is posted while a photo is still on its way (the post would go without it).
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const hold = (e: SubmitEvent) => {
      if (busy.current === 0) return;
      e.preventDefault();
      e.stopPropagation();
      setMessage({ key: "photos.uploadingWait", values: {} });
    };
    form.addEventListener("submit", hold);
    return () => form.removeEventListener("submit", hold);
  }, []);

  const choose = useCallback(
    async (files: File[]) => {
      setMessage(null);
      if (input.current) input.current.value = "";
      if (photos.length + busy.current + files.length > PHOTO_LIMITS.perPost) {
        setMessage({ key: "photos.refused.tooMany", values: { max: PHOTO_LIMITS.perPost, count: photos.length + busy.current + files.length } });
        return;
      }
      const tooLarge = files.find((f) => f.size > PHOTO_LIMITS.fileBytes);
      if (tooLarge) {
        setMessage({ key: "photos.refused.tooLarge", values: { name: tooLarge.name, size: limitValues.size } });
        return;
      }
      for (const file of files) {
        const key = `${Date.now()}-${Math.random()}`;
        const preview = /^image\/(jpeg|png|webp)$/.test(file.type) ? URL.createObjectURL(file) : null;
        busy.current += 1;
        setUploading((u) => [...u, { key, name: file.name, percent: 0, preview }]);
        const answer = await upload(file, (percent) => setUploading((u) => u.map((x) => (x.key === key ? { ...x, percent } : x))));
        busy.current -= 1;
        if (preview) URL.revokeObjectURL(preview);
        setUploading((u) => u.filter((x) => x.key !== key));
        if (answer.photo) setPhotos((p) => [...p, { ...answer.photo!, caption: null }]);
        else setMessage({ key: answer.error!, values: { name: file.name, ...limitValues } });
      }
    },
    [photos.length],
  );

  const shownError = message ?? (serverError ? { key: serverError, values: result?.errorValues?.photos ?? {} } : null);
  const errorId = `${id}-error`;
  return (
    <fieldset className={`field photo-field${shownError ? " field-invalid" : ""}`} aria-describedby={`${id}-privacy${shownError ? ` ${errorId}` : ""}`}>
      <legend>{t("photos.label")}</legend>
      <p className="photo-privacy" id={`${id}-privacy`}>
        {t("photos.privacy")}
      </p>
      {photos.length > 0 ? (
        <ul className="photo-pending">
          {photos.map((p, i) => (
            <li key={p.id} data-pending-photo={p.id}>
              <img src={p.thumbUrl} alt={p.caption || t("photos.alt", { n: i + 1 })} width={Math.min(p.width, 120)} loading="lazy" />
              <label>
                <input type="checkbox" name={PHOTO_ID_FIELD} value={p.id} defaultChecked /> {t("photos.keep")}
              </label>
              <label className="photo-caption">
                <span>{t("photos.caption")}</span>
                <input
                  type="text"
                  name={captionField(p.id)}
                  maxLength={PHOTO_LIMITS.captionChars}
                  defaultValue={p.caption ?? ""}
                  onChange={(e) => {
                    const caption = e.currentTarget.value;
                    setPhotos((all) => all.map((x) => (x.id === p.id ? { ...x, caption } : x)));
                  }}
                />
              </label>
              <button type="button" className="button button-small" onClick={() => setPhotos((all) => all.filter((x) => x.id !== p.id))}>
                {t("photos.remove")}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {uploading.length > 0 ? (
        <ul className="photo-uploading" aria-live="polite">
          {uploading.map((u) => (
            <li key={u.key}>
              {u.preview ? <img src={u.preview} alt="" width={80} /> : null}
              <label>
                {t("photos.uploading", { name: u.name, percent: u.percent })} <progress max={100} value={u.percent} />
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <label htmlFor={`${id}-input`}>{t("photos.choose")}</label>
      <input
        ref={input}
        id={`${id}-input`}
        type="file"
        name={PHOTO_FIELD}
        accept={PHOTO_ACCEPT}
        multiple
        aria-describedby={`${id}-hint`}
        onChange={(e) => void choose(Array.from(e.currentTarget.files ?? []))}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {t("photos.hint", limitValues)}
      </p>
      {shownError ? (
        <p className="field-error" id={errorId} role="alert">
          {t(shownError.key, { ...limitValues, ...shownError.values })}
        </p>
      ) : null}
    </fieldset>
  );
}

/** What a viewer may do to the photos of one post or record. */
export type PhotoControls = {
  /** The viewer's own photos on a post they may still edit: they may delete them. */
  removable?: boolean;
  /** Signed-in readers who may flag (not their own photos); ids they already flagged. */
  canFlag?: boolean;
  flagged?: number[];
  /** Staff: hide with a reason, restore. */
  moderate?: boolean;
};

function PhotoForms({ photo, controls }: { photo: PhotoView; controls: PhotoControls }) {
  const { t } = useSite();
  const forms: ReactNode[] = [];
  if (controls.removable && photo.mine)
    forms.push(
      <Form method="post" action={`/photos/${photo.id}/actions`} key="remove">
        <input type="hidden" name="intent" value="remove-photo" />
        <input type="hidden" name="photoId" value={photo.id} />
        <button type="submit" className="button button-small">
          {t("photos.removeOwn")}
        </button>
      </Form>,
    );
  if (controls.canFlag && !photo.mine && photo.hiddenReason == null)
    forms.push(
      controls.flagged?.includes(photo.id) ? (
        <span className="muted" key="flagged">
          {t("flags.flagged")}
        </span>
      ) : (
        <details key="flag" className="photo-flag">
          <summary>{t("photos.flag")}</summary>
          <Form method="post" action={`/photos/${photo.id}/actions`}>
            <input type="hidden" name="intent" value="flag-photo" />
            <input type="hidden" name="photoId" value={photo.id} />
            <label>
              {t("flags.reasonLabel")}{" "}
              <select name="reason" defaultValue="personal_data">
                {FLAG_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`flags.reasons.${r}`)}
                  </option>
                ))}
              </select>
            </label>{" "}
            <button type="submit" className="button button-small">
              {t("flags.flag")}
            </button>
          </Form>
        </details>
      ),
    );
  if (controls.moderate)
    forms.push(
      photo.hiddenReason == null ? (
        <Form method="post" action={`/photos/${photo.id}/actions`} key="hide" className="photo-hide">
          <input type="hidden" name="intent" value="hide-photo" />
          <input type="hidden" name="photoId" value={photo.id} />
          <label>
            {t("photos.hideReason")} <input type="text" name="reason" required maxLength={200} />
          </label>{" "}
          <button type="submit" className="button button-small">
            {t("photos.hide")}
          </button>
        </Form>
      ) : (
        <Form method="post" action={`/photos/${photo.id}/actions`} key="restore">
          <input type="hidden" name="intent" value="restore-photo" />
          <input type="hidden" name="photoId" value={photo.id} />
          <button type="submit" className="button button-small">
            {t("photos.restore")}
          </button>
        </Form>
      ),
    );
  return forms.length ? <div className="photo-actions">{forms}</div> : null;
}

/** The photos under a post: thumbnails loaded lazily, each a link to its full image. */
export function PhotoGallery({ photos, controls = {} }: { photos: PhotoView[]; controls?: PhotoControls }) {
  const { t } = useSite();
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  const shown = photos.filter((p) => p.src);
  const alt = (p: PhotoView) => p.caption || t("photos.alt", { n: photos.indexOf(p) + 1 });
  return (
    <>
      <ul className="gallery" aria-label={t("photos.gallery")}>
        {photos.map((p) => {
          const tombstone =
            p.hiddenReason != null ? (
              <p className="tombstone" data-photo-tombstone={p.id}>
                {p.src && !controls.moderate
                  ? t("photos.hiddenForYou", { reason: p.hiddenReason })
                  : p.hiddenReason === "flagged"
                    ? t("photos.tombstoneFlagged")
                    : t("photos.tombstone", { reason: p.hiddenReason })}
              </p>
            ) : null;
          return (
            <li key={p.id} id={`photo-${p.id}`} data-photo={p.id} data-hidden={p.hiddenReason != null || undefined}>
              <figure>
                {tombstone}
                {p.src ? (
                  <a
                    href={p.src.display}
                    aria-label={t("photos.open", { alt: alt(p) })}
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                      e.preventDefault();
                      setOpen(shown.indexOf(p));
                    }}
                  >
                    <img src={p.src.thumb} alt={alt(p)} width={p.thumbWidth} height={p.thumbHeight} loading="lazy" decoding="async" />
                  </a>
                ) : null}
                {p.caption && p.src ? <figcaption>{p.caption}</figcaption> : null}
              </figure>
              <PhotoForms photo={p} controls={controls} />
            </li>
          );
        })}
      </ul>
      {open != null && shown[open] ? <PhotoViewer photos={shown} index={open} alt={alt} onMove={setOpen} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/** The full image in a modal dialog: arrows move between photos, Escape closes. */
function PhotoViewer({
  photos,
  index,
  alt,
  onMove,
  onClose,
}: {
  photos: PhotoView[];
  index: number;
  alt: (p: PhotoView) => string;
  onMove: (i: number) => void;
  onClose: () => void;
}) {
  const { t } = useSite();
  const dialog = useRef<HTMLDialogElement>(null);
  const photo = photos[index]!;
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const move = (step: number) => onMove((index + step + photos.length) % photos.length);
  return (
    <dialog
      ref={dialog}
      className="photo-viewer"
      aria-label={t("photos.viewer")}
      onClose={onClose}
      onKeyDown={(e) => {
        if (e.key === "ArrowRight") move(1);
        if (e.key === "ArrowLeft") move(-1);
      }}
      onClick={(e) => e.target === dialog.current && dialog.current?.close()}
    >
      <figure>
        <img src={photo.src!.display} alt={alt(photo)} width={photo.width} height={photo.height} />
        <figcaption>
          {photo.caption ? <span>{photo.caption} · </span> : null}
          <span>{t("photos.position", { n: index + 1, count: photos.length })}</span>
        </figcaption>
      </figure>
      <div className="photo-viewer-controls">
        {photos.length > 1 ? (
          <>
            <button type="button" className="button" onClick={() => move(-1)}>
              {t("photos.previous")}
            </button>
            <button type="button" className="button" onClick={() => move(1)}>
              {t("photos.next")}
            </button>
          </>
        ) : null}
        <button type="button" className="button button-primary" onClick={() => dialog.current?.close()} autoFocus>
          {t("photos.close")}
        </button>
      </div>
    </dialog>
  );
}
