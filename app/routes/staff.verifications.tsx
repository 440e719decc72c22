// /staff/verifications : owners' requests to be verified, oldest first. Staff check the
// contract number, then approve or refuse with a reason the owner reads; either way the
// number is erased and only its last four characters remain.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, TextField } from "~/components/fields";
import { TableWrap } from "~/components/table-wrap";
import { parseForm, parseId, readForm, type ActionErrors } from "~/lib/forms.server";
import { notFound, requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { reasonSchema } from "~/lib/validation.server";
import { approveVerification, listPendingVerifications, refuseVerification, type OwnerResult } from "~/models/owners.server";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  return json({ pending: await listPendingVerifications() });
}

export const meta: MetaFunction = (args) => pageTitle(args, "owners.queueTitle");

export async function action(args: ActionFunctionArgs) {
  const staff = requireStaff(args);
  const values = await readForm(args.request);
  const id = parseId(values.verificationId);
  if (!id) notFound();
  let r: OwnerResult;
  if (values.intent === "approve") r = await approveVerification(staff.id, id, currentTime());
  else if (values.intent === "refuse") {
    const p = parseForm(reasonSchema, values);
    if (!p.ok) return p.response;
    r = await refuseVerification(staff.id, id, p.data.reason, currentTime());
  } else return json<ActionErrors>({ errors: {}, values, formError: "errors.invalid" }, { status: 400 });
  if (r.ok) return redirect("/staff/verifications");
  if (r.reason === "notFound") notFound();
  return json<ActionErrors>({ errors: {}, values, formError: r.reason === "wrongState" ? "owners.alreadyDecided" : "errors.invalid" }, { status: 409 });
}

function Decide({ id, intent, children }: { id: number; intent: string; children: string }) {
  const n = useNavigation();
  const busy = n.state === "submitting" && n.formData?.get("verificationId") === String(id) && n.formData?.get("intent") === intent;
  return (
    <button type="submit" className="button button-small" disabled={busy} aria-busy={busy || undefined}>
      {children}
    </button>
  );
}

export default function Verifications() {
  const { pending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, dateTime } = useSite();
  const mine = (id: number) => (result?.values.verificationId === String(id) ? result : undefined);
  // A request another staff member decided meanwhile has left the list: say so above it.
  const gone = result?.formError && !pending.some((v) => String(v.id) === result.values.verificationId) ? result.formError : undefined;
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/staff">{t("queue.title")}</Link> › {t("owners.queueTitle")}
      </nav>
      <h1>{t("owners.queueTitle")}</h1>
      <p>{t("owners.queueIntro")}</p>
      <FormError error={gone} />
      {pending.length === 0 ? (
        <p className="empty">{t("owners.queueEmpty")}</p>
      ) : (
        <TableWrap label={t("owners.queueTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("owners.requestedAt")}</th>
                <th scope="col">{t("owners.applicant")}</th>
                <th scope="col">{t("owners.project")}</th>
                <th scope="col">{t("owners.contractNumber")}</th>
                <th scope="col">{t("owners.unitGiven")}</th>
                <th scope="col">{t("owners.approve")}</th>
                <th scope="col">{t("owners.refuse")}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((v) => (
                <tr key={v.id} data-verification={v.id}>
                  <td>{dateTime(v.requestedAt)}</td>
                  <td>{v.userName}</td>
                  <td>{v.projectName}</td>
                  <td>
                    <code>{v.contractNumber}</code>
                  </td>
                  <td>{Number(v.unitGiven) === 1 ? t("owners.hasRecord") : <span className="muted">{t("owners.unitNone")}</span>}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="verificationId" value={v.id} />
                      <Decide id={v.id} intent="approve">
                        {t("owners.approve")}
                      </Decide>
                    </Form>
                  </td>
                  <td>
                    <Form method="post" noValidate>
                      <input type="hidden" name="intent" value="refuse" />
                      <input type="hidden" name="verificationId" value={v.id} />
                      <FormError error={mine(v.id)?.formError} />
                      <TextField
                        name="reason"
                        id={`reason-${v.id}`}
                        label={t("owners.refuseReason")}
                        defaultValue={mine(v.id)?.values.reason}
                        error={mine(v.id)?.errors.reason}
                        required
                      />
                      <Decide id={v.id} intent="refuse">
                        {t("owners.refuse")}
                      </Decide>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
