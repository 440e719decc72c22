// Calls route loaders and actions the way Remix does, with a chosen viewer.
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import type { SessionUser } from "../../app/lib/auth.server";
import { getUserById } from "../../app/models/users.server";

export const BASE = "http://localhost";

export async function contextFor(user: { id: string } | null): Promise<AppLoadContext> {
  let sessionUser: SessionUser | null = null;
  if (user) {
    const row = await getUserById(user.id);
    if (!row) throw new Error(`no user ${user.id}`);
    sessionUser = {
      id: row.id,
      displayName: row.displayName,
      role: row.role,
      locale: null,
      emailVerified: row.emailVerifiedAt != null,
      banned: row.bannedAt != null,
    };
  }
  return { user: sessionUser, session: null, nonce: "test", clientIp: "127.0.0.1" };
}

type Fn<A> = (args: A) => unknown;

/** Runs a loader or action; a thrown Response (redirect, 404) is returned instead of thrown. */
async function run(fn: Fn<LoaderFunctionArgs>, args: LoaderFunctionArgs): Promise<Response> {
  try {
    const result = await fn(args);
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { headers: { "Content-Type": "application/json" } });
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

export async function callLoader(
  loader: Fn<LoaderFunctionArgs>,
  path: string,
  { user = null, params = {}, headers = {} }: { user?: { id: string } | null; params?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const request = new Request(BASE + path, { headers });
  return run(loader, { request, params, context: await contextFor(user) });
}

export async function callAction(
  action: Fn<ActionFunctionArgs>,
  path: string,
  form: Record<string, string>,
  {
    user = null,
    params = {},
    clientIp,
    headers = {},
  }: { user?: { id: string } | null; params?: Record<string, string>; clientIp?: string; headers?: Record<string, string> } = {},
) {
  const request = new Request(BASE + path, { method: "POST", body: new URLSearchParams(form), headers });
  const context = await contextFor(user);
  if (clientIp) context.clientIp = clientIp;
  return run(action as Fn<LoaderFunctionArgs>, { request, params, context });
}

/** Runs an action on a request made by hand: any body, any headers (malformed ones, say). */
export async function callActionWith(
  action: Fn<ActionFunctionArgs>,
  path: string,
  init: { body?: BodyInit | null; headers?: Record<string, string> },
  { user = null, params = {} }: { user?: { id: string } | null; params?: Record<string, string> } = {},
) {
  const request = new Request(BASE + path, { method: "POST", ...init });
  return run(action as Fn<LoaderFunctionArgs>, { request, params, context: await contextFor(user) });
}
