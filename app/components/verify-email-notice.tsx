// Tells a user who has not yet verified their address why they cannot post, and offers
// to send the link again. A plain form: it works without JavaScript.
import { useFetcher } from "@remix-run/react";
import { useSite } from "~/hooks/use-site";

export type ResendResult = { sent?: boolean; formError?: string; formErrorValues?: Record<string, string | number> };

export function VerifyEmailNotice({ compact = false }: { compact?: boolean }) {
  const { t } = useSite();
  const fetcher = useFetcher<ResendResult>();
  const busy = fetcher.state !== "idle";
  const result = fetcher.data;
  return (
    <div className={compact ? "notice notice-compact" : "notice"} role="status" data-verify-email>
      <p>{t("account.verifyFirst")}</p>
      <fetcher.Form method="post" action="/verify-email" className="inline-form">
        <input type="hidden" name="intent" value="resend" />
        <button type="submit" className="button button-small" disabled={busy}>
          {busy ? t("account.resending") : t("account.resend")}
        </button>
      </fetcher.Form>
      {result?.sent ? <p>{t("account.resent")}</p> : null}
      {result?.formError ? (
        <p className="form-error" role="alert">
          {t(result.formError, result.formErrorValues)}
        </p>
      ) : null}
    </div>
  );
}
