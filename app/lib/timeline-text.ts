// The words of a timeline event, shared by the thread page and its Atom feed.
import { authorLabel } from "./identity";

type T = (k: string, v?: Record<string, unknown>) => string;

export type EventWords = {
  kind: string;
  actorName: string | null;
  /** The actor's account was deleted: named by its label, never by its old name. */
  actorDeleted?: boolean;
  /** For staff: the account behind an owner's pseudonym. */
  actorAccountName?: string | null;
  fromValue?: string | null;
  toValue?: string | null;
};

/** Triage values are stored as codes; the timeline names them. */
function valueLabel(kind: string, v: string | null | undefined, t: T) {
  switch (kind) {
    case "set_severity":
      return v ? t(`triage.severities.${v}`) : t("triage.severityNone");
    case "set_complaintType":
      return v ? t(`types.${v}`) : "";
    case "set_validity":
      return v ? t(`triage.${v}`) : t("triage.validityNone");
    case "set_department":
      return v ? t(`triage.departments.${v}`) : t("triage.departmentNone");
    case "callback:from":
      return v ? t(`verdict.methods.${v}`) : "";
    case "callback:to":
      return v ? t(`verdict.outcomes.${v}`) : "";
    case "acknowledged":
    case "ack_breached":
    case "answer_breached":
    case "promise_breached":
      // Who was told, by name; events recorded before the organisation existed named no one.
      return v || t("holders.hq");
    default:
      return v ?? "";
  }
}

export function eventText(t: T, e: EventWords) {
  return t(`timeline.${e.kind}`, {
    name: authorLabel(t, { name: e.actorName, deleted: e.actorDeleted, accountName: e.actorAccountName }),
    to: valueLabel(e.kind === "callback" ? "callback:to" : e.kind, e.toValue, t),
    from: valueLabel(e.kind === "callback" ? "callback:from" : e.kind, e.fromValue, t),
  });
}
