import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { BodySizeGuard } from "~/components/body-size-guard";
import { FocusFirstError } from "~/components/focus-first-error";
import { SiteHeader, SiteFooter } from "~/components/site-chrome";
import { ErrorPage, errorKind, errorTitleKey } from "~/components/error-page";
import { useNonce } from "~/components/nonce";
import { DEFAULT_LOCALE, translatorFor, type Locale } from "~/lib/translate";
import { getEnv } from "~/lib/env.server";
import { detectLocale } from "~/lib/locale.server";
import { messagesHref } from "~/lib/messages.server";
import { currentTime } from "~/lib/time.server";
import { operationsAlert } from "~/models/operations.server";
import { signedInOnly } from "~/components/signed-in-only";
import type { SiteData } from "~/lib/site-data";
import stylesheet from "~/styles/app.css";

// Admins only (opsAlert is null for everyone else).
const OperationsBanner = signedInOnly(() => import("~/components/operations-banner").then((m) => m.OperationsBanner));

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = detectLocale(request);
  const user = context.user
    ? {
        id: context.user.id,
        displayName: context.user.displayName,
        role: context.user.role,
        banned: context.user.banned,
        emailVerified: context.user.emailVerified,
      }
    : null;
  const env = getEnv();
  // The browser checks a form's size against it before sending (components/body-size-guard.tsx).
  // Two indexed counts, for admins only: an SMTP outage must not go unseen for hours.
  const opsAlert = user?.role === "admin" ? await operationsAlert(currentTime(), env.SCHEDULER_INTERVAL_SECONDS * 1000) : null;
  return json<SiteData>({ locale, user, timeZone: env.SITE_TIME_ZONE, messagesHref: messagesHref(locale), formBodyLimit: env.FORM_BODY_LIMIT, opsAlert });
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const t = translatorFor(data?.locale ?? DEFAULT_LOCALE);
  // An error page says what went wrong in the title too (tabs, history, screen readers).
  const title = error ? `${t(errorTitleKey(errorKind(error)))} · ${t("site.name")}` : t("site.name");
  return [{ title }, { name: "description", content: t("site.tagline") }];
};

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  return (
    // data-viewer: a signed-in viewer's browser loads their forms' code before it hydrates (components/signed-in-only.tsx).
    <html lang={locale} data-viewer={data?.user ? "signed-in" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* Fetched at once, beside the scripts, which wait for it (entry.client.tsx). */}
        <link rel="preload" as="fetch" crossOrigin="anonymous" href={data?.messagesHref ?? `/locales/${locale}`} data-messages="" />
      </head>
      <body>
        <SiteHeader />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // Marks the page interactive (browser tests wait for it before using forms).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  const { formBodyLimit, opsAlert } = useLoaderData<typeof loader>();
  return (
    <>
      <BodySizeGuard formLimit={formBodyLimit} />
      <FocusFirstError />
      {opsAlert ? <OperationsBanner /> : null}
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error)) console.error(error);
  return <ErrorPage kind={errorKind(error)} />;
}
