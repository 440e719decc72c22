// GET /projects/:slug/disclosures.atom : each published version of a project's disclosures.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/feed-response.server";
import { notFound } from "~/lib/guards.server";
import { detectLocale } from "~/lib/locale.server";
import { listDisclosureHistory } from "~/models/disclosures.server";
import { getProject } from "~/models/projects.server";
import { disclosuresFeed } from "~/presenters/feeds.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const project = await getProject({ slug: params.slug ?? "" });
  if (!project) notFound();
  return atomResponse(disclosuresFeed(detectLocale(request), project, await listDisclosureHistory(project.id)));
}
