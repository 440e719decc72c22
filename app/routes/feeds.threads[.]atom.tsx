// GET /feeds/threads.atom[?project=slug][&type=quality] : new complaints, site-wide or narrowed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isComplaintType } from "~/lib/domain";
import { atomResponse } from "~/lib/feed-response.server";
import { notFound } from "~/lib/guards.server";
import { detectLocale } from "~/lib/locale.server";
import { FEED_SIZE, threadsFeed } from "~/presenters/feeds.server";
import { getProject } from "~/models/projects.server";
import { lastPublicChanges, listThreads } from "~/models/threads.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const slug = params.get("project");
  const project = slug ? await getProject({ slug }) : undefined;
  if (slug && !project) notFound();
  const param = params.get("type");
  const type = isComplaintType(param) ? param : undefined;
  const { items } = await listThreads({ projectId: project?.id, complaintType: type }, 1, FEED_SIZE);
  const changed = await lastPublicChanges(items);
  return atomResponse(threadsFeed(detectLocale(request), { projectName: project?.name, projectSlug: project?.slug, type }, items, changed));
}
