// One zod schema per form. Messages are locale keys (errors.*), translated where shown.
import { z } from "zod";
import { BODY_MAX, COMPLAINT_TYPES, DISPLAY_NAME_MAX, PASSWORD_MIN, TITLE_MAX } from "./domain";

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

export const registerSchema = z.object({
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.string({ error: "errors.required" }).min(1, "errors.required").max(254, "errors.emailInvalid").pipe(z.email("errors.emailInvalid")),
  ),
  displayName: z.preprocess(
    trimmed,
    z.string({ error: "errors.required" }).min(1, "errors.required").max(DISPLAY_NAME_MAX, "errors.displayNameTooLong"),
  ),
  password: z
    .string({ error: "errors.required" })
    .min(PASSWORD_MIN, "errors.passwordTooShort")
    .max(256, "errors.passwordTooLong"),
});

export const loginSchema = z.object({
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.string({ error: "errors.required" }).min(1, "errors.required"),
  ),
  password: z.string({ error: "errors.required" }).min(1, "errors.required"),
});

const body = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/\r\n/g, "\n") : v),
  z
    .string({ error: "errors.required" })
    .refine((s) => s.trim().length > 0, "errors.required")
    .refine((s) => s.length <= BODY_MAX, "errors.bodyTooLong"),
);

export const threadSchema = z.object({
  projectId: z.coerce.number({ error: "errors.projectRequired" }).int("errors.projectRequired").positive("errors.projectRequired"),
  complaintType: z.enum(COMPLAINT_TYPES, { error: "errors.typeRequired" }),
  title: z.preprocess(
    trimmed,
    z.string({ error: "errors.required" }).min(1, "errors.required").max(TITLE_MAX, "errors.titleTooLong"),
  ),
  body,
});

export const replySchema = z.object({ body });
export const editPostSchema = z.object({ body });

export type FieldErrors = Partial<Record<string, string>>;

/** First message per field, for showing next to each input. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    if (!out[key]) out[key] = issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  return out;
}

export const acknowledgeSchema = z.object({
  note: z.preprocess(trimmed, z.string().max(500, "errors.noteTooLong").optional()),
});

export const officialReplySchema = z.object({
  body: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\r\n/g, "\n") : v),
    z
      .string({ error: "errors.required" })
      .refine((s) => s.trim().length >= 20, "errors.officialTooShort")
      .refine((s) => s.length <= BODY_MAX, "errors.bodyTooLong"),
  ),
});

export const reopenSchema = z.object({ comment: body });
