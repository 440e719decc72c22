// /admin/organisation : group headquarters and the regional companies; who in each receives
// reports, escalations and morning briefings; which company runs each project; where each
// staff member works. Admins only; every change is in the audit log.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, TextArea, TextField } from "~/components/fields";
import { TableWrap } from "~/components/table-wrap";
import { useSite } from "~/hooks/use-site";
import { RECIPIENT_PURPOSES } from "~/lib/domain";
import { parseForm, readForm } from "~/lib/forms.server";
import { requireAdmin } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import type { ActionErrors } from "~/lib/form-rules";
import { assignProjectSchema, newUnitSchema, recipientsSchema, renameUnitSchema, staffUnitSchema } from "~/lib/validation.server";
import { assignProject, createRegionalUnit, organisationOverview, renameUnit, setRecipients, setStaffUnit, type OrgResult } from "~/models/org.server";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  requireAdmin(args);
  return json(await organisationOverview());
}

export const meta: MetaFunction = (args) => pageTitle(args, "org.title");

type Result = (ActionErrors & { intent: string; unitId?: string }) | { intent: string; done: true };

export async function action(args: ActionFunctionArgs) {
  const admin = requireAdmin(args);
  const values = await readForm(args.request);
  const intent = values.intent ?? "";
  const now = currentTime();
  // A refusal goes next to `field`, or above the whole form when it is not about one field.
  const answer = (r: OrgResult, field?: string, invalid = "errors.invalid") => {
    if (r.ok) return json<Result>({ intent, done: true });
    const message = r.reason === "taken" ? "org.slugTaken" : invalid;
    return json<Result>(
      { intent, unitId: values.unitId, values, errors: field ? { [field]: message } : {}, formError: field ? undefined : message },
      { status: r.reason === "notFound" ? 404 : 400 },
    );
  };
  const refuse = async (response: Response) => json<Result>({ ...(await response.json()), intent, unitId: values.unitId }, { status: response.status });
  switch (intent) {
    case "create": {
      const p = parseForm(newUnitSchema, values);
      if (!p.ok) return refuse(p.response);
      return answer(await createRegionalUnit(admin.id, p.data, now), "slug");
    }
    case "rename": {
      const p = parseForm(renameUnitSchema, values);
      if (!p.ok) return refuse(p.response);
      return answer(await renameUnit(admin.id, p.data.unitId, p.data.name, now), "name");
    }
    case "recipients": {
      const p = parseForm(recipientsSchema, values);
      if (!p.ok) return refuse(p.response);
      const results: OrgResult[] = [];
      for (const purpose of RECIPIENT_PURPOSES) results.push(await setRecipients(admin.id, p.data.unitId, purpose, p.data[purpose], now));
      return answer(results.find((r) => !r.ok) ?? { ok: true });
    }
    case "assign-project": {
      const p = parseForm(assignProjectSchema, values);
      if (!p.ok) return refuse(p.response);
      return answer(await assignProject(admin.id, p.data.projectId, p.data.unitId, now), "unitId", "org.rowRefused");
    }
    case "staff-unit": {
      const p = parseForm(staffUnitSchema, values);
      if (!p.ok) return refuse(p.response);
      return answer(await setStaffUnit(admin.id, p.data.userId, p.data.unitId, now), "unitId", "org.rowRefused");
    }
    default:
      return json<Result>({ intent, values, errors: {}, formError: "errors.invalid" }, { status: 400 });
  }
}

