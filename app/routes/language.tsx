// /language?lang=en&next=/threads/1 : remembers the chosen language and goes back.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { safeRedirect } from "~/lib/guards.server";
import { isLocale } from "~/lib/translate";
import { localeCookie } from "~/lib/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang");
  const next = safeRedirect(url.searchParams.get("next"));
  if (!isLocale(lang)) return redirect(next);
  return redirect(next, { headers: { "Set-Cookie": localeCookie(lang) } });
}
