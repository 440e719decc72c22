import { isRouteErrorResponse, Link } from "@remix-run/react";
import { useSite } from "~/lib/use-site";

export type ErrorKind = "notFound" | "forbidden" | "error";

/** Which error page a thrown response or error gets. */
export function errorKind(error: unknown): ErrorKind {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) return "notFound";
    if (error.status === 403) return "forbidden";
  }
  return "error";
}

export function ErrorPage({ kind }: { kind: ErrorKind }) {
  const { t } = useSite();
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errorPage.${kind}Title`)}</h1>
      <p>{t(`errorPage.${kind}Body`)}</p>
      <p>
        <Link to="/">{t("errorPage.goHome")}</Link>
      </p>
    </section>
  );
}
