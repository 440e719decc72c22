// Domain vocabulary shared by server and browser. Labels live in app/locales.

/** The six complaint types of the complaint-handling procedure (投诉类型). */
export const COMPLAINT_TYPES = ["quality", "design", "sales", "property", "service", "other"] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

/**
 * A thread's status follows the company's promise: awaiting acknowledgement; acknowledged
 * (reported to headquarters); answered (a solution promised for a date); resolved (the
 * solution delivered, the call-back due); closed (结案: a satisfied call-back or the author's
 * confirmation); reopened (not solved, or not delivered); merged into a duplicate.
 */
export const THREAD_STATUSES = ["awaiting_ack", "acknowledged", "answered", "resolved", "closed", "reopened", "merged"] as const;
/** Statuses of complaints still waiting on the company or the author. */
export const OPEN_STATUSES = ["awaiting_ack", "acknowledged", "answered", "resolved", "reopened"] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export const ROLES = ["owner", "staff", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const TITLE_MAX = 80;
export const BODY_MAX = 20_000;
export const DISPLAY_NAME_MAX = 40;
export const PASSWORD_MIN = 8;
/** Authors may edit a post for this long after posting. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
export const PAGE_SIZE = 20;

export const isStaffRole = (role: string | null | undefined) => role === "staff" || role === "admin";

export function isComplaintType(v: unknown): v is ComplaintType {
  return typeof v === "string" && (COMPLAINT_TYPES as readonly string[]).includes(v);
}

export function isThreadStatus(v: unknown): v is ThreadStatus {
  return typeof v === "string" && (THREAD_STATUSES as readonly string[]).includes(v);
}

/** 投诉分级: 1 一般, 2 重要, 3 严重, 4 重大/危机. */
export const SEVERITIES = [1, 2, 3, 4] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The department responsible for a complaint. */
export const DEPARTMENTS = ["design", "engineering", "sales", "customer_service", "property", "other"] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const FLAG_REASONS = ["spam", "abuse", "personal_data", "off_topic"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const THREAD_SORTS = ["newest", "metoo"] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

export const REASON_MAX = 200;
export const NOTE_MAX = 5000;

/** The status text of the 403 a user gets for posting before verifying their address. */
export const UNVERIFIED_STATUS_TEXT = "Email not verified";

/**
 * Kinds of email. A recipient can turn off the notifications; account mail (verification,
 * reset) and the company's duty mail (reports to headquarters, escalations, morning
 * briefings) carry no unsubscribe link: the organisation's recipients are kept by admins.
 */
export const MAIL_CATEGORIES = ["thread_updates", "new_threads", "disclosures", "account", "hq_reports", "escalations", "briefings"] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];
export const UNSUBSCRIBABLE_CATEGORIES: readonly MailCategory[] = ["thread_updates", "new_threads", "disclosures"];
export const canUnsubscribe = (c: string) => (UNSUBSCRIBABLE_CATEGORIES as readonly string[]).includes(c);

/** An official post: a progress note (进展说明, stops nothing but the acknowledgement) or a solution (解决方案). */
export const OFFICIAL_KINDS = ["progress", "solution"] as const;
export type OfficialKind = (typeof OFFICIAL_KINDS)[number];

/** 回访: how staff reached the owner, and what the owner said of the result. */
export const CALLBACK_METHODS = ["phone", "visit", "online", "event"] as const;
export type CallbackMethod = (typeof CALLBACK_METHODS)[number];
export const CALLBACK_OUTCOMES = ["satisfied", "not_satisfied", "unreachable"] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** Who holds a complaint now: the regional company's customer service, or headquarters (督办). */
export const HOLDERS = ["regional", "hq"] as const;
export type Holder = (typeof HOLDERS)[number];

/** What each of the organisation's recipient lists receives. */
export const RECIPIENT_PURPOSES = ["reports", "escalations", "briefings"] as const;
export type RecipientPurpose = (typeof RECIPIENT_PURPOSES)[number];
