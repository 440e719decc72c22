// Renders a route's page to HTML on the router Remix runs on, with its real loader and the
// root's site data, so a test reads what a visitor would see (the document head excepted).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { Outlet } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { loadSignedInParts } from "../../app/components/signed-in-only";
import { getEnv } from "../../app/lib/env.server";
import { messagesHref } from "../../app/lib/messages.server";
import type { Locale } from "../../app/lib/translate";
import type { SiteData } from "../../app/lib/site-data";
import { BASE, contextFor } from "./remix";

type PageRoute = { loader: (args: LoaderFunctionArgs) => unknown; default: ComponentType };

/**
 * The page at `path`, matched by `pattern` (a Remix path such as "/projects/:slug"), as a visitor
 * sees it, or as `user` does: their loader runs signed in (the layout around it stays a visitor's).
 */
export async function renderPage(route: PageRoute, pattern: string, path: string, { locale = "zh-CN" as Locale, user = null as { id: string } | null } = {}) {
  const site: SiteData = {
    locale,
    user: null,
    timeZone: getEnv().SITE_TIME_ZONE,
    messagesHref: messagesHref(locale),
    formBodyLimit: getEnv().FORM_BODY_LIMIT,
    opsAlert: null,
  };
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => site,
      Component: Outlet,
      children: [{ id: "page", path: pattern.replace(/^\//, ""), loader: route.loader as never, Component: route.default }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(BASE + path), { requestContext: await contextFor(user) });
  if (context instanceof Response) throw new Error(`${path} answered ${context.status}`);
  if (context.errors) throw new Error(`${path} failed: ${JSON.stringify(context.errors)}`);
  await loadSignedInParts();
  const html = renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }));
  return { html, data: context.loaderData.page as unknown };
}
