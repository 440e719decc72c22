// The notice to post at the sales office: A4, heading, body, diagram, reminder, signature.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DisclosureDiagram } from "~/components/disclosure";
import { locationText } from "~/lib/disclosure-text";
import { notFound } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { listCurrentFactors } from "~/models/disclosures.server";
import { getProject } from "~/models/projects.server";
import { currentTime } from "~/lib/time.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const project = getProject({ slug: params.slug ?? "" });
  if (!project) notFound();
  return json({ project, factors: listCurrentFactors(project.id), now: currentTime() });
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "disclosure.printHeading", { project: args.data?.project.name ?? "" });

export default function PrintNotice() {
  const { project, factors, now } = useLoaderData<typeof loader>();
  const { t, date } = useSite();
  const latest = factors.reduce((m, f) => Math.max(m, f.publishedAt), 0);
  return (
    <article className="print-notice">
      <p className="no-print">
        <Link to={`/projects/${project.slug}/disclosures`}>{t("common.backTo")}</Link>
      </p>
      <h1>{t("disclosure.printHeading", { project: project.name })}</h1>
      <p>{t("disclosure.printBody")}</p>
      {factors.length === 0 ? (
        <p>{t("disclosure.none")}</p>
      ) : (
        <ol className="print-factors">
          {factors.map((f) => (
            <li key={f.factorId}>
              <strong>
                {t(`disclosure.types.${f.factorType}`)}:{f.title}
              </strong>
              ({locationText(t, f.direction, f.distanceM)}){f.impact}
              {f.mitigation ? ` ${t("disclosure.mitigation", { text: f.mitigation })}` : ""}
            </li>
          ))}
        </ol>
      )}
      <DisclosureDiagram factors={factors} idPrefix="print-diagram" />
      <p className="print-reminder">{t("disclosure.printReminder")}</p>
      <footer className="print-signature">
        <p>{t("disclosure.printSignature", { company: t("site.company") })}</p>
        <p>{t("disclosure.printDate", { date: date(now) })}</p>
        {latest ? <p className="muted">{t("disclosure.printAsOf", { date: date(latest) })}</p> : null}
      </footer>
    </article>
  );
}
