import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageDescription, pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { listProjects } from "~/models/projects.server";

export async function loader() {
  return json({ projects: await listProjects() });
}

export const meta: MetaFunction = (args) => [...pageTitle(args, "project.listTitle"), ...pageDescription(args, "seo.projects")];

export default function Projects() {
  const { projects } = useLoaderData<typeof loader>();
  const { t } = useSite();
  return (
    <>
      <h1>{t("project.listTitle")}</h1>
      {projects.length === 0 ? <p className="empty">{t("project.noProjects")}</p> : null}
      <ul className="project-grid">
        {projects.map((p) => (
          <li key={p.id} className="card">
            <h2>
              <Link to={`/projects/${p.slug}`}>{p.name}</Link>
            </h2>
            <p className="muted">
              {p.city} · {p.address}
            </p>
            <p>{t("project.threads", { count: p.threadCount })}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
