// Small helpers for actions: read a form, answer with errors next to the fields.
import { json, unstable_parseMultipartFormData as parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { z } from "zod";
import { consume, RateLimitedError, type LimitName } from "./rate-limit.server";
import { getEnv } from "./env.server";
import type { ActionErrors, FieldErrors, FormValues } from "./form-rules";
import { fieldErrors } from "./validation.server";

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

export type ReceivedFile = { filename: string; bytes: Buffer; tooLarge: boolean };

/** How many parts a form with files may have (text fields and files together). */
const MAX_PARTS = 300;

const tooLarge = () => new Response("Payload Too Large", { status: 413, statusText: "Payload Too Large" });

/**
 * A form that may carry up to `maxFiles` files in `fileField`: each file is read whole up to
 * `maxFileBytes` (past that only counted, and reported too large) and handed to `onFile` as
 * it arrives, one at a time, before the next is read; what `onFile` answers takes the file's
 * place in the form, and `onExtraFile` hears of each file past `maxFiles`, which is not read.
 * Text fields together keep the form limit (FORM_BODY_LIMIT), so a body sized for photos
 * holds no more text in memory than any other form: past it, the rest is read and dropped
 * (no file processed any more) and `onTextOverflow` is told, so that the page can say so.
 * Files in other fields are dropped unread. A failure in `onFile` is the server's (it is
 * thrown as it is), a body that does not parse a 400. An ordinary form reads as usual.
 */
export async function readFormWithFiles(
  request: Request,
  { field, maxFiles, maxFileBytes }: { field: string; maxFiles: number; maxFileBytes: number },
  onFile: (file: ReceivedFile) => Promise<string>,
  { onExtraFile = () => undefined, onTextOverflow = () => undefined }: { onExtraFile?: (filename: string) => void; onTextOverflow?: () => void } = {},
): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "multipart/form-data") return readFormData(request);
  let textBudget = getEnv().FORM_BODY_LIMIT;
  let parts = 0;
  let files = 0;
  let failure: { error: unknown } | null = null;
  let overflowed = false;
  const drain = async (data: AsyncIterable<Uint8Array>) => {
    for await (const _chunk of data);
  };
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (++parts > MAX_PARTS) throw tooLarge();
    if (filename === undefined) {
      const chunks: Buffer[] = [];
      for await (const chunk of data) {
        textBudget -= chunk.length;
        if (textBudget >= 0) chunks.push(Buffer.from(chunk));
      }
      if (textBudget < 0) {
        if (!overflowed) onTextOverflow();
        overflowed = true;
        return undefined;
      }
      return Buffer.concat(chunks).toString("utf8");
    }
    if (name !== field || overflowed) return drain(data).then(() => undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    if (files >= maxFiles) {
      await drain(data);
      if (filename !== "") onExtraFile(filename);
      return undefined;
    }
    // Past the limit the rest is still read (and dropped) so that the parts after it arrive.
    for await (const chunk of data) {
      size += chunk.length;
      if (size <= maxFileBytes) chunks.push(Buffer.from(chunk));
    }
    // An empty file input sends a part with no name and no bytes.
    if (filename === "" && size === 0) return undefined;
    files += 1;
    try {
      return await onFile({ filename, bytes: Buffer.concat(chunks), tooLarge: size > maxFileBytes });
    } catch (error) {
      failure = { error };
      throw error;
    }
  };
  try {
    return await parseMultipartFormData(request, handler);
  } catch (e) {
    if (failure) throw (failure as { error: unknown }).error;
    if (e instanceof Response) throw e;
    throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  }
}

// eslint-disable-next-line no-control-regex -- these are exactly what it is for
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** The text fields of a form as one value each (the last of repeated names), without control characters. */
export function formValues(form: FormData): FormValues {
  const out: FormValues = {};
  // Control characters but tab and line breaks are in no one's text: PostgreSQL refuses to store
  // NUL, XML (the feeds) refuses the others, and search marks its matches with two of them.
  for (const [key, value] of form) if (typeof value === "string") out[key] = value.replace(CONTROL_CHARACTERS, "");
  return out;
}

export async function readForm(request: Request): Promise<FormValues> {
  return formValues(await readFormData(request));
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
