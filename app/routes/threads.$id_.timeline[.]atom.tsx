// GET /threads/:id/timeline.atom : a thread's public timeline.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/feed-response.server";
import { parseId } from "~/lib/forms.server";
import { notFound } from "~/lib/guards.server";
import { detectLocale } from "~/lib/locale.server";
import { getThread } from "~/models/threads.server";
import { threadTimelineFeed } from "~/presenters/feeds.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  // The feed is public: read as a visitor without a session.
  const thread = id ? await getThread(id, null) : undefined;
  if (!thread) notFound();
  return atomResponse(threadTimelineFeed(detectLocale(request), thread));
}
