// Parts of the public thread page: the facts line, "me too", flags, the reply form. The forms
// only a signed-in viewer is shown are in thread-actions.tsx, whose code only they download.
import { PhotoGallery, type PhotoControls } from "./photos";
import type { PhotoView } from "~/lib/views";
import type { RelativeToPurchase } from "~/lib/identity";
import { Form, Link, useNavigation } from "@remix-run/react";
import { toIso } from "~/lib/format";
import type { ActionErrors } from "~/lib/form-rules";
import { useSite } from "~/hooks/use-site";
import { signedInOnly } from "./signed-in-only";
import { HolderBadge, StatusBadge } from "./badges";

export type PageResult = ActionErrors & { intent?: string; postId?: string; notice?: string };

const forms = () => import("./thread-actions");
export const FlagForm = signedInOnly(() => forms().then((m) => m.FlagForm));
export const StaffActions = signedInOnly(() => forms().then((m) => m.StaffActions));
export const AuthorVerdict = signedInOnly(() => forms().then((m) => m.AuthorVerdict));
const ReplyFields = signedInOnly(() => forms().then((m) => m.ReplyFields));
const VerifyEmailNotice = signedInOnly(() => import("./verify-email-notice").then((m) => m.VerifyEmailNotice));

type Facts = {
  status: string;
  holder: string;
  complaintType: string;
  createdAt: number;
  project: { slug: string; name: string; city: string };
  severity: number | null;
  validity: string | null;
  invalidReason: string | null;
  department: string | null;
};

