// Form fields that show their error next to the input and keep what was typed.
import { useNavigation } from "@remix-run/react";
import { useRef, type ButtonHTMLAttributes, type ReactNode } from "react";
import { useSite } from "~/hooks/use-site";

type Common = {
  name: string;
  /** Needed when the same field name appears in several forms on one page. */
  id?: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
};

function describedBy(name: string, error?: string, hint?: ReactNode) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

function Extras({ id: name, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  const { t } = useSite();
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${name}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  type = "text",
  defaultValue,
  autoComplete,
  maxLength,
  ...c
}: Common & { type?: string; defaultValue?: string; autoComplete?: string; maxLength?: number }) {
  const id = c.id ?? c.name;
  return (
    <div className={`field${c.error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{c.label}</label>
      <input
        id={id}
        name={c.name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        maxLength={maxLength}
        required={c.required}
        aria-invalid={c.error ? true : undefined}
        aria-describedby={describedBy(id, c.error, c.hint)}
      />
      <Extras id={id} error={c.error} hint={c.hint} />
    </div>
  );
}

export function TextArea({ defaultValue, rows = 10, ...c }: Common & { defaultValue?: string; rows?: number }) {
  const id = c.id ?? c.name;
  return (
    <div className={`field${c.error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{c.label}</label>
      <textarea
        id={id}
        name={c.name}
        rows={rows}
        defaultValue={defaultValue}
        required={c.required}
        aria-invalid={c.error ? true : undefined}
        aria-describedby={describedBy(id, c.error, c.hint)}
      />
      <Extras id={id} error={c.error} hint={c.hint} />
    </div>
  );
}

export function SelectField({
  options,
  placeholder,
  defaultValue,
  ...c
}: Common & { options: { value: string; label: string }[]; placeholder?: string; defaultValue?: string }) {
  const id = c.id ?? c.name;
  return (
    <div className={`field${c.error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{c.label}</label>
      <select
        id={id}
        name={c.name}
        defaultValue={defaultValue ?? ""}
        required={c.required}
        aria-invalid={c.error ? true : undefined}
        aria-describedby={describedBy(id, c.error, c.hint)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Extras id={id} error={c.error} hint={c.hint} />
    </div>
  );
}

export function FormError({ error, values }: { error?: string; values?: Record<string, unknown> }) {
  const { t } = useSite();
  if (!error) return null;
  return (
    <div className="form-error" role="alert">
      {t(error, values)}
    </div>
  );
}

/** Hidden from people (and screen readers); bots that fill every field trip it. */
export function Honeypot() {
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor="website">Website</label>
      <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

/** Whether the submission under way is `form`'s: the same action, and the same hidden values (the intent, the ids). */
function isSubmitting(form: HTMLFormElement | null | undefined, formData: FormData | undefined, formAction: string | undefined) {
  if (!form || !formData) return false;
  if (formAction && new URL(form.action, window.location.href).pathname !== new URL(formAction, window.location.href).pathname) return false;
  for (const hidden of form.querySelectorAll<HTMLInputElement>('input[type="hidden"][name]')) if (formData.get(hidden.name) !== hidden.value) return false;
  return true;
}

/**
 * A submit button that says it is working while its own form is being sent, and not while
 * another form on the page is. It stays focusable (a disabled button would drop a keyboard
 * user's focus to the page) and ignores a second press meanwhile.
 */
export function SubmitButton({
  pending,
  children,
  className = "button",
  ...rest
}: { pending: string; children: ReactNode } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "children">) {
  const button = useRef<HTMLButtonElement>(null);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && isSubmitting(button.current?.form, navigation.formData, navigation.formAction);
  return (
    <button
      ref={button}
      type="submit"
      className={className}
      aria-disabled={busy || undefined}
      onClick={(e) => {
        if (busy) e.preventDefault();
      }}
      {...rest}
    >
      {busy ? pending : children}
    </button>
  );
}
