import { isRouteErrorResponse, Link } from "@remix-run/react";
import { useSite } from "~/lib/use-site";

export type ErrorKind = "notFound" | "forbidden" | "badRequest" | "unsupported" | "error";

// The title and text of each kind: the request's own fault (4xx) says what to do about it.
const TEXT: Record<ErrorKind, { title: string; body: string }> = {
  notFound: { title: "errorPage.notFoundTitle", body: "errorPage.notFoundBody" },
  forbidden: { title: "errorPage.forbiddenTitle", body: "errorPage.forbiddenBody" },
  badRequest: { title: "http.badRequestTitle", body: "http.badRequestBody" },
  unsupported: { title: "http.unsupportedTitle", body: "http.unsupportedBody" },
  error: { title: "errorPage.errorTitle", body: "errorPage.errorBody" },
};

const BY_STATUS: Record<number, ErrorKind> = { 400: "badRequest", 403: "forbidden", 404: "notFound", 415: "unsupported" };

/** Which error page a thrown response or error gets. */
export function errorKind(error: unknown): ErrorKind {
  return (isRouteErrorResponse(error) && BY_STATUS[error.status]) || "error";
}

export const errorTitleKey = (kind: ErrorKind) => TEXT[kind].title;

export function ErrorPage({ kind }: { kind: ErrorKind }) {
  const { t } = useSite();
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(TEXT[kind].title)}</h1>
      <p>{t(TEXT[kind].body)}</p>
      <p>
        <Link to="/">{t("errorPage.goHome")}</Link>
      </p>
    </section>
  );
}
