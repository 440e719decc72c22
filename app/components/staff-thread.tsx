// Pieces of the staff view of a thread: triage form, internal notes, moderation controls.
import { Form, useNavigation } from "@remix-run/react";
import { CALLBACK_METHODS, CALLBACK_OUTCOMES } from "~/lib/domain";
import { COMPLAINT_TYPES, DEPARTMENTS, SEVERITIES } from "~/lib/domain";
import type { ActionErrors } from "~/lib/form-rules";
import { useSite } from "~/hooks/use-site";
import { FormError, SelectField, TextArea, TextField } from "./fields";

export type StaffResult = ActionErrors & { intent?: string; postId?: string; contact?: { building: string | null; unit: string | null; phone: string | null } };

function Intent({ value }: { value: string }) {
  return <input type="hidden" name="intent" value={value} />;
}

function Submit({ intent, children, primary }: { intent: string; children: string; primary?: boolean }) {
  const n = useNavigation();
  const busy = n.state === "submitting" && n.formData?.get("intent") === intent;
  return (
    <button type="submit" className={primary ? "button button-primary" : "button"} disabled={busy} aria-busy={busy || undefined}>
      {children}
    </button>
  );
}

type Triage = {
  complaintType: string;
  severity: number | null;
  validity: string | null;
  invalidReason: string | null;
  department: string | null;
  assigneeId: string | null;
};

export function TriageForm({ thread, staff, result }: { thread: Triage; staff: { id: string; displayName: string }[]; result?: StaffResult }) {
  const { t } = useSite();
  const mine = result?.intent === "triage" ? result : undefined;
  const v = mine?.values;
  return (
    <section className="staff-actions" aria-labelledby="triage-title">
      <h2 id="triage-title">{t("triage.title")}</h2>
      <Form method="post" noValidate className="grid-form">
        <Intent value="triage" />
        <FormError error={mine?.formError} />
        <SelectField
          name="complaintType"
          label={t("triage.type")}
          options={COMPLAINT_TYPES.map((c) => ({ value: c, label: t(`types.${c}`) }))}
          defaultValue={v?.complaintType ?? thread.complaintType}
          error={mine?.errors.complaintType}
        />
        <SelectField
          name="severity"
          label={t("triage.severity")}
          placeholder={t("triage.severityNone")}
          options={SEVERITIES.map((s) => ({ value: String(s), label: `${s} · ${t(`triage.severities.${s}`)}` }))}
          defaultValue={v?.severity ?? (thread.severity ? String(thread.severity) : "")}
          error={mine?.errors.severity}
        />
        <SelectField
          name="validity"
          label={t("triage.validity")}
          placeholder={t("triage.validityNone")}
          options={[
            { value: "valid", label: t("triage.valid") },
            { value: "invalid", label: t("triage.invalid") },
          ]}
          defaultValue={v?.validity ?? thread.validity ?? ""}
          error={mine?.errors.validity}
        />
        <TextField
          name="invalidReason"
          label={t("triage.invalidReason")}
          defaultValue={v?.invalidReason ?? thread.invalidReason ?? ""}
          error={mine?.errors.invalidReason}
        />
        <SelectField
          name="department"
          label={t("triage.department")}
          placeholder={t("triage.departmentNone")}
          options={DEPARTMENTS.map((d) => ({ value: d, label: t(`triage.departments.${d}`) }))}
          defaultValue={v?.department ?? thread.department ?? ""}
        />
        <SelectField
          name="assigneeId"
          label={t("triage.assignee")}
          placeholder={t("triage.assigneeNone")}
          options={staff.map((s) => ({ value: s.id, label: s.displayName }))}
          defaultValue={v?.assigneeId ?? thread.assigneeId ?? ""}
          error={mine?.errors.assigneeId}
        />
        <Submit intent="triage" primary>
          {t("triage.save")}
        </Submit>
      </Form>
    </section>
  );
}

export function InternalNotes({ notes, result }: { notes: { id: number; body: string; createdAt: number; authorName: string }[]; result?: StaffResult }) {
  const { t, dateTime } = useSite();
  const mine = result?.intent === "note" ? result : undefined;
  return (
    <section className="internal-notes" aria-labelledby="notes-title">
      <h2 id="notes-title">{t("moderation.notesTitle")}</h2>
      <p className="field-hint">{t("moderation.notesHint")}</p>
      {notes.length === 0 ? <p className="muted">{t("moderation.noNotes")}</p> : null}
      <ul>
        {notes.map((n) => (
          <li key={n.id}>
            <strong>{n.authorName}</strong> <span className="muted">{dateTime(n.createdAt)}</span>
            <p className="note-body">{n.body}</p>
          </li>
        ))}
      </ul>
      <Form method="post" noValidate>
        <Intent value="note" />
        <TextArea name="body" label={t("moderation.noteLabel")} rows={3} defaultValue={mine?.values.body} error={mine?.errors.body} />
        <Submit intent="note">{t("moderation.addNote")}</Submit>
      </Form>
    </section>
  );
}

