// GET /api/threads/:id : one thread with its posts as JSON.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseId } from "~/lib/forms.server";
import { apiDisclosure, apiEvent, apiPost, apiThreadSummary, apiTriage } from "~/presenters/api";
import { threadFactor } from "~/models/identity.server";
import { getThread } from "~/models/threads.server";
import { currentTime } from "~/lib/time.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const thread = id ? await getThread(id) : undefined;
  if (!thread) return json({ error: "not_found" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
  return json(
    {
      thread: {
        ...apiThreadSummary(thread, currentTime()),
        triage: apiTriage(thread),
        locked: thread.lockReason != null ? { reason: thread.lockReason } : null,
        project: { slug: thread.project.slug, name: thread.project.name, city: thread.project.city },
        disclosure: apiDisclosure(await threadFactor(thread)),
        opening: thread.opening ? apiPost(thread.opening) : null,
        replies: thread.replies.map(apiPost),
        timeline: thread.events.map(apiEvent),
      },
    },
    { headers: { "Cache-Control": "public, max-age=30", "Access-Control-Allow-Origin": "*" } },
  );
}
