// The notice to post at the sales office: A4, heading, body, diagram, reminder, signature.
// It is dated by what it discloses, never by when it was printed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DisclosureDiagram, FactorDates } from "~/components/disclosure";
import { registerVersionAt } from "~/lib/disclosure";
import { locationText } from "~/lib/disclosure-text";
import { toIso } from "~/lib/format";
import { notFound } from "~/lib/guards.server";
import { pageDescription, pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { listCurrentFactors } from "~/models/disclosures.server";
import { getProject } from "~/models/projects.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const project = await getProject({ slug: params.slug ?? "" });
  if (!project) notFound();
  const factors = await listCurrentFactors(project.id);
  return json({ project, factors, versionAt: registerVersionAt(factors) });
}

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "disclosure.printHeading", { project: args.data?.project.name ?? "" }),
  ...(args.data ? pageDescription(args, "seo.disclosures", { project: args.data.project.name }) : []),
];

export default function PrintNotice() {
  const { project, factors, versionAt } = useLoaderData<typeof loader>();
  const { t, date } = useSite();
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
              <strong>{t("disclosure.printFactorTitle", { type: t(`disclosure.types.${f.factorType}`), title: f.title })}</strong>
              {t("disclosure.printFactorPlace", { location: locationText(t, f.direction, f.distanceM), impact: f.impact })}
              {f.mitigation ? ` ${t("disclosure.mitigation", { text: f.mitigation })}` : ""}
              <br />
              <span className="print-factor-dates muted">
                <FactorDates factor={f} />
              </span>
            </li>
          ))}
        </ol>
      )}
      <DisclosureDiagram factors={factors} idPrefix="print-diagram" />
      <p className="print-reminder">{t("disclosure.printReminder")}</p>
      <footer className="print-signature">
        <p>{t("disclosure.printSignature", { company: t("site.company") })}</p>
        {versionAt != null ? (
          <p>
            <time dateTime={toIso(versionAt)}>{t("disclosure.printDate", { date: date(versionAt) })}</time>
          </p>
        ) : null}
      </footer>
    </article>
  );
}