export function ThreadModeration({
  hidden,
  locked,
  merged,
  canUnmerge,
  result,
}: {
  hidden: boolean;
  locked: boolean;
  merged: boolean;
  canUnmerge: boolean;
  result?: StaffResult;
}) {
  const { t } = useSite();
  const mine = (intent: string) => (result?.intent === intent ? result : undefined);
  return (
    <section className="staff-actions" aria-labelledby="moderation-title">
      <h2 id="moderation-title">{t("moderation.staffView")}</h2>
      {hidden ? (
        <Form method="post">
          <Intent value="restore-thread" />
          <Submit intent="restore-thread">{t("moderation.restoreThread")}</Submit>
        </Form>
      ) : (
        <Form method="post" noValidate className="inline-form">
          <Intent value="hide-thread" />
          <TextField
            name="reason"
            id="hide-thread-reason"
            label={t("moderation.reason")}
            defaultValue={mine("hide-thread")?.values.reason}
            error={mine("hide-thread")?.errors.reason}
          />
          <Submit intent="hide-thread">{t("moderation.hideThread")}</Submit>
        </Form>
      )}
      {locked ? (
        <Form method="post">
          <Intent value="unlock" />
          <Submit intent="unlock">{t("moderation.unlock")}</Submit>
        </Form>
      ) : (
        <Form method="post" noValidate className="inline-form">
          <Intent value="lock" />
          <TextField
            name="reason"
            id="lock-reason"
            label={t("moderation.lockReason")}
            defaultValue={mine("lock")?.values.reason}
            error={mine("lock")?.errors.reason}
          />
          <Submit intent="lock">{t("moderation.lock")}</Submit>
        </Form>
      )}
      {merged ? (
        canUnmerge ? (
          <Form method="post" noValidate className="inline-form">
            <Intent value="unmerge" />
            <FormError error={mine("unmerge")?.formError} />
            <TextField
              name="reason"
              id="unmerge-reason"
              label={t("moderation.unmergeReason")}
              defaultValue={mine("unmerge")?.values.reason}
              error={mine("unmerge")?.errors.reason}
            />
            <Submit intent="unmerge">{t("moderation.unmerge")}</Submit>
          </Form>
        ) : null
      ) : (
        <Form method="post" noValidate className="inline-form">
          <Intent value="merge" />
          <FormError error={mine("merge")?.formError} />
          <TextField
            name="targetId"
            label={t("moderation.mergeTarget")}
            hint={t("moderation.mergeHint")}
            defaultValue={mine("merge")?.values.targetId}
            error={mine("merge")?.errors.targetId}
          />
          <TextField
            name="reason"
            id="merge-reason"
            label={t("moderation.mergeReason")}
            defaultValue={mine("merge")?.values.reason}
            error={mine("merge")?.errors.reason}
          />
          <Submit intent="merge">{t("moderation.merge")}</Submit>
        </Form>
      )}
    </section>
  );
}

export function PostModeration({ postId, hidden, result }: { postId: number; hidden: boolean; result?: StaffResult }) {
  const { t } = useSite();
  const mine = result?.postId === String(postId) ? result : undefined;
  return hidden ? (
    <Form method="post" className="inline-form">
      <Intent value="restore-post" />
      <input type="hidden" name="postId" value={postId} />
      <Submit intent="restore-post">{t("moderation.restorePost")}</Submit>
    </Form>
  ) : (
    <Form method="post" noValidate className="inline-form">
      <Intent value="hide-post" />
      <input type="hidden" name="postId" value={postId} />
      <TextField
        name="reason"
        id={`hide-post-reason-${postId}`}
        label={t("moderation.reason")}
        defaultValue={mine?.values.reason}
        error={mine?.errors.reason}
      />
      <Submit intent="hide-post">{t("moderation.hidePost")}</Submit>
    </Form>
  );
}

