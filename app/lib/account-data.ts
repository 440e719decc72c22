// What the site holds about one user, as their own data page and their download show it
// (PIPL: the right to see and to copy one's personal data). Filled by
// app/models/account-data.server.ts; safe for the browser. Times are epoch milliseconds.
import type { MailCategory, Role } from "./domain";

export type VerificationRequest = {
  id: number;
  /** Only while the request waits for staff: once decided, only the last four characters are kept. */
  contractNumber: string | null;
  contractLast4: string;
  status: "pending" | "approved" | "refused";
  reason: string | null;
  requestedAt: number;
  decidedAt: number | null;
};

export type OwnerRecord = {
  building: string | null;
  unit: string | null;
  phone: string | null;
  purchaseDate: string | null;
  pseudonym: string | null;
  verifiedAt: number | null;
  registerSignedOn: string | null;
  createdAt: number;
  updatedAt: number;
};

export type AccountData = {
  generatedAt: number;
  account: {
    id: string;
    email: string;
    displayName: string;
    role: Role;
    locale: string | null;
    createdAt: number;
    emailVerifiedAt: number | null;
    bannedAt: number | null;
    banReason: string | null;
  };
  /** Per project: the owner's private record there (if any) and their verification requests. */
  projects: { project: { id: number; slug: string; name: string }; record: OwnerRecord | null; verifications: VerificationRequest[] }[];
  threads: { id: number; title: string; projectName: string; complaintType: string; status: string; createdAt: number }[];
  /** Every post they wrote, with every version of it, the current one last. */
  posts: {
    id: number;
    threadId: number;
    threadTitle: string;
    kind: string;
    createdAt: number;
    editedAt: number | null;
    hiddenAt: number | null;
    body: string;
    versions: { createdAt: number; body: string }[];
  }[];
  photos: {
    id: number;
    postId: number | null;
    caption: string | null;
    createdAt: number;
    removedAt: number | null;
    hiddenAt: number | null;
    /** Null once removed: there is nothing left to show. */
    url: string | null;
    thumbUrl: string | null;
  }[];
  ratings: {
    threadId: number;
    threadTitle: string;
    overall: number | null;
    attitude: number;
    speed: number;
    result: number;
    comment: string | null;
    createdAt: number;
  }[];
  flags: { postId: number; threadId: number; reason: string; createdAt: number }[];
  photoFlags: { photoId: number; reason: string; createdAt: number }[];
  meToos: { threadId: number; threadTitle: string; createdAt: number }[];
  disclosureSubscriptions: { projectId: number; projectName: string; createdAt: number }[];
  /** Kinds of notification their address has turned off. */
  emailUnsubscribes: { category: string; createdAt: number }[];
  /** Their text without the token of any reset or verification link in it. */
  emails: { id: number; category: MailCategory; subject: string; status: string; createdAt: number; sentAt: number | null; text: string }[];
  sessions: { expiresAt: number }[];
  authTokens: { purpose: string; createdAt: number; expiresAt: number; usedAt: number | null }[];
};

/** The download: the same data, every time (a key ending in "At") as an ISO 8601 string. */
export function accountDataJson(data: AccountData): string {
  return JSON.stringify(data, (key, value: unknown) => (key.endsWith("At") && typeof value === "number" ? new Date(value).toISOString() : value), 2);
}
