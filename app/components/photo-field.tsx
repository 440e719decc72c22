// The photos a post's form carries. Without JavaScript a plain file input (the files go with
// the post); with it, chosen photos are checked, previewed and uploaded one by one with their
// progress before the post is sent. Only forms for signed-in posters show it.
import { useCallback, useEffect, useRef, useState } from "react";
import { useSite } from "~/hooks/use-site";
import { formatBytes } from "~/lib/body-limits";
import { captionField, pendingFromValues, PHOTO_ACCEPT, PHOTO_FIELD, PHOTO_ID_FIELD, PHOTO_LIMITS, type PendingPhoto } from "~/lib/photo-limits";

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
        aria-describedby={shownError ? `${id}-hint ${errorId}` : `${id}-hint`}
        aria-invalid={shownError ? true : undefined}
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
