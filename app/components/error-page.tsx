import { isRouteErrorResponse, Link, useRouteLoaderData } from "@remix-run/react";
import { useSite } from "~/hooks/use-site";
import { formatBytes } from "~/lib/body-limits";
import { UNVERIFIED_STATUS_TEXT } from "~/lib/domain";
import type { SiteData } from "~/lib/site-data";
import { signedInOnly } from "./signed-in-only";

// Only a signed-in viewer whose address is not verified gets the "unverified" page.
const VerifyEmailNotice = signedInOnly(() => import("./verify-email-notice").then((m) => m.VerifyEmailNotice));

export type ErrorKind = "notFound" | "forbidden" | "unverified" | "badRequest" | "unsupported" | "tooLarge" | "tooMany" | "error";

// The title and text of each kind: the request's own fault (4xx) says what to do about it.
const TEXT: Record<ErrorKind, { title: string; body: string }> = {
  notFound: { title: "errorPage.notFoundTitle", body: "errorPage.notFoundBody" },
  forbidden: { title: "errorPage.forbiddenTitle", body: "errorPage.forbiddenBody" },
  unverified: { title: "errorPage.unverifiedTitle", body: "errorPage.unverifiedBody" },
  badRequest: { title: "http.badRequestTitle", body: "http.badRequestBody" },
  unsupported: { title: "http.unsupportedTitle", body: "http.unsupportedBody" },
  tooLarge: { title: "http.tooLargeTitle", body: "http.tooLargeBody" },
  tooMany: { title: "http.tooManyTitle", body: "http.tooManyBody" },
  error: { title: "errorPage.errorTitle", body: "errorPage.errorBody" },
};

const BY_STATUS: Record<number, ErrorKind> = { 400: "badRequest", 403: "forbidden", 404: "notFound", 413: "tooLarge", 415: "unsupported", 429: "tooMany" };

/** Which error page a thrown response or error gets. */
export function errorKind(error: unknown): ErrorKind {
  if (!isRouteErrorResponse(error)) return "error";
  if (error.status === 403 && error.statusText === UNVERIFIED_STATUS_TEXT) return "unverified";
  return BY_STATUS[error.status] ?? "error";
}

export const errorTitleKey = (kind: ErrorKind) => TEXT[kind].title;

export function ErrorPage({ kind }: { kind: ErrorKind }) {
  const { t } = useSite();
  const limit = useRouteLoaderData<SiteData>("root")?.formBodyLimit;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(TEXT[kind].title)}</h1>
      <p>{t(TEXT[kind].body, { limit: limit ? formatBytes(limit) : "" })}</p>
      {kind === "unverified" ? <VerifyEmailNotice /> : null}
      <p>
        <Link to="/">{t("errorPage.goHome")}</Link>
      </p>
    </section>
  );
}