export default function Organisation() {
  const { units, projects, staff } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t } = useSite();
  const busy = useNavigation().state !== "idle";
  const failed = result && "errors" in result ? result : undefined;
  const mine = (intent: string, unitId?: number) =>
    failed && failed.intent === intent && (unitId === undefined || failed.unitId === String(unitId)) ? failed : undefined;
  const regional = units.filter((u) => u.kind === "regional");
  // A row's choice that was refused (a company gone since the page was loaded, say).
  const rowError = (intent: string, field: "projectId" | "userId", id: number | string) => {
    const r = mine(intent);
    return r && r.values[field] === String(id) ? (r.errors.unitId ?? r.formError ?? Object.values(r.errors)[0]) : undefined;
  };
  return (
    <>
      <h1>{t("org.title")}</h1>
      <p>{t("org.intro")}</p>
      {failed && !["create", "rename", "recipients", "assign-project", "staff-unit"].includes(failed.intent) ? <FormError error={failed.formError} /> : null}
      {result && "done" in result ? (
        <p className="notice" role="status">
          {t("org.saved")}
        </p>
      ) : null}

      {units.map((u) => (
        <section key={u.id} className="staff-actions" aria-labelledby={`unit-${u.id}`} data-unit={u.slug}>
          <h2 id={`unit-${u.id}`}>
            {u.name} <span className="muted">({t(`org.kinds.${u.kind}`)})</span>
          </h2>
          <Form method="post" noValidate className="inline-form">
            <input type="hidden" name="intent" value="rename" />
            <input type="hidden" name="unitId" value={u.id} />
            <TextField
              name="name"
              id={`name-${u.id}`}
              label={t("org.name")}
              defaultValue={mine("rename", u.id)?.values.name ?? u.name}
              error={mine("rename", u.id)?.errors.name}
              required
            />
            <button type="submit" className="button" disabled={busy}>
              {t("org.rename")}
            </button>
          </Form>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="recipients" />
            <input type="hidden" name="unitId" value={u.id} />
            <FormError error={mine("recipients", u.id)?.formError} />
            <p className="field-hint">{t("org.recipientsHint")}</p>
            {RECIPIENT_PURPOSES.map((purpose) => (
              <TextArea
                key={purpose}
                name={purpose}
                id={`${purpose}-${u.id}`}
                label={t(`org.purposes.${purpose}`)}
                rows={2}
                defaultValue={mine("recipients", u.id)?.values[purpose] ?? u.recipients[purpose].join("\n")}
                error={mine("recipients", u.id)?.errors[purpose]}
              />
            ))}
            <button type="submit" className="button" disabled={busy}>
              {t("org.saveRecipients")}
            </button>
          </Form>
        </section>
      ))}

      <section className="staff-actions" aria-labelledby="new-unit">
        <h2 id="new-unit">{t("org.newUnit")}</h2>
        <Form method="post" noValidate className="inline-form">
          <input type="hidden" name="intent" value="create" />
          <FormError error={mine("create")?.formError} />
          <TextField name="name" id="new-name" label={t("org.name")} defaultValue={mine("create")?.values.name} error={mine("create")?.errors.name} required />
          <TextField
            name="slug"
            id="new-slug"
            label={t("org.slug")}
            hint={t("org.slugHint")}
            defaultValue={mine("create")?.values.slug}
            error={mine("create")?.errors.slug}
            required
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("org.create")}
          </button>
        </Form>
      </section>

      <h2>{t("org.projects")}</h2>
      <TableWrap label={t("org.projects")}>
        <table className="stats-table">
          <thead>
            <tr>
              <th scope="col">{t("stats.project")}</th>
              <th scope="col">{t("org.company")}</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  {p.city} · {p.name}
                </th>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="assign-project" />
                    <input type="hidden" name="projectId" value={p.id} />
                    <label className="visually-hidden" htmlFor={`project-unit-${p.id}`}>
                      {t("org.company")}
                    </label>
                    <select id={`project-unit-${p.id}`} name="unitId" defaultValue={p.unitId ?? ""}>
                      <option value="" disabled>
                        {t("org.unassigned")}
                      </option>
                      {regional.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="button button-small" disabled={busy}>
                      {t("common.save")}
                    </button>
                  </Form>
                  <FormError error={rowError("assign-project", "projectId", p.id)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h2>{t("org.staff")}</h2>
      <TableWrap label={t("org.staff")}>
        <table className="stats-table">
          <thead>
            <tr>
              <th scope="col">{t("org.person")}</th>
              <th scope="col">{t("org.worksIn")}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.displayName} <span className="muted">{t(`roles.${s.role}`)}</span>
                </th>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="staff-unit" />
                    <input type="hidden" name="userId" value={s.id} />
                    <label className="visually-hidden" htmlFor={`staff-unit-${s.id}`}>
                      {t("org.worksIn")}
                    </label>
                    <select id={`staff-unit-${s.id}`} name="unitId" defaultValue={s.unitId ?? 1}>
                      {units.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="button button-small" disabled={busy}>
                      {t("common.save")}
                    </button>
                  </Form>
                  <FormError error={rowError("staff-unit", "userId", s.id)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
