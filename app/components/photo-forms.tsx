// What a signed-in viewer may do to a photo under a post: its uploader deletes it, readers
// flag it, staff hide or restore it. Loaded only for them (photos.tsx).
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useSite } from "~/hooks/use-site";
import { FLAG_REASONS } from "~/lib/domain";
import type { PhotoView } from "~/lib/views";
import type { PhotoControls } from "./photos";

export function PhotoForms({ photo, controls }: { photo: PhotoView; controls: PhotoControls }) {
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
