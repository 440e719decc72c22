// Permission guards: call first in every loader and action that needs them.
// They throw a redirect (not logged in) or a 403 (logged in, not allowed).
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "./auth.server";
import { isStaffRole, UNVERIFIED_STATUS_TEXT } from "./domain";

type Args = { request: Request; context: AppLoadContext };

export function safeRedirectPath(to: string | null | undefined, fallback = "/"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export function requireUser({ request, context }: Args): SessionUser {
  if (!context.user) throw loginRedirect(request);
  return context.user;
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/**
 * A logged-in user who may post, reply, flag or mark "me too": banned users, and users
 * who have not yet verified their address, get a 403 (they can still read).
 */
export function requirePoster(args: Args): SessionUser {
  const user = requireUser(args);
  if (user.banned) throw new Response("Banned", { status: 403, statusText: "Banned" });
  if (!user.emailVerified) throw new Response(UNVERIFIED_STATUS_TEXT, { status: 403, statusText: UNVERIFIED_STATUS_TEXT });
  return user;
}

export function requireStaff(args: Args): SessionUser {
  const user = requireUser(args);
  if (!isStaffRole(user.role)) forbidden();
  return user;
}

export function requireAdmin(args: Args): SessionUser {
  const user = requireUser(args);
  if (user.role !== "admin") forbidden();
  return user;
}
