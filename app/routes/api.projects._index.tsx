// GET /api/projects : every project with its thread count as JSON.
import { json } from "@remix-run/node";
import { listProjects } from "~/models/projects.server";

export async function loader() {
  return json(
    {
      projects: (await listProjects()).map((p) => ({
        slug: p.slug,
        name: p.name,
        city: p.city,
        address: p.address,
        threadCount: p.threadCount,
        url: `/projects/${p.slug}`,
      })),
    },
    { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } },
  );
}