export function ThreadFacts({ thread }: { thread: Facts }) {
  const { t, dateTime } = useSite();
  return (
    <dl className="thread-facts">
      <div>
        <dt>{t("thread.status")}</dt>
        <dd>
          <StatusBadge status={thread.status} />
        </dd>
      </div>
      <div>
        <dt>{t("holders.label")}</dt>
        <dd>
          <HolderBadge holder={thread.holder} />
        </dd>
      </div>
      <div>
        <dt>{t("thread.type")}</dt>
        <dd>{t(`types.${thread.complaintType}`)}</dd>
      </div>
      <div>
        <dt>{t("thread.project")}</dt>
        <dd>
          <Link to={`/projects/${thread.project.slug}`}>
            {thread.project.city} · {thread.project.name}
          </Link>
        </dd>
      </div>
      <div>
        <dt>{t("thread.postedIn")}</dt>
        <dd>
          <time dateTime={toIso(thread.createdAt)} suppressHydrationWarning>
            {dateTime(thread.createdAt)}
          </time>
        </dd>
      </div>
      {thread.severity ? (
        <div>
          <dt>{t("triage.severity")}</dt>
          <dd>
            <span className={`badge severity-${thread.severity}`}>{t(`triage.severities.${thread.severity}`)}</span>
          </dd>
        </div>
      ) : null}
      {thread.validity ? (
        <div>
          <dt>{t("triage.validity")}</dt>
          <dd>
            {t(`triage.${thread.validity}`)}
            {thread.validity === "invalid" && thread.invalidReason ? `: ${thread.invalidReason}` : ""}
          </dd>
        </div>
      ) : null}
      {thread.department ? (
        <div>
          <dt>{t("triage.department")}</dt>
          <dd>{t(`triage.departments.${thread.department}`)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

export function MeToo({ count, mine, canMark }: { count: number; mine: boolean; canMark: boolean }) {
  const { t } = useSite();
  const busy = useNavigation().formData?.get("intent") === "metoo";
  return (
    <div className="metoo">
      {canMark && !mine ? (
        <Form method="post">
          <input type="hidden" name="intent" value="metoo" />
          <button type="submit" className="button" disabled={busy}>
            {t("metoo.button")}
          </button>
        </Form>
      ) : null}
      {mine ? <span className="badge">{t("metoo.done")}</span> : null}
      <span data-metoo-count={count}>{t("metoo.count", { count })}</span>
    </div>
  );
}

export function ReplyForm({
  threadId,
  result,
  state,
}: {
  threadId: number;
  result?: PageResult;
  state: "open" | "locked" | "hidden" | "banned" | "unverified" | "anonymous";
}) {
  const { t } = useSite();
  const mine = result?.intent === "reply" || !result?.intent ? result : undefined;
  return (
    <section aria-labelledby="reply-title" className="reply-form">
      <h2 id="reply-title">{t("thread.reply")}</h2>
      {state === "anonymous" ? (
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(`/threads/${threadId}`)}`}>{t("thread.loginToReply")}</Link>
        </p>
      ) : state === "locked" ? (
        <p className="notice-locked">{t("errors.locked")}</p>
      ) : state === "unverified" ? (
        <VerifyEmailNotice />
      ) : state === "hidden" ? (
        <p className="notice-locked">{t("errors.threadHidden")}</p>
      ) : state === "banned" ? (
        <p className="form-error">{t("ban.bannedNotice")}</p>
      ) : (
        <ReplyFields result={mine} />
      )}
    </section>
  );
}

/**
 * For a complaint about the surroundings: had the factor been disclosed, and since when? When
 * the author gave a purchase date, the verdict is against that date (购房前/购房后) instead of
 * the posting; the server sends only the verdict.
 */
export function DisclosureStatus({
  factor,
  postedAt,
  projectSlug,
}: {
  factor: { id: number; title: string | null; firstPublishedAt: number | null; relativeToPurchase?: RelativeToPurchase | null } | null;
  postedAt: number;
  projectSlug: string;
}) {
  const { t, date } = useSite();
  const disclosedBefore = factor?.firstPublishedAt != null && factor.firstPublishedAt <= postedAt;
  const purchase = factor?.relativeToPurchase ?? null;
  const text = !factor?.firstPublishedAt
    ? t("disclosure.threadUndisclosed")
    : purchase === "before"
      ? t("identity.disclosedBeforePurchase", { date: date(factor.firstPublishedAt) })
      : purchase === "after"
        ? t("identity.disclosedAfterPurchase", { date: date(factor.firstPublishedAt) })
        : disclosedBefore
          ? t("disclosure.threadDisclosed", { date: date(factor.firstPublishedAt) })
          : t("disclosure.threadDisclosedLater", { date: date(factor.firstPublishedAt) });
  const fine = purchase ? purchase === "before" : disclosedBefore;
  return (
    <p
      className={`disclosure-status${fine ? "" : " disclosure-status-undisclosed"}`}
      data-disclosed={disclosedBefore ? "yes" : "no"}
      data-relative-to-purchase={purchase ?? undefined}
    >
      {factor?.title ? (
        <>
          {t("disclosure.threadFactor")}
          <Link to={`/projects/${projectSlug}/disclosures#factor-${factor.id}`}>{factor.title}</Link> ·{" "}
        </>
      ) : null}
      {text}
    </p>
  );
}

type Verdicts = {
  ratings: { id: number; overall: number | null; attitude: number; speed: number; result: number; comment: string | null; createdAt: number }[];
  callbacks: { id: number; calledAt: number; method: string; outcome: string; note: string | null; isPublic: boolean }[];
  kept: { id: number; note: string; createdAt: number; staffName: string; photos: PhotoView[] }[];
};

/** The promises kept, the call-backs the viewer may see and the author's latest rating. */
export function VerdictSummary({ verdicts, photoControls }: { verdicts: Verdicts; photoControls?: PhotoControls }) {
  const { t, date, dateTime } = useSite();
  const latest = verdicts.ratings[0];
  if (!latest && verdicts.callbacks.length === 0 && verdicts.kept.length === 0) return null;
  return (
    <section className="verdicts" aria-labelledby="verdicts-title">
      <h2 id="verdicts-title">{t("verdict.ratingsTitle")}</h2>
      {verdicts.kept.map((k) => (
        <div key={k.id} data-kept={k.id} className="kept">
          <p>
            <span className="badge status-closed">{t("verdict.kept")}</span> {dateTime(k.createdAt)} · {k.staffName}
            {k.note ? `: ${k.note}` : null}
          </p>
          <PhotoGallery photos={k.photos} controls={photoControls} />
        </div>
      ))}
      {verdicts.callbacks.map((c) => (
        <p key={c.id} data-callback={c.outcome}>
          {t("verdict.callbackTitle")} · {date(c.calledAt)} · {t(`verdict.methods.${c.method}`)} · <strong>{t(`verdict.outcomes.${c.outcome}`)}</strong>
          {c.note ? ` · ${c.note}` : ""}
          {c.note && !c.isPublic ? <span className="badge badge-staff">{t("verdict.internal")}</span> : null}
        </p>
      ))}
      {latest ? (
        <p data-rating={`${latest.overall ?? "-"}-${latest.attitude}-${latest.speed}-${latest.result}`}>
          {latest.overall != null ? <strong>{t("verdict.overallLine", { overall: latest.overall })}</strong> : null} {t("verdict.ratingsLine", latest)}
          {latest.comment ? ` · ${latest.comment}` : ""}
        </p>
      ) : null}
    </section>
  );
}
