// Edit a disclosure draft. Published versions are frozen: this page refuses them.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FactorForm } from "~/components/factor-form";
import { parseForm, parseId, readForm, type ActionErrors } from "~/lib/forms.server";
import { notFound, requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { factorSchema } from "~/lib/validation.server";
import { getDraft, publishDraft, updateDraft } from "~/models/disclosures.server";
import { getProject } from "~/models/projects.server";
import { currentTime } from "~/lib/time.server";
import { SubmitButton } from "~/components/fields";

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  const draft = await getDraft(parseId(args.params.versionId) ?? 0);
  if (!draft) notFound();
  const project = (await getProject({ id: draft.projectId }))!;
  return json({ draft, project });
}

export const meta: MetaFunction = (args) => pageTitle(args, "disclosure.editDraft");

export async function action(args: ActionFunctionArgs) {
  const staff = requireStaff(args);
  const versionId = parseId(args.params.versionId) ?? 0;
  const draft = await getDraft(versionId);
  if (!draft) notFound();
  const project = (await getProject({ id: draft.projectId }))!;
  const values = await readForm(args.request);
  const back = `/staff/projects/${project.slug}/disclosures`;
  // The draft form says "save", the publish button "publish": anything else changes nothing.
  if (values.intent !== "publish" && values.intent !== "save") {
    return json<ActionErrors & { intent: string }>({ intent: "save", values, errors: {}, formError: "errors.invalid" }, { status: 400 });
  }
  if (values.intent === "publish") {
    const r = await publishDraft(versionId, staff.id, currentTime());
    if (!r.ok) return json<ActionErrors & { intent: string }>({ intent: "save", values, errors: {}, formError: "actions.wrongState" }, { status: 409 });
    return redirect(back);
  }
  const p = parseForm(factorSchema, values);
  if (!p.ok) return json({ ...(await p.response.json()), intent: "save" }, { status: 400 });
  const r = await updateDraft(versionId, staff.id, p.data, currentTime());
  if (!r.ok) return json<ActionErrors & { intent: string }>({ intent: "save", values, errors: {}, formError: "actions.wrongState" }, { status: 409 });
  return redirect(back);
}

export default function EditDraft() {
  const { draft, project } = useLoaderData<typeof loader>();
  const result = useActionData<ActionErrors & { intent?: string }>();
  const { t } = useSite();
  const frozen = draft.state !== "draft";
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to={`/staff/projects/${project.slug}/disclosures`}>{t("disclosure.staffTitle", { project: project.name })}</Link>
      </nav>
      <h1>{t("disclosure.editDraft")}</h1>
      {frozen ? (
        <p className="form-error" role="alert">
          {t("actions.wrongState")}
        </p>
      ) : (
        <>
          <FactorForm intent="save" initial={draft} result={result} submitLabel={t("disclosure.saveDraft")} />
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <SubmitButton pending={t("common.working")}>{t("disclosure.publish")}</SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}
