import { isRouteErrorResponse, Link } from "@remix-run/react";
import { UNVERIFIED_STATUS_TEXT } from "~/lib/domain";
import { useSite } from "~/hooks/use-site";
import { VerifyEmailNotice } from "./verify-email-notice";

export type ErrorKind = "notFound" | "forbidden" | "unverified" | "error";

/** Which error page a thrown response or error gets. */
export function errorKind(error: unknown): ErrorKind {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) return "notFound";
    if (error.status === 403) return error.statusText === UNVERIFIED_STATUS_TEXT ? "unverified" : "forbidden";
  }
  return "error";
}

export function ErrorPage({ kind }: { kind: ErrorKind }) {
  const { t } = useSite();
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errorPage.${kind}Title`)}</h1>
      <p>{t(`errorPage.${kind}Body`)}</p>
      {kind === "unverified" ? <VerifyEmailNotice /> : null}
      <p>
        <Link to="/">{t("errorPage.goHome")}</Link>
      </p>
    </section>
  );
}
