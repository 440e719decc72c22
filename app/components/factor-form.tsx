// The staff form for a nearby factor (new draft, or editing a draft).
import { Form } from "@remix-run/react";
import { DIRECTIONS, FACTOR_TYPES } from "~/lib/disclosure";
import type { ActionErrors } from "~/lib/form-rules";
import { useSite } from "~/hooks/use-site";
import { FormError, SelectField, SubmitButton, TextArea, TextField } from "./fields";

type Values = Partial<Record<"factorType" | "title" | "impact" | "direction" | "distanceM" | "mitigation" | "sourceNote", string | number | null>>;

export function FactorForm({
  intent,
  initial,
  result,
  submitLabel,
}: {
  intent: string;
  initial?: Values;
  result?: ActionErrors & { intent?: string };
  submitLabel: string;
}) {
  const { t } = useSite();
  const mine = result?.intent === intent ? result : undefined;
  const v = (k: keyof Values) => mine?.values[k] ?? (initial?.[k] != null ? String(initial[k]) : undefined);
  return (
    <Form method="post" noValidate className="grid-form">
      <input type="hidden" name="intent" value={intent} />
      <FormError error={mine?.formError} />
      <SelectField
        name="factorType"
        label={t("disclosure.form.factorType")}
        placeholder=""
        options={FACTOR_TYPES.map((x) => ({ value: x, label: t(`disclosure.types.${x}`) }))}
        defaultValue={v("factorType")}
        error={mine?.errors.factorType}
        required
      />
      <TextField name="title" label={t("disclosure.form.title")} defaultValue={v("title")} error={mine?.errors.title} required />
      <SelectField
        name="direction"
        label={t("disclosure.form.direction")}
        placeholder=""
        options={DIRECTIONS.map((d) => ({ value: d, label: t(`disclosure.directions.${d}`) }))}
        defaultValue={v("direction")}
        error={mine?.errors.direction}
        required
      />
      <TextField
        name="distanceM"
        type="number"
        label={t("disclosure.form.distanceM")}
        hint={t("disclosure.form.distanceHint")}
        defaultValue={v("distanceM")}
        error={mine?.errors.distanceM}
        required
      />
      <TextArea name="impact" label={t("disclosure.form.impact")} rows={3} defaultValue={v("impact")} error={mine?.errors.impact} required />
      <TextArea name="mitigation" label={t("disclosure.form.mitigation")} rows={2} defaultValue={v("mitigation")} error={mine?.errors.mitigation} />
      <TextArea name="sourceNote" label={t("disclosure.form.sourceNote")} rows={2} defaultValue={v("sourceNote")} error={mine?.errors.sourceNote} />
      <SubmitButton className="button button-primary" pending={t("common.saving")}>
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
