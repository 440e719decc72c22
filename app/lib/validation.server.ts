// One zod schema per form. Messages are locale keys (errors.*), translated where shown.
// Server-only: zod and its locales would otherwise ride into every page's bundle with the routes.
import { z } from "zod";
import { DIRECTIONS, FACTOR_TYPES } from "./disclosure";
import { isChinesePhone, OWNER_FIELD_MAX, type FieldErrors } from "./form-rules";
import { i18nFor, LOCALES } from "./i18n";
import {
  BODY_MAX,
  CALLBACK_METHODS,
  CALLBACK_OUTCOMES,
  COMPLAINT_TYPES,
  DEPARTMENTS,
  DISPLAY_NAME_MAX,
  FLAG_REASONS,
  NOTE_MAX,
  OFFICIAL_KINDS,
  PASSWORD_MIN,
  REASON_MAX,
  TITLE_MAX,
} from "./domain";

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

// Words that would make an owner's public name (display name or pseudonym) pass for staff, for
// the site's own labels (a deleted account, a verified owner's badge), or for the company.
const STAFF_WORDS = [
  "官方",
  "客服",
  "管理员",
  "版主",
  "工作人员",
  "总部",
  "澄湾",
  "注销",
  "认证",
  "admin",
  "staff",
  "official",
  "moderator",
  "deleted",
  "verified",
];
const LATIN_STAFF_WORDS = STAFF_WORDS.filter((w) => /^[a-z]+$/.test(w));
const CJK_STAFF_WORDS = STAFF_WORDS.filter((w) => !/^[a-z]+$/.test(w));
/**
 * Whether a public name holds one of those words, written in full width or not. A Chinese word
 * counts however it is spaced or dotted ("客 服"); a Latin one only as a word of its own
 * ("Site-Staff", "ADMIN 2"), so that "Stafford" and "Padmini" are names like any other.
 */
const soundsLikeStaff = (s: string) => {
  const folded = s.normalize("NFKC").toLowerCase();
  const joined = folded.replace(/[\s·._-]/g, "");
  if (CJK_STAFF_WORDS.some((w) => joined.includes(w))) return true;
  // Words apart at any other character, and where a capital starts one ("SiteAdmin").
  const words = new Set(
    s
      .normalize("NFKC")
      .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
      .toLowerCase()
      .split(/[^\p{L}]+/u),
  );
  return LATIN_STAFF_WORDS.some((w) => words.has(w));
};
/** Invisible format characters (a zero-width space in "客\u200b服") would slip past the words. */
const withoutFormatCharacters = (v: unknown) => (typeof v === "string" ? v.replace(/\p{Cf}/gu, "") : v);

export const registerSchema = z.object({
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.string({ error: "errors.required" }).min(1, "errors.required").max(254, "errors.emailInvalid").pipe(z.email("errors.emailInvalid")),
  ),
  displayName: z.preprocess(
    (v) => trimmed(withoutFormatCharacters(v)),
    z
      .string({ error: "errors.required" })
      .min(1, "errors.required")
      .max(DISPLAY_NAME_MAX, "errors.displayNameTooLong")
      .refine((s) => !soundsLikeStaff(s), "errors.displayNameReserved"),
  ),
  password: z.string({ error: "errors.required" }).min(PASSWORD_MIN, "errors.passwordTooShort").max(256, "errors.passwordTooLong"),
});

export const changePasswordSchema = z.object({ password: registerSchema.shape.password });

export const forgotPasswordSchema = z.object({ email: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.email("errors.emailInvalid")) });

export const resetPasswordSchema = z.object({ token: z.string().min(1), password: registerSchema.shape.password });

// The word each language asks for ("注销", "DELETE"): either is accepted, whatever the page's language.
const CONFIRM_WORDS = new Set(LOCALES.map((l) => i18nFor(l).t("myData.deleteWord").toUpperCase()));

export const deleteAccountSchema = z.object({
  password: z.string({ error: "errors.required" }).min(1, "errors.required"),
  confirm: z.string({ error: "myData.deleteConfirmMismatch" }).refine((typed) => CONFIRM_WORDS.has(typed.trim().toUpperCase()), "myData.deleteConfirmMismatch"),
  removePhotos: z.literal("1").optional(),
});

export const loginSchema = z.object({
  email: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.string({ error: "errors.required" }).min(1, "errors.required")),
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
  title: z.preprocess(trimmed, z.string({ error: "errors.required" }).min(1, "errors.required").max(TITLE_MAX, "errors.titleTooLong")),
  body,
  relatedFactorId: z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable()),
});

export const replySchema = z.object({ body });
export const editPostSchema = z.object({ body });

/** First message per field, for showing next to each input. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    if (!out[key]) out[key] = /^(errors|triage|moderation|disclosure|verdict|actions|org)\./.test(issue.message) ? issue.message : "errors.invalid";
  }
  return out;
}

export const acknowledgeSchema = z.object({
  note: z.preprocess(trimmed, z.string().max(500, "errors.noteTooLong").optional()),
});

const officialBody = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/\r\n/g, "\n") : v),
  z
    .string({ error: "errors.required" })
    .refine((s) => s.trim().length >= 20, "errors.officialTooShort")
    .refine((s) => s.length <= BODY_MAX, "errors.bodyTooLong"),
);

/**
 * An official post: a progress note, or a solution that is done or promises a date. The
 * date must be a real one; whether it is in the future is the model's to say (it knows now).
 */
