// Staff manage a project's disclosures: new drafts, publishing, revising, withdrawing.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { locationText } from "~/lib/disclosure-text";
import { FactorForm } from "~/components/factor-form";
import { FormError, SubmitButton, TextField } from "~/components/fields";
import { parseForm, parseId, readForm, type ActionErrors } from "~/lib/forms.server";
import { notFound, requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { factorSchema, withdrawSchema } from "~/lib/validation.server";
import {
  createDraftFactor,
  discardDraft,
  listFactorsForStaff,
  publishDraft,
  reviseFactor,
  withdrawFactor,
  type DisclosureResult,
} from "~/models/disclosures.server";
import { getProject } from "~/models/projects.server";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  const project = await getProject({ slug: args.params.slug ?? "" });
  if (!project) notFound();
  return json({ project, factors: await listFactorsForStaff(project.id) });
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "disclosure.staffTitle", { project: args.data?.project.name ?? "" });

type Result = ActionErrors & { intent?: string; factorId?: string };

export async function action(args: ActionFunctionArgs) {
  const staff = requireStaff(args);
  const project = await getProject({ slug: args.params.slug ?? "" });
  if (!project) notFound();
  const values = await readForm(args.request);
  const intent = values.intent ?? "";
  const here = `/staff/projects/${project.slug}/disclosures`;
  const withIntent = async (r: Response) => json<Result>({ ...(await r.json()), intent, factorId: values.factorId }, { status: r.status });
  const done = (r: DisclosureResult) => {
    if (r.ok) return redirect(here);
    // Not found is refused the same way: a draft a colleague discarded is gone.
    return json<Result>({ intent, factorId: values.factorId, values, errors: {}, formError: "disclosure.stepRefused" }, { status: 409 });
  };
  switch (intent) {
    case "create": {
      const p = parseForm(factorSchema, values);
      if (!p.ok) return withIntent(p.response);
      await createDraftFactor(project.id, staff.id, p.data, currentTime());
      return redirect(here);
    }
    case "publish": {
      const r = await publishDraft(parseId(values.versionId) ?? 0, staff.id, currentTime());
      return done(r);
    }
    case "revise": {
      const r = await reviseFactor(parseId(values.factorId) ?? 0, staff.id, currentTime());
      return r.ok ? redirect(`/staff/disclosures/${r.versionId}`) : done(r);
    }
    case "withdraw": {
      const p = parseForm(withdrawSchema, values);
      if (!p.ok) return withIntent(p.response);
      const r = await withdrawFactor(parseId(values.factorId) ?? 0, staff.id, p.data.reason, currentTime());
      return done(r);
    }
    case "discard":
      return done(await discardDraft(parseId(values.versionId) ?? 0, staff.id, currentTime()));
    default:
      return json<Result>({ intent, values, errors: {}, formError: "errors.invalid" }, { status: 400 });
  }
}

export default function StaffDisclosures() {
  const { project, factors } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date } = useSite();
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/staff">{t("queue.title")}</Link> ›{" "}
        <Link to={`/projects/${project.slug}/disclosures`}>{t("disclosure.pageTitle", { project: project.name })}</Link>
      </nav>
      <h1>{t("disclosure.staffTitle", { project: project.name })}</h1>
      {result?.formError && !result.factorId && result.intent !== "create" ? <FormError error={result.formError} /> : null}
      {factors.length === 0 ? <p className="empty">{t("disclosure.staffNone")}</p> : null}
      <ul className="staff-factors">
        {factors.map((f) => {
          const shown = f.current ?? f.draft;
          const withdrawError = result?.intent === "withdraw" && result.factorId === String(f.id) ? result : undefined;
          // A step refused because the factor moved on (another staff member published or discarded it).
          const stepError = result?.formError && result.factorId === String(f.id) ? result.formError : undefined;
          return (
            <li key={f.id} className="card" data-factor={f.id} data-status={f.status}>
              <p>
                <span className={`badge status-${f.status === "published" ? "answered" : f.status === "withdrawn" ? "reopened" : "awaiting_ack"}`}>
                  {t(f.status === "published" ? "disclosure.published" : f.status === "withdrawn" ? "disclosure.withdrawnStatus" : "disclosure.draft")}
                </span>{" "}
                <strong>{shown?.title}</strong> {shown ? locationText(t, shown.direction, shown.distanceM) : null}
              </p>
              <p className="muted">
                {t("disclosure.versions", { count: f.versionCount })}
                {f.firstPublishedAt ? ` · ${t("disclosure.firstPublished", { date: date(f.firstPublishedAt) })}` : ""}
              </p>
              <div className="row-actions">
                {f.draft ? (
                  <>
                    <span className="badge">
                      {t("disclosure.draft")}: {f.draft.title} · {locationText(t, f.draft.direction, f.draft.distanceM)}
                    </span>
                    <Link to={`/staff/disclosures/${f.draft.id}`} className="button button-small">
                      {t("disclosure.editDraft")}
                    </Link>
                    <Form method="post">
                      <input type="hidden" name="intent" value="publish" />
                      <input type="hidden" name="versionId" value={f.draft.id} />
                      <input type="hidden" name="factorId" value={f.id} />
                      <SubmitButton className="button button-small button-primary" pending={t("common.working")}>
                        {t("disclosure.publish")}
                      </SubmitButton>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="discard" />
                      <input type="hidden" name="versionId" value={f.draft.id} />
                      <input type="hidden" name="factorId" value={f.id} />
                      <SubmitButton className="button button-small" pending={t("common.working")}>
                        {t("disclosure.discard")}
                      </SubmitButton>
                    </Form>
                  </>
                ) : null}
                {f.status === "published" && !f.draft ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revise" />
                    <input type="hidden" name="factorId" value={f.id} />
                    <SubmitButton className="button button-small" pending={t("common.working")}>
                      {t("disclosure.revise")}
                    </SubmitButton>
                  </Form>
                ) : null}
                {f.status === "published" ? (
                  <Form method="post" noValidate className="inline-form">
                    <input type="hidden" name="intent" value="withdraw" />
                    <input type="hidden" name="factorId" value={f.id} />
                    <TextField
                      name="reason"
                      id={`withdraw-reason-${f.id}`}
                      label={t("disclosure.withdrawReason")}
                      defaultValue={withdrawError?.values.reason}
                      error={withdrawError?.errors.reason}
                    />
                    <SubmitButton className="button button-small" pending={t("common.working")}>
                      {t("disclosure.withdraw")}
                    </SubmitButton>
                  </Form>
                ) : null}
              </div>
              <FormError error={stepError} />
            </li>
          );
        })}
      </ul>
      <section className="staff-actions" aria-labelledby="new-factor">
        <h2 id="new-factor">{t("disclosure.newFactor")}</h2>
        <FactorForm intent="create" result={result} submitLabel={t("disclosure.saveDraft")} />
      </section>
    </>
  );
}
