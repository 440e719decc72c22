// The forms on a thread page: staff acknowledge and answer; the author resolves or reopens.
import { Form, useNavigation } from "@remix-run/react";
import type { ActionErrors } from "~/lib/validation";
import { useSite } from "~/hooks/use-site";
import { FormError, TextArea, TextField } from "./fields";

function useBusy(intent: string) {
  const n = useNavigation();
  return n.state === "submitting" && n.formData?.get("intent") === intent;
}

export function StaffActions({ canAcknowledge, result }: { canAcknowledge: boolean; result?: ActionErrors & { intent?: string } }) {
  const { t } = useSite();
  const acking = useBusy("acknowledge");
  const answering = useBusy("official");
  const mine = (intent: string) => (result?.intent === intent ? result : undefined);
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
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="official" />
        <FormError error={mine("official")?.formError} />
        <TextArea
          name="body"
          id="official-body"
          label={t("actions.officialLabel")}
          rows={6}
          defaultValue={mine("official")?.values.body}
          error={mine("official")?.errors.body}
          required
        />
        <button type="submit" className="button button-primary" disabled={answering}>
          {answering ? t("common.posting") : t("actions.official")}
        </button>
      </Form>
    </section>
  );
}

export function AuthorVerdict({ status, result }: { status: string; result?: ActionErrors & { intent?: string } }) {
  const { t } = useSite();
  const resolving = useBusy("resolve");
  const reopening = useBusy("reopen");
  const mine = result?.intent === "reopen" ? result : undefined;
  const rated = result?.intent === "resolve" ? result : undefined;
  return (
    <section className="author-verdict" aria-labelledby="verdict-title">
      <h2 id="verdict-title">{t("actions.authorTitle")}</h2>
      {status === "resolved" ? <p>{t("actions.resolvedNotice")}</p> : <p>{t("actions.authorIntro")}</p>}
      {status === "answered" ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="resolve" />
          <FormError error={rated?.formError} />
          <p className="field-hint">{t("verdict.rateTitle")}</p>
          {(["attitude", "speed", "result"] as const).map((k) => (
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
          <button type="submit" className="button button-primary" disabled={resolving}>
            {t("actions.resolve")}
          </button>
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
        <button type="submit" className="button" disabled={reopening}>
          {t("actions.reopen")}
        </button>
      </Form>
    </section>
  );
}