export const officialSchema = z
  .object({
    kind: z.enum(OFFICIAL_KINDS, { error: "actions.kindRequired" }),
    body: officialBody,
    delivery: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.enum(["done", "date"]).optional()),
    promisedDate: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.iso.date({ error: "actions.promisedDateInvalid" }).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "solution") return;
    if (!v.delivery) ctx.addIssue({ code: "custom", path: ["delivery"], message: "actions.deliveryRequired" });
    else if (v.delivery === "date" && !v.promisedDate) ctx.addIssue({ code: "custom", path: ["promisedDate"], message: "actions.promisedDateRequired" });
  })
  .transform((v) => ({ kind: v.kind, body: v.body, promisedDate: v.kind === "solution" && v.delivery === "date" ? (v.promisedDate ?? null) : null }));

export const keepPromiseSchema = z.object({
  note: z.preprocess(trimmed, z.string({ error: "actions.keptNoteRequired" }).min(1, "actions.keptNoteRequired").max(2000, "errors.tooLong")),
});

export const reopenSchema = z.object({ comment: body, notDelivered: z.preprocess((v) => v === "1", z.boolean()) });

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" || v == null ? null : v), z.enum(values).nullable());

export const triageSchema = z
  .object({
    complaintType: z.enum(COMPLAINT_TYPES, { error: "errors.typeRequired" }),
    severity: z.preprocess((v) => (v === "" || v == null ? null : Number(v)), z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable()),
    validity: optionalChoice(["valid", "invalid"] as const),
    invalidReason: z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim() : null), z.string().max(REASON_MAX, "errors.reasonTooLong").nullable()),
    department: optionalChoice(DEPARTMENTS),
    assigneeId: z.preprocess((v) => (v === "" || v == null ? null : v), z.string().nullable()),
  })
  .superRefine((v, ctx) => {
    if (v.validity === "invalid" && !v.invalidReason) ctx.addIssue({ code: "custom", path: ["invalidReason"], message: "triage.invalidReasonRequired" });
  });

/** A public reason for hiding or locking. */
export const reasonSchema = z.object({
  reason: z.preprocess(trimmed, z.string({ error: "moderation.reasonRequired" }).min(1, "moderation.reasonRequired").max(REASON_MAX, "errors.reasonTooLong")),
});

export const noteSchema = z.object({
  body: z.preprocess(trimmed, z.string({ error: "errors.required" }).min(1, "errors.required").max(NOTE_MAX, "errors.bodyTooLong")),
});

export const mergeSchema = z.object({
  targetId: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/^#/, "").trim() : v),
    z.coerce.number({ error: "moderation.mergeInvalid" }).int("moderation.mergeInvalid").positive("moderation.mergeInvalid"),
  ),
  reason: reasonSchema.shape.reason,
});

export const flagSchema = z.object({ reason: z.enum(FLAG_REASONS, { error: "errors.invalid" }), postId: z.coerce.number().int().positive() });

/** A reader's flag on a photo (its reason only: the photo is in the path). */
export const photoFlagSchema = z.object({ reason: z.enum(FLAG_REASONS) });

/** Staff's decision on a flagged post. */
export const flagDecisionSchema = z.object({
  postId: z.coerce.number().int().positive(),
  decision: z.enum(["kept", "hidden"]),
  reason: z.string().trim().max(REASON_MAX, "errors.reasonTooLong").optional(),
});

/** An admin's change to a user: staff or not, banned or not. Each form names its intent. */
export const userChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("role"), userId: z.string().min(1), makeStaff: z.enum(["1", "0"]) }),
  z.object({ intent: z.literal("ban"), userId: z.string().min(1), reason: z.string().trim().max(200).optional() }),
  z.object({ intent: z.literal("unban"), userId: z.string().min(1) }),
]);

/** A retry of one failed message, or of all of them. */
export const retryMailSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("retry-all") }),
]);

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim() : null), z.string().max(max, "errors.tooLong").nullable());

export const factorSchema = z.object({
  factorType: z.enum(FACTOR_TYPES, { error: "disclosure.errors.typeRequired" }),
  title: z.preprocess(trimmed, z.string({ error: "errors.required" }).min(1, "errors.required").max(TITLE_MAX, "errors.titleTooLong")),
  impact: z.preprocess(trimmed, z.string({ error: "errors.required" }).min(1, "errors.required").max(1000, "errors.tooLong")),
  direction: z.enum(DIRECTIONS, { error: "disclosure.errors.directionRequired" }),
  distanceM: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.coerce
      .number({ error: "disclosure.errors.distance" })
      .int("disclosure.errors.distance")
      .min(0, "disclosure.errors.distance")
      .max(100_000, "disclosure.errors.distance"),
  ),
  mitigation: optionalText(1000),
  sourceNote: optionalText(1000),
});

