// GET /api/projects/:slug/disclosures : the current factors and the full published history.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { FactorFields } from "~/lib/disclosure";
import { listCurrentFactors, listDisclosureHistory } from "~/models/disclosures.server";
import { getProject } from "~/models/projects.server";

const iso = (ms: number) => new Date(ms).toISOString();
const fields = (f: FactorFields) => ({
  type: f.factorType,
  title: f.title,
  impact: f.impact,
  direction: f.direction,
  distanceM: f.distanceM,
  withinRegister: f.distanceM <= 1000,
  mitigation: f.mitigation,
  source: f.sourceNote,
});

export async function loader({ params }: LoaderFunctionArgs) {
  const project = await getProject({ slug: params.slug ?? "" });
  if (!project) return json({ error: "not_found" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
  return json(
    {
      project: { slug: project.slug, name: project.name, city: project.city },
      factors: (await listCurrentFactors(project.id)).map((f) => ({
        id: f.factorId,
        version: f.versionId,
        ...fields(f),
        firstPublishedAt: iso(f.firstPublishedAt),
        publishedAt: iso(f.publishedAt),
      })),
      history: (await listDisclosureHistory(project.id)).map((h) => ({
        version: h.versionId,
        factorId: h.factorId,
        action: h.action,
        publishedAt: iso(h.publishedAt),
        ...fields(h.fields),
        changes: h.changes,
      })),
    },
    { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } },
  );
}
