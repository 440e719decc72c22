// Small helpers for actions: read a form, answer with errors next to the fields.
import { json } from "@remix-run/node";
import type { z } from "zod";
import { consume, RateLimitedError, type LimitName } from "./rate-limit.server";
import { fieldErrors, type ActionErrors, type FieldErrors, type FormValues } from "./validation";

export type { ActionErrors, FormValues };

// What an HTML form sends; anything else (JSON, text/plain, no type at all) is not a form post.
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * The posted form, or a thrown 415 (not a form's content type) or 400 (a body that does not
 * parse), which the route's error page explains: malformed input is never a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(type)) throw new Response("Unsupported Media Type", { status: 415, statusText: "Unsupported Media Type" });
  try {
    return await request.formData();
  } catch {
    throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  }
}

export async function readForm(request: Request): Promise<FormValues> {
  const form = await readFormData(request);
  const out: FormValues = {};
  for (const [key, value] of form) if (typeof value === "string") out[key] = value;
  return out;
}

/** 400 with the field errors and what the user typed (passwords are never sent back). */
export function invalid(values: FormValues, errors: FieldErrors, formError = "errors.formHasErrors") {
  const { password: _password, ...kept } = values;
  return json<ActionErrors>({ errors, values: kept, formError }, { status: 400 });
}

export function parseForm<S extends z.ZodType>(schema: S, values: FormValues) {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true as const, data: result.data as z.infer<S> };
  return { ok: false as const, response: invalid(values, fieldErrors(result.error)) };
}

/** Counts an attempt; returns a 429 response to send when the limit is used up. */
export async function limitOrResponse(name: LimitName, key: string, values: FormValues) {
  try {
    await consume(name, key);
    return null;
  } catch (e) {
    if (!(e instanceof RateLimitedError)) throw e;
    const { password: _password, ...kept } = values;
    return json<ActionErrors>(
      {
        errors: {},
        values: kept,
        formError: "errors.rateLimited",
        formErrorValues: { minutes: Math.max(1, Math.ceil(e.retryAfterSeconds / 60)) },
      },
      { status: 429, headers: { "Retry-After": String(e.retryAfterSeconds) } },
    );
  }
}

export function parseId(value: string | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The honeypot: a field people never see or fill. Bots that fill every field give themselves away. */
export const HONEYPOT_FIELD = "website";
export function honeypotResponse(values: FormValues) {
  if (!values[HONEYPOT_FIELD]) return null;
  const { password: _password, [HONEYPOT_FIELD]: _hp, ...kept } = values;
  return json<ActionErrors>({ errors: {}, values: kept, formError: "errors.honeypot" }, { status: 400 });
}
