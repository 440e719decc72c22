// The owner's page pieces: one card per project with the private record, its verification
// state and request form, and the form that adds a project. Plain forms; JS adds pending states.
import { Form, useNavigation } from "@remix-run/react";
import type { ActionErrors } from "~/lib/form-rules";
import { useSite } from "~/hooks/use-site";
import { FormError, SelectField, TextField } from "./fields";

export type OwnerRecordView = {
  projectId: number;
  projectName: string;
  building: string | null;
  unit: string | null;
  phone: string | null;
  purchaseDate: string | null;
  pseudonym: string | null;
  verifiedAt: number | null;
  verification: {
    state: "none" | "pending" | "approved" | "refused";
    request: { reason: string | null; contractLast4: string; requestedAt: number } | null;
  };
};

/** The action's answer belongs to the form of this intent and project, if any. */
function answerFor(result: ActionErrors | undefined, intent: string, projectId?: number) {
  if (!result || result.values.intent !== intent) return undefined;
  return projectId == null || result.values.projectId === String(projectId) ? result : undefined;
}

function Submit({ intent, projectId, label, busyLabel }: { intent: string; projectId?: number; label: string; busyLabel: string }) {
  const n = useNavigation();
  const busy = n.state === "submitting" && n.formData?.get("intent") === intent && (projectId == null || n.formData?.get("projectId") === String(projectId));
  return (
    <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy || undefined}>
      {busy ? busyLabel : label}
    </button>
  );
}

function Hidden({ intent, projectId }: { intent: string; projectId: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="projectId" value={projectId} />
    </>
  );
}

export function VerificationState({ record }: { record: OwnerRecordView }) {
  const { t, dateTime } = useSite();
  const { state, request } = record.verification;
  return (
    <p className={`owner-verification owner-verification-${state}`} role="status">
      {t("owners.statusLabel")}
      <strong>{t(`owners.status.${state}`, { reason: request?.reason ?? "" })}</strong>
      {state === "approved" && record.verifiedAt ? <span className="muted"> · {t("owners.verifiedOn", { at: dateTime(record.verifiedAt) })}</span> : null}
      {state === "pending" && request ? (
        <span className="muted"> · {t("owners.pendingSince", { at: dateTime(request.requestedAt), last4: request.contractLast4 })}</span>
      ) : null}
    </p>
  );
}

export function OwnerRecordCard({ record, result, saved }: { record: OwnerRecordView; result?: ActionErrors; saved: boolean }) {
  const { t } = useSite();
  const id = record.projectId;
  const save = answerFor(result, "save", id);
  const verify = answerFor(result, "request-verification", id);
  const value = (name: keyof OwnerRecordView) => save?.values[name] ?? (record[name] as string | null) ?? "";
  const canRequest = record.verification.state === "none" || record.verification.state === "refused";
  return (
    <section className="owner-record" id={`project-${id}`} aria-labelledby={`project-${id}-title`}>
      <h2 id={`project-${id}-title`}>{record.projectName}</h2>
      <VerificationState record={record} />
      {saved ? (
        <p className="notice" role="status">
          {t("owners.saved")}
        </p>
      ) : null}
      <Form method="post" noValidate className="grid-form">
        <Hidden intent="save" projectId={id} />
        <FormError error={save?.formError} />
        <TextField
          name="building"
          id={`building-${id}`}
          label={t("owners.building")}
          defaultValue={value("building")}
          error={save?.errors.building}
          maxLength={20}
        />
        <TextField name="unit" id={`unit-${id}`} label={t("owners.unit")} defaultValue={value("unit")} error={save?.errors.unit} maxLength={20} />
        <TextField
          name="phone"
          id={`phone-${id}`}
          type="tel"
          autoComplete="tel"
          label={t("owners.phone")}
          hint={t("owners.phoneHint")}
          defaultValue={value("phone")}
          error={save?.errors.phone}
          maxLength={30}
        />
        <TextField
          name="purchaseDate"
          id={`purchaseDate-${id}`}
          type="date"
          label={t("owners.purchaseDate")}
          defaultValue={value("purchaseDate")}
          error={save?.errors.purchaseDate}
        />
        <TextField
          name="pseudonym"
          id={`pseudonym-${id}`}
          label={t("owners.pseudonym")}
          hint={t("owners.pseudonymHint")}
          defaultValue={value("pseudonym")}
          error={save?.errors.pseudonym}
          maxLength={30}
        />
        <Submit intent="save" projectId={id} label={t("owners.save")} busyLabel={t("owners.saving")} />
      </Form>
      {canRequest ? (
        <Form method="post" noValidate className="grid-form">
          <h3>{t("owners.verifyTitle")}</h3>
          <Hidden intent="request-verification" projectId={id} />
          <FormError error={verify?.formError} />
          <TextField
            name="contractNumber"
            id={`contractNumber-${id}`}
            label={t("owners.contractNumber")}
            hint={t("owners.contractHint")}
            defaultValue={verify?.values.contractNumber}
            error={verify?.errors.contractNumber}
            autoComplete="off"
            maxLength={40}
            required
          />
          <Submit intent="request-verification" projectId={id} label={t("owners.verifySubmit")} busyLabel={t("owners.verifying")} />
        </Form>
      ) : null}
    </section>
  );
}

export function AddOwnerProject({ projects, result }: { projects: { id: number; name: string; city: string }[]; result?: ActionErrors }) {
  const { t } = useSite();
  const mine = answerFor(result, "add-project");
  return (
    <section className="staff-actions" aria-labelledby="add-project-title">
      <h2 id="add-project-title">{t("owners.addTitle")}</h2>
      {projects.length === 0 ? (
        <p className="muted">{t("owners.addNone")}</p>
      ) : (
        <Form method="post" noValidate className="inline-form">
          <input type="hidden" name="intent" value="add-project" />
          <FormError error={mine?.formError} />
          <SelectField
            name="projectId"
            id="add-projectId"
            label={t("owners.addProject")}
            placeholder=""
            options={projects.map((p) => ({ value: String(p.id), label: `${p.name} · ${p.city}` }))}
            defaultValue={mine?.values.projectId}
            error={mine?.errors.projectId}
            required
          />
          <Submit intent="add-project" label={t("owners.addSubmit")} busyLabel={t("owners.adding")} />
        </Form>
      )}
    </section>
  );
}
