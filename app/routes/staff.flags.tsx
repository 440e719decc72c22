import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PostBody } from "~/components/post-body";
import { REASON_MAX } from "~/lib/domain";
import type { ActionErrors } from "~/lib/form-rules";
import { parseForm, readForm } from "~/lib/forms.server";
import { notFound, requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { listFlagQueue, reviewFlags } from "~/models/moderation.server";
import { privatePhotoUrl } from "~/lib/photo-limits";
import { listPhotoFlagQueue } from "~/models/photos.server";
import { currentTime } from "~/lib/time.server";
import { flagDecisionSchema } from "~/lib/validation.server";

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  return json({ queue: await listFlagQueue(), photos: await listPhotoFlagQueue() });
}

export const meta: MetaFunction = (args) => pageTitle(args, "flags.queueTitle");

export async function action(args: ActionFunctionArgs) {
  const staff = requireStaff(args);
  const values = await readForm(args.request);
  const parsed = parseForm(flagDecisionSchema, values);
  // Said next to the post's reason field, with what was typed kept.
  if (!parsed.ok) return json<ActionErrors & { postId?: string }>({ ...(await parsed.response.json()), postId: values.postId }, { status: 400 });
  const r = await reviewFlags(parsed.data.postId, staff.id, parsed.data.decision, parsed.data.reason ?? null, currentTime());
  if (!r.ok) notFound();
  return redirect("/staff/flags");
}

/** How often and why a post or photo was flagged, and whether the flags hid it. */
function FlagFacts({ flag }: { flag: { flagCount: number; reasons: string; hiddenAt: number | null } }) {
  const { t } = useSite();
  return (
    <>
      <span className="badge status-reopened">{t("flags.count", { count: flag.flagCount })}</span>
      <span>
        {flag.reasons
          .split(",")
          .map((r) => t(`flags.reasons.${r}`))
          .join(" · ")}
      </span>
      {flag.hiddenAt ? <span className="badge">{t("flags.autoHidden")}</span> : null}
    </>
  );
}

export default function FlagQueue() {
  const { queue, photos } = useLoaderData<typeof loader>();
  const result = useActionData<ActionErrors & { postId?: string }>();
  const { t } = useSite();
  return (
    <>
      <h1>{t("flags.queueTitle")}</h1>
      {queue.length === 0 && photos.length === 0 ? <p className="empty">{t("flags.queueEmpty")}</p> : null}
      {photos.map((f) => (
        <article key={`photo-${f.photoId}`} className="post" data-flagged-photo={f.photoId}>
          <header className="post-meta">
            <Link to={`/threads/${f.threadId}#photo-${f.photoId}`}>#{f.threadId}</Link>
            <FlagFacts flag={f} />
          </header>
          <img src={privatePhotoUrl(f.photoId, "thumb")} alt={f.caption || t("photos.alt", { n: 1 })} loading="lazy" />
          <div className="row-actions">
            <Form method="post" action={`/photos/${f.photoId}/actions`}>
              <input type="hidden" name="intent" value="restore-photo" />
              <input type="hidden" name="next" value="/staff/flags" />
              <button type="submit" className="button button-small">
                {t("flags.keep")}
              </button>
            </Form>
            <Form method="post" action={`/photos/${f.photoId}/actions`}>
              <input type="hidden" name="intent" value="hide-photo" />
              <input type="hidden" name="next" value="/staff/flags" />
              <input type="text" name="reason" required className="small-input" aria-label={t("moderation.reason")} placeholder={t("moderation.reason")} />
              <button type="submit" className="button button-small">
                {t("flags.hide")}
              </button>
            </Form>
          </div>
        </article>
      ))}
      {queue.map((f) => {
        const refused = result?.postId === String(f.postId) ? result : undefined;
        const reasonError = refused?.errors.reason ?? (refused ? "errors.invalid" : undefined);
        return (
          <article key={f.postId} className="post" data-flagged-post={f.postId}>
            <header className="post-meta">
              <Link to={`/staff/threads/${f.threadId}`}>
                #{f.threadId} {f.threadTitle}
              </Link>
              <span className="post-author">{f.authorName}</span>
              <FlagFacts flag={f} />
            </header>
            <PostBody html={f.bodyHtml} />
            <div className="row-actions">
              <Form method="post">
                <input type="hidden" name="postId" value={f.postId} />
                <input type="hidden" name="decision" value="kept" />
                <button type="submit" className="button button-small">
                  {t("flags.keep")}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="postId" value={f.postId} />
                <input type="hidden" name="decision" value="hidden" />
                <input
                  type="text"
                  name="reason"
                  maxLength={REASON_MAX}
                  className="small-input"
                  aria-label={t("moderation.reason")}
                  placeholder={t("moderation.reason")}
                  defaultValue={refused?.values.reason}
                  aria-invalid={reasonError ? true : undefined}
                  aria-describedby={reasonError ? `flag-reason-error-${f.postId}` : undefined}
                />
                <button type="submit" className="button button-small">
                  {t("flags.hide")}
                </button>
              </Form>
            </div>
            {reasonError ? (
              <p className="field-error" id={`flag-reason-error-${f.postId}`} role="alert">
                {t(reasonError)}
              </p>
            ) : null}
          </article>
        );
      })}
    </>
  );
}