export const withdrawSchema = z.object({
  reason: z.preprocess(trimmed, z.string({ error: "moderation.reasonRequired" }).min(1, "moderation.reasonRequired").max(REASON_MAX, "errors.reasonTooLong")),
});

const score = z.coerce
  .number({ error: "verdict.ratingRequired" })
  .int("verdict.ratingRequired")
  .min(1, "verdict.ratingRequired")
  .max(5, "verdict.ratingRequired");

export const resolveSchema = z.object({
  overall: score,
  attitude: score,
  speed: score,
  result: score,
  comment: optionalText(1000),
});

export const callbackSchema = z.object({
  calledAt: z.preprocess((v) => (typeof v === "string" && v ? v : undefined), z.iso.date({ error: "verdict.dateRequired" })),
  method: z.enum(CALLBACK_METHODS, { error: "verdict.methodRequired" }),
  outcome: z.enum(CALLBACK_OUTCOMES, { error: "verdict.outcomeRequired" }),
  note: optionalText(1000),
  isPublic: z.preprocess((v) => v === "1" || v === "on", z.boolean()),
});

const id = z.coerce.number({ error: "errors.invalid" }).int("errors.invalid").positive("errors.invalid");
const unitName = z.preprocess(trimmed, z.string({ error: "errors.required" }).min(1, "errors.required").max(40, "errors.tooLong"));

export const newUnitSchema = z.object({
  name: unitName,
  slug: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.string({ error: "errors.required" }).regex(/^[a-z0-9][a-z0-9-]{1,30}$/, "org.slugInvalid"),
  ),
});
export const renameUnitSchema = z.object({ unitId: id, name: unitName });

/** One address a line (or separated by commas); each must be an address. */
const addressList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,;]+/).filter(Boolean) : []),
  z.array(z.email("org.addressInvalid")).max(20, "errors.tooLong"),
);
export const recipientsSchema = z.object({ unitId: id, reports: addressList, escalations: addressList, briefings: addressList });
export const assignProjectSchema = z.object({ projectId: id, unitId: id });
export const staffUnitSchema = z.object({ userId: z.string().min(1), unitId: id });

// ---------------------------------------------------------------- owners' private records

const codePoints = (s: string) => [...s].length;
/** Empty means "not given": stored as null, so that an owner can clear a field. */
const givenOrNull = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().replace(/\s+/g, " ") : null);

/** Whether a purchase date is in the past or today is the model's to say: it knows now. */
export const ownerRecordSchema = z.object({
  building: z.preprocess(givenOrNull, z.string().max(OWNER_FIELD_MAX.building, "errors.tooLong").nullable()),
  unit: z.preprocess(givenOrNull, z.string().max(OWNER_FIELD_MAX.unit, "errors.tooLong").nullable()),
  phone: z.preprocess(givenOrNull, z.string().max(OWNER_FIELD_MAX.phone, "owners.errors.phone").refine(isChinesePhone, "owners.errors.phone").nullable()),
  purchaseDate: z.preprocess(givenOrNull, z.iso.date({ error: "owners.errors.purchaseDate" }).nullable()),
  pseudonym: z.preprocess(
    (v) => givenOrNull(withoutFormatCharacters(v)),
    z
      .string()
      .refine((s) => codePoints(s) >= OWNER_FIELD_MAX.pseudonymMin && codePoints(s) <= OWNER_FIELD_MAX.pseudonymMax, "owners.errors.pseudonymLength")
      .refine((s) => !soundsLikeStaff(s), "owners.errors.pseudonymReserved")
      .nullable(),
  ),
});

export const addOwnerProjectSchema = z.object({
  projectId: z.coerce.number({ error: "errors.projectRequired" }).int("errors.projectRequired").positive("errors.projectRequired"),
});

export const verificationRequestSchema = z.object({
  contractNumber: z.preprocess(
    trimmed,
    z
      .string({ error: "errors.required" })
      .min(1, "errors.required")
      .refine((s) => codePoints(s) >= OWNER_FIELD_MAX.contractMin && codePoints(s) <= OWNER_FIELD_MAX.contractMax, "owners.errors.contractLength"),
  ),
});

/** Staff record the buyer's signature of the register's print view: ticked with a date, or unticked to take it back. */
export const registerSignedSchema = z
  .object({
    signed: z.preprocess((v) => v === "1" || v === "on", z.boolean()),
    signedOn: z.preprocess((v) => (typeof v === "string" && v ? v : null), z.iso.date({ error: "owners.errors.registerDate" }).nullable()),
  })
  .superRefine((v, ctx) => {
    if (v.signed && !v.signedOn) ctx.addIssue({ code: "custom", path: ["signedOn"], message: "owners.errors.registerDate" });
  })
  .transform((v) => ({ signedOn: v.signed ? v.signedOn : null }));

/** Field errors for the owners' forms, whose messages are errors.* or owners.* keys. */
export function ownerFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    if (!out[key]) out[key] = /^(errors|owners)\./.test(issue.message) ? issue.message : "errors.invalid";
  }
  return out;
}
