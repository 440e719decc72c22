// /account/projects : an owner's private record in each project they own in (unit, phone,
// purchase date, the name they go by there) and their requests to be verified as an owner.
// Seen only by the owner and staff.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AddOwnerProject, OwnerRecordCard } from "~/components/owner-records";
import type { SessionUser } from "~/lib/auth.server";
import { invalid, parseForm, parseId, readForm, type ActionErrors, type FormValues } from "~/lib/forms.server";
import { forbidden, notFound, requireUser } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { addOwnerProjectSchema } from "~/lib/validation.server";
import { addOwnerProject, ownerProjectsPage, requestVerification, saveOwnerRecord, type OwnerResult } from "~/models/owners.server";
import { currentTime } from "~/lib/time.server";

/** Only owners' accounts hold records: staff speak for the company. */
function requireOwner(args: LoaderFunctionArgs | ActionFunctionArgs): SessionUser {
  const user = requireUser(args);
  if (user.role !== "owner") forbidden();
  return user;
}

export async function loader(args: LoaderFunctionArgs) {
  const user = requireOwner(args);
  const saved = parseId(new URL(args.request.url).searchParams.get("saved") ?? undefined);
  return json({ ...(await ownerProjectsPage(user.id)), saved });
}

export const meta: MetaFunction = (args) => pageTitle(args, "owners.title");

const FORM_ERRORS: Partial<Record<string, string>> = {
  pending: "owners.alreadyPending",
  already: "owners.alreadyVerified",
  notOwner: "owners.notOwner",
};

/** Back to the page (the record's card) when done; the refusal next to the fields otherwise. */
function answer(r: OwnerResult, values: FormValues, projectId: number) {
  if (r.ok) return redirect(`/account/projects?saved=${projectId}#project-${projectId}`);
  if (r.reason === "invalid") return invalid(values, r.errors);
  if (r.reason === "notFound") notFound();
  return json<ActionErrors>({ errors: {}, values, formError: FORM_ERRORS[r.reason] ?? "errors.invalid" }, { status: 409 });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireOwner(args);
  const values = await readForm(args.request);
  const now = currentTime();
  switch (values.intent) {
    case "add-project": {
      const p = parseForm(addOwnerProjectSchema, values);
      if (!p.ok) return p.response;
      return answer(await addOwnerProject(user.id, p.data.projectId, now), values, p.data.projectId);
    }
    case "save":
    case "request-verification": {
      const projectId = parseId(values.projectId);
      if (!projectId) notFound();
      const r = values.intent === "save" ? await saveOwnerRecord(user.id, projectId, values, now) : await requestVerification(user.id, projectId, values, now);
      return answer(r, values, projectId);
    }
    default:
      return json<ActionErrors>({ errors: {}, values, formError: "errors.invalid" }, { status: 400 });
  }
}

export default function AccountProjects() {
  const { records, projects, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useSite();
  return (
    <>
      <h1>{t("owners.title")}</h1>
      <p>{t("owners.intro")}</p>
      <p className="notice">{t("owners.privacy")}</p>
      {records.length === 0 ? <p className="empty">{t("owners.empty")}</p> : null}
      {records.map((r) => (
        <OwnerRecordCard key={r.projectId} record={r} result={result} saved={saved === r.projectId && !result} />
      ))}
      <AddOwnerProject projects={projects} result={result} />
    </>
  );
}
