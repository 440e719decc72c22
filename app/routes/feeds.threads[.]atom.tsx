// GET /feeds/threads.atom[?project=slug][&type=quality] : new complaints, site-wide or narrowed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isComplaintType } from "~/lib/domain";
import { atomResponse } from "~/lib/feed-response.server";
import { notFound } from "~/lib/guards.server";
import { detectLocale } from "~/lib/locale.server";
import { threadsFeed } from "~/models/feeds.server";
import { getProjectBySlug } from "~/models/projects.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const slug = params.get("project");
  const project = slug ? getProjectBySlug(slug) : undefined;
  if (slug && !project) notFound();
  const type = params.get("type");
  return atomResponse(
    threadsFeed(detectLocale(request), {
      projectId: project?.id,
      projectName: project?.name,
      projectSlug: project?.slug,
      type: isComplaintType(type) ? type : undefined,
    }),
  );
}
