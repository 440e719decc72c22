import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DisclosureDiagram, DisclosureHistory, FactorList } from "~/components/disclosure";
import { isStaffRole } from "~/lib/domain";
import { readFormData } from "~/lib/forms.server";
import { notFound, requireUser } from "~/lib/guards.server";
import { feedLinks, pageDescription, pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { isSubscribed, listCurrentFactors, listDisclosureHistory, setDisclosureSubscription } from "~/models/disclosures.server";
import { getProject } from "~/models/projects.server";
import { currentTime } from "~/lib/time.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const project = await getProject({ slug: params.slug ?? "" });
  if (!project) notFound();
  return json({
    project,
    factors: await listCurrentFactors(project.id),
    history: await listDisclosureHistory(project.id),
    subscribed: context.user ? await isSubscribed(project.id, context.user.id) : false,
  });
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const project = args.data?.project;
  return [
    ...pageTitle(args, "disclosure.pageTitle", { project: project?.name ?? "" }),
    ...(project ? pageDescription(args, "seo.disclosures", { project: project.name }) : []),
    ...(project ? feedLinks(args, [{ kind: "disclosures", project }]) : []),
  ];
};

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const project = await getProject({ slug: args.params.slug ?? "" });
  if (!project) notFound();
  const form = await readFormData(args.request);
  // The button says "1" (follow) or "0" (stop): anything else is no choice at all.
  const follow = form.get("follow");
  if (follow !== "1" && follow !== "0") throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  await setDisclosureSubscription(project.id, user.id, follow === "1", currentTime());
  return redirect(`/projects/${project.slug}/disclosures`);
}

export default function Disclosures() {
  const { project, factors, history, subscribed } = useLoaderData<typeof loader>();
  const { t, user } = useSite();
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("nav.projects")}</Link> › <Link to={`/projects/${project.slug}`}>{project.name}</Link> › {t("disclosure.title")}
      </nav>
      <h1>{t("disclosure.pageTitle", { project: project.name })}</h1>
      <p>{t("disclosure.intro")}</p>
      <p className="row-actions">
        <Link to={`/projects/${project.slug}/disclosures/print`} className="button">
          {t("disclosure.print")}
        </Link>
        {user && isStaffRole(user.role) ? <Link to={`/staff/projects/${project.slug}/disclosures`}>{t("disclosure.staffLink")}</Link> : null}
      </p>
      <section className="follow" aria-live="polite">
        {user ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="follow" value={subscribed ? "0" : "1"} />
            {subscribed ? <span>{t("disclosure.following")}</span> : null}
            <button type="submit" className="button button-small">
              {subscribed ? t("disclosure.unfollow") : t("disclosure.follow")}
            </button>
          </Form>
        ) : (
          <Link to={`/login?redirectTo=${encodeURIComponent(`/projects/${project.slug}/disclosures`)}`}>{t("disclosure.loginToFollow")}</Link>
        )}
      </section>
      <h2>{t("disclosure.current")}</h2>
      {factors.length === 0 ? (
        <p className="empty">{t("disclosure.none")}</p>
      ) : (
        <div className="disclosure-layout">
          <DisclosureDiagram factors={factors} />
          <FactorList factors={factors} />
        </div>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("disclosure.history")}</h2>
        <p className="field-hint">
          {t("disclosure.historyIntro")}{" "}
          <a href={`/projects/${project.slug}/disclosures.atom`} type="application/atom+xml">
            {t("common.feed")}
          </a>
        </p>
        <DisclosureHistory entries={history} />
      </section>
    </>
  );
}
