// Domain vocabulary shared by server and browser. Labels live in app/locales.

/** The six complaint types of the complaint-handling procedure (投诉类型). */
export const COMPLAINT_TYPES = ["quality", "design", "sales", "property", "service", "other"] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

/** A thread's status follows its reply clocks. */
export const THREAD_STATUSES = ["awaiting_ack", "acknowledged", "answered", "resolved", "reopened", "merged"] as const;
/** Statuses of complaints still waiting on the company or the author. */
export const OPEN_STATUSES = ["awaiting_ack", "acknowledged", "answered", "reopened"] as const;
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

/** Kinds of email; a recipient can turn off every kind but "account" (verification, reset). */
export const MAIL_CATEGORIES = ["thread_updates", "new_threads", "escalations", "disclosures", "account"] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];