export function CallbackForm({ due, result }: { due: boolean; result?: StaffResult }) {
  const { t } = useSite();
  const mine = result?.intent === "callback" ? result : undefined;
  return (
    <section className="staff-actions" aria-labelledby="callback-title">
      <h2 id="callback-title">{t("verdict.callbackTitle")}</h2>
      {due ? (
        <Form method="post" noValidate className="grid-form">
          <Intent value="callback" />
          <FormError error={mine?.formError} />
          <TextField
            name="calledAt"
            type="date"
            label={t("verdict.callbackDate")}
            defaultValue={mine?.values.calledAt}
            error={mine?.errors.calledAt}
            required
          />
          <SelectField
            name="method"
            label={t("verdict.callbackMethod")}
            placeholder=""
            options={CALLBACK_METHODS.map((m) => ({ value: m, label: t(`verdict.methods.${m}`) }))}
            defaultValue={mine?.values.method}
            error={mine?.errors.method}
            required
          />
          <SelectField
            name="outcome"
            label={t("verdict.callbackOutcome")}
            placeholder=""
            options={CALLBACK_OUTCOMES.map((o) => ({ value: o, label: t(`verdict.outcomes.${o}`) }))}
            defaultValue={mine?.values.outcome}
            error={mine?.errors.outcome}
            required
          />
          <TextArea name="note" label={t("verdict.callbackNote")} rows={2} defaultValue={mine?.values.note} error={mine?.errors.note} />
          <label className="checkbox">
            <input type="checkbox" name="isPublic" value="1" defaultChecked={mine?.values.isPublic === "1"} /> {t("verdict.callbackPublic")}
          </label>
          <Submit intent="callback">{t("verdict.callbackSave")}</Submit>
        </Form>
      ) : (
        <p className="muted">{t("verdict.callbackOnlyResolved")}</p>
      )}
    </section>
  );
}

type OwnerStanding = { hasRecord: boolean; verifiedAt: number | null; registerSignedOn: string | null; pending: boolean };

/**
 * The author's record in the thread's project: its state, the contact shown only when staff
 * ask for it (each time in the audit log), and the register signature.
 */
export function AuthorRecord({ owner, result }: { owner: OwnerStanding; result?: StaffResult }) {
  const { t, dateTime, day } = useSite();
  const mine = (intent: string) => (result?.intent === intent ? result : undefined);
  const contact = mine("reveal-contact")?.contact;
  const sign = mine("sign-register");
  const given = (v: string | null) => v || t("owners.notGiven");
  return (
    <section className="staff-actions" aria-labelledby="author-record-title">
      <h2 id="author-record-title">{t("owners.staffTitle")}</h2>
      <p>
        {owner.hasRecord ? t("owners.hasRecord") : t("owners.noRecord")}
        {owner.hasRecord ? " · " : null}
        {owner.verifiedAt ? t("owners.verified", { at: dateTime(owner.verifiedAt) }) : owner.hasRecord ? t("owners.notVerified") : null}
        {owner.pending ? ` · ${t("owners.pending")}` : null}
      </p>
      {owner.hasRecord ? (
        <Form method="post" className="inline-form">
          <Intent value="reveal-contact" />
          <FormError error={mine("reveal-contact")?.formError} />
          <Submit intent="reveal-contact">{t("owners.reveal")}</Submit>
          <p className="field-hint">{t("owners.revealHint")}</p>
        </Form>
      ) : null}
      {contact ? (
        <dl className="owner-contact" aria-label={t("owners.contactTitle")}>
          <dt>{t("owners.building")}</dt>
          <dd>{given(contact.building)}</dd>
          <dt>{t("owners.unit")}</dt>
          <dd>{given(contact.unit)}</dd>
          <dt>{t("owners.phone")}</dt>
          <dd>{contact.phone ? <a href={`tel:${contact.phone.replace(/[\s-]/g, "")}`}>{contact.phone}</a> : t("owners.notGiven")}</dd>
        </dl>
      ) : null}
      <h3>{t("owners.registerTitle")}</h3>
      <p className="muted">{owner.registerSignedOn ? t("owners.registerOn", { date: day(owner.registerSignedOn) }) : t("owners.registerNone")}</p>
      <Form method="post" noValidate className="inline-form">
        <Intent value="sign-register" />
        <FormError error={sign?.formError} />
        <label className="checkbox">
          <input type="checkbox" name="signed" value="1" defaultChecked={sign ? sign.values.signed === "1" : owner.registerSignedOn != null} />{" "}
          {t("owners.registerSigned")}
        </label>
        <TextField
          name="signedOn"
          type="date"
          label={t("owners.registerDate")}
          defaultValue={sign?.values.signedOn ?? owner.registerSignedOn ?? ""}
          error={sign?.errors.signedOn}
        />
        <Submit intent="sign-register">{t("owners.registerSave")}</Submit>
      </Form>
    </section>
  );
}
