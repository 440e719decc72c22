// Photos under a post: thumbnails, each a link to its full image, which opens in a viewer
// with JavaScript. The field that uploads them is photo-field.tsx.
import { useEffect, useRef, useState } from "react";
import { useSite } from "~/hooks/use-site";
import type { PhotoView } from "~/lib/views";
import { signedInOnly } from "./signed-in-only";

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

const PhotoForms = signedInOnly(() => import("./photo-forms").then((m) => m.PhotoForms));

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
              {controls.removable || controls.canFlag || controls.moderate ? <PhotoForms photo={p} controls={controls} /> : null}
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
