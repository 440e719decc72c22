// GET /threads/:id/timeline.atom : a thread's public timeline.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/feed-response.server";
import { parseId } from "~/lib/forms.server";
import { notFound } from "~/lib/guards.server";
import { detectLocale } from "~/lib/locale.server";
import { threadTimelineFeed } from "~/models/feeds.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const xml = id ? threadTimelineFeed(detectLocale(request), id) : null;
  if (!xml) notFound();
  return atomResponse(xml);
}
