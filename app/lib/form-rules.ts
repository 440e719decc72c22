// What forms share with the browser: the shapes of an action's answer and the owners' field
// limits. No zod here: the schemas (lib/validation.server.ts) stay on the server.

export type FieldErrors = Partial<Record<string, string>>;

/** What the user typed, field by field. */
export type FormValues = Record<string, string>;

/** An action's answer to a form it refused: errors next to the fields, and the input kept. */
export type ActionErrors = {
  errors: FieldErrors;
  values: FormValues;
  formError?: string;
  formErrorValues?: Record<string, string | number>;
  /** The values a field's message names (a file's name, a limit). */
  errorValues?: Partial<Record<string, Record<string, string | number>>>;
};

/**
 * A Chinese mobile (1[3-9] and nine digits) or landline (area code and number), written with
 * spaces or dashes as people do, with an optional +86 (after which a landline drops its 0).
 */
export function isChinesePhone(value: string): boolean {
  if (!/^\+?[\d\s-]+$/.test(value)) return false;
  const digits = value.replace(/[\s-]/g, "");
  const prefixed = /^(?:\+86|0086)/.exec(digits);
  const national = prefixed ? digits.slice(prefixed[0].length) : digits;
  if (national.startsWith("+")) return false;
  return /^1[3-9]\d{9}$/.test(national) || (prefixed ? /^0?[1-9]\d{8,10}$/ : /^0[1-9]\d{8,10}$/).test(national);
}

export const OWNER_FIELD_MAX = { building: 20, unit: 20, phone: 30, pseudonymMin: 2, pseudonymMax: 30, contractMin: 6, contractMax: 40 } as const;
