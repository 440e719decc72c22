// GET /locales/zh-CN?v=… : one language's messages, which a page's script needs before it
// takes over the page (entry.client.tsx). Data rather than code, one language rather than
// both: the page's JavaScript stays small. Under its current version it never changes.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesForBrowser } from "~/lib/messages.server";
import { isLocale } from "~/lib/translate";

export async function loader({ params, request }: LoaderFunctionArgs) {
  if (!isLocale(params.locale)) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  const { body, version } = messagesForBrowser(params.locale);
  const current = new URL(request.url).searchParams.get("v") === version;
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // An old version's URL gets today's messages, kept briefly: a page cached before a deploy still starts.
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=300",
    },
  });
}
