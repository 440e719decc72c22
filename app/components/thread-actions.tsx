// The forms on a thread page that only signed-in viewers are shown: staff acknowledge, post
// progress notes and solutions, and record a promise kept; the author confirms it solved, or
// reopens it; readers flag a post and reply. Loaded through thread-page.tsx (signedInOnly),
// so that a visitor's browser never downloads them.
import { Form, useNavigation } from "@remix-run/react";
import { useSite } from "~/hooks/use-site";
import { EDIT_WINDOW_MS, FLAG_REASONS } from "~/lib/domain";
import type { ActionErrors } from "~/lib/form-rules";
import { FormError, Honeypot, SubmitButton, TextArea, TextField } from "./fields";
import { PhotoField } from "./photo-field";
import type { PageResult } from "./thread-page";

type Result = ActionErrors & { intent?: string };

function useBusy(intent: string) {
  const n = useNavigation();
  return n.state === "submitting" && n.formData?.get("intent") === intent;
}

function Choice({
  name,
  options,
  value,
  legend,
  error,
}: {
  name: string;
  options: { value: string; label: string }[];
  value?: string;
  legend: string;
  error?: string;
}) {
  const { t } = useSite();
  const errorId = `${name}-error`;
  return (
    <fieldset className={`choice${error ? " field-invalid" : ""}`} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={name} value={o.value} defaultChecked={value === o.value} /> <span>{o.label}</span>
        </label>
      ))}
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {t(error)}
        </p>
      ) : null}
    </fieldset>
  );
}

export function StaffActions({
  canAcknowledge,
  promiseRunning,
  closed,
  result,
}: {
  canAcknowledge: boolean;
  promiseRunning: boolean;
  closed: boolean;
  result?: Result;
}) {
  const { t } = useSite();
  const acking = useBusy("acknowledge");
  const posting = useBusy("official");
  const keeping = useBusy("keep-promise");
  const mine = (intent: string) => (result?.intent === intent ? result : undefined);
  const official = mine("official");
  return (
    <section className="staff-actions" aria-labelledby="staff-actions-title">
      <h2 id="staff-actions-title">{t("actions.staffTitle")}</h2>
      {canAcknowledge ? (
        <Form method="post" noValidate className="inline-form">
          <input type="hidden" name="intent" value="acknowledge" />
          <FormError error={mine("acknowledge")?.formError} />
          <TextField
            name="note"
            label={t("actions.acknowledgeNote")}
            defaultValue={mine("acknowledge")?.values.note}
            error={mine("acknowledge")?.errors.note}
          />
          <button type="submit" className="button" disabled={acking}>
            {acking ? t("actions.acknowledging") : t("actions.acknowledge")}
          </button>
        </Form>
      ) : null}
      {promiseRunning ? (
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="keep-promise" />
          <FormError error={mine("keep-promise")?.formError} />
          <TextArea
            name="note"
            id="kept-note"
            label={t("actions.keptNote")}
            hint={t("actions.keptHint")}
            rows={3}
            defaultValue={mine("keep-promise")?.values.note}
            error={mine("keep-promise")?.errors.note}
            required
          />
          <PhotoField result={mine("keep-promise")} id="kept-photos" />
          <button type="submit" className="button button-primary" disabled={keeping}>
            {keeping ? t("common.saving") : t("actions.keep")}
          </button>
        </Form>
      ) : null}
      {closed ? null : (
        <Form method="post" encType="multipart/form-data" noValidate className="official-form">
          <input type="hidden" name="intent" value="official" />
          <FormError error={official?.formError} />
          <Choice
            name="kind"
            legend={t("actions.kindLegend")}
            value={official?.values.kind}
            error={official?.errors.kind}
            options={[
              { value: "progress", label: t("actions.kindProgress") },
              { value: "solution", label: t("actions.kindSolution") },
            ]}
          />
          <TextArea
            name="body"
            id="official-body"
            label={t("actions.officialLabel")}
            hint={t("actions.officialHint")}
            rows={6}
            defaultValue={official?.values.body}
            error={official?.errors.body}
            required
          />
          <Choice
            name="delivery"
            legend={t("actions.deliveryLegend")}
            value={official?.values.delivery}
            error={official?.errors.delivery}
            options={[
              { value: "done", label: t("actions.deliveryDone") },
              { value: "date", label: t("actions.deliveryDate") },
            ]}
          />
          <TextField
            name="promisedDate"
            type="date"
            label={t("actions.promisedDate")}
            hint={t("actions.promisedDateHint")}
            defaultValue={official?.values.promisedDate}
            error={official?.errors.promisedDate}
          />
          <PhotoField result={official} id="official-photos" />
          <button type="submit" className="button button-primary" disabled={posting}>
            {posting ? t("common.posting") : t("actions.official")}
          </button>
        </Form>
      )}
    </section>
  );
}

