// Domain vocabulary shared by server and browser. Labels live in app/locales.

/** The six complaint types of the complaint-handling procedure (投诉类型). */
export const COMPLAINT_TYPES = ["quality", "design", "sales", "property", "service", "other"] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

/** A thread's status follows its reply clocks. */
export const THREAD_STATUSES = ["awaiting_ack", "acknowledged", "answered", "resolved", "reopened"] as const;
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
