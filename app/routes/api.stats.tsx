// GET /api/stats?period=this_month|last_month|90_days|12_months[&project=slug] : the scoreboard's figures.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { rejectStatsQuery } from "~/lib/api-query.server";
import { getProject } from "~/models/projects.server";
import { periodFrom } from "~/lib/periods";
import { loadScoreboard } from "~/models/stats.server";
import { currentTime } from "~/lib/time.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const rejected = rejectStatsQuery(url.searchParams);
  if (rejected) return rejected;
  const slug = url.searchParams.get("project");
  const project = slug ? await getProject({ slug }) : undefined;
  if (slug && !project) return json({ error: "not_found" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
  const b = await loadScoreboard(periodFrom(url), project?.id, currentTime());
  const iso = (ms: number) => new Date(ms).toISOString();
  return json(
    {
      period: b.period,
      from: iso(b.range.from),
      to: iso(b.range.to),
      overall: b.overall,
      byProject: b.byProject.map((p) => ({ slug: p.slug, name: p.name, city: p.city, rank: p.rank, ...p.metrics })),
      byCompany: b.byCompany.map((c) => ({ company: c.unit ? { slug: c.unit.slug, name: c.unit.name } : null, projects: c.projects, ...c.metrics })),
      byType: b.byType.map((r) => ({ type: r.type, ...r.metrics })),
      months: b.months,
    },
    { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } },
  );
}