const SCORES = ["overall", "attitude", "speed", "result"] as const;

export function AuthorVerdict({ status, promiseRunning, result }: { status: string; promiseRunning: boolean; result?: Result }) {
  const { t } = useSite();
  const mine = result?.intent === "reopen" ? result : undefined;
  const rated = result?.intent === "resolve" ? result : undefined;
  const canConfirm = status === "answered" || status === "resolved";
  return (
    <section className="author-verdict" aria-labelledby="verdict-title">
      <h2 id="verdict-title">{t("actions.authorTitle")}</h2>
      <p>{status === "closed" ? t("actions.closedNotice") : status === "resolved" ? t("actions.deliveredIntro") : t("actions.authorIntro")}</p>
      {canConfirm ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="resolve" />
          <FormError error={rated?.formError} />
          <p className="field-hint">{t("verdict.rateTitle")}</p>
          {SCORES.map((k) => (
            <fieldset key={k} className={`rating${rated?.errors[k] ? " field-invalid" : ""}`} aria-describedby={rated?.errors[k] ? `${k}-error` : undefined}>
              <legend>{t(`verdict.${k}`)}</legend>
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n}>
                  <input type="radio" name={k} value={n} defaultChecked={rated?.values[k] === String(n)} required />
                  <span>{t("verdict.score", { n })}</span>
                </label>
              ))}
              {rated?.errors[k] ? (
                <p className="field-error" id={`${k}-error`} role="alert">
                  {t(rated.errors[k]!)}
                </p>
              ) : null}
            </fieldset>
          ))}
          <TextArea
            name="comment"
            id="rating-comment"
            label={t("verdict.comment")}
            rows={2}
            defaultValue={rated?.values.comment}
            error={rated?.errors.comment}
          />
          <SubmitButton className="button button-primary" pending={t("common.working")}>
            {t("actions.resolve")}
          </SubmitButton>
        </Form>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="reopen" />
        <FormError error={mine?.formError} />
        <TextArea
          name="comment"
          id="reopen-comment"
          label={t("actions.reopenLabel")}
          rows={4}
          defaultValue={mine?.values.comment}
          error={mine?.errors.comment}
          required
        />
        {promiseRunning || status === "resolved" ? (
          <label className="checkbox">
            <input type="checkbox" name="notDelivered" value="1" defaultChecked={mine?.values.notDelivered === "1"} /> {t("actions.notDelivered")}
          </label>
        ) : null}
        <SubmitButton pending={t("common.working")}>{t("actions.reopen")}</SubmitButton>
      </Form>
    </section>
  );
}

export function FlagForm({ postId, flagged, result }: { postId: number; flagged: boolean; result?: PageResult }) {
  const { t } = useSite();
  const mine = result?.intent === "flag" && result.postId === String(postId) ? result : undefined;
  if (flagged) return <p className="muted flag-done">{mine?.notice ? t(mine.notice) : t("flags.flagged")}</p>;
  return (
    <details className="flag">
      <summary>{t("flags.flag")}</summary>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="flag" />
        <input type="hidden" name="postId" value={postId} />
        <FormError error={mine?.formError} />
        <label>
          <span className="visually-hidden">{t("flags.reasonLabel")}</span>
          <select name="reason" defaultValue="spam" aria-label={t("flags.reasonLabel")}>
            {FLAG_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`flags.reasons.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <SubmitButton className="button button-small" pending={t("common.working")}>
          {t("flags.flag")}
        </SubmitButton>
      </Form>
    </details>
  );
}

/** The reply form itself, for a viewer who may reply (thread-page.tsx says why another may not). */
export function ReplyFields({ result: mine }: { result?: PageResult }) {
  const { t } = useSite();
  const posting = useBusy("reply");
  return (
    <Form method="post" encType="multipart/form-data" noValidate>
      <input type="hidden" name="intent" value="reply" />
      <Honeypot />
      <FormError error={mine?.formError} values={mine?.formErrorValues} />
      <TextArea
        name="body"
        label={t("thread.replyLabel")}
        rows={6}
        required
        defaultValue={mine?.values.body}
        error={mine?.errors.body}
        hint={t("threadForm.bodyHint")}
      />
      <PhotoField result={mine} id="reply-photos" />
      <button type="submit" className="button button-primary" disabled={posting}>
        {posting ? t("common.posting") : t("thread.reply")}
      </button>
      <p className="field-hint">{t("thread.editUntil", { minutes: EDIT_WINDOW_MS / 60000 })}</p>
    </Form>
  );
}
