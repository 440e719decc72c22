// Permission guards: call first in every loader and action that needs them.
// They throw a redirect (not logged in) or a 403 (logged in, not allowed).
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "./auth.server";
import { isStaffRole, UNVERIFIED_STATUS_TEXT } from "./domain";
import { publicUrl } from "./env.server";

type Args = { request: Request; context: AppLoadContext };

// C0 and C1 control characters: browsers drop tabs and newlines from a URL, so "/\t/evil" is "//evil".
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const MAX_TARGET = 2048;

/**
 * The one place a redirect target from input (redirectTo=, next=) is checked: a path on this
 * site, read the way a browser reads it, or else the fallback. Returns the parsed URL's path,
 * query and hash (percent-encoded, so always a valid Location header).
 */
export function safeRedirect(to: string | null | undefined, fallback = "/", base = publicUrl()): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_TARGET) return fallback;
  // A path and nothing else: no scheme, no "//host", no leading whitespace, nothing a browser would rewrite.
  if (!to.startsWith("/") || to.startsWith("//") || to.includes("\\") || CONTROL.test(to)) return fallback;
  let url: URL;
  const site = new URL(base);
  try {
    url = new URL(to, site);
  } catch {
    return fallback;
  }
  if (url.origin !== site.origin || url.username || url.password) return fallback;
  // Dot segments ("/a/..//evil") or encoded slashes ("/%2F/evil", "/%5Cevil") can still make the path
  // start with "//" or hold a backslash once a browser or a proxy decodes it: look at every decoding.
  // No page has an "@" in its path, and "/@host" turns into userinfo when glued to an origin.
  let path = url.pathname;
  for (let round = 0; ; round++) {
    const folded = path.normalize("NFKC");
    if (folded.includes("//") || folded.includes("\\") || folded.includes("@") || CONTROL.test(folded)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return fallback;
    }
    if (decoded === path) break;
    // Encoded three times over: no link of ours is.
    if (round === 3) return fallback;
    path = decoded;
  }
  return url.pathname + url.search + url.hash;
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
