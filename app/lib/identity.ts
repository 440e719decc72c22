// How an author's name reads on a page or in a feed. Pure and browser-safe: which name is
// public is decided in app/models/identity.server.ts; this only words it.

type T = (k: string, v?: Record<string, unknown>) => string;

/** A name as a model gives it: `deleted` for an erased account, `accountName` only for staff. */
export type AuthorName = { name: string | null; deleted?: boolean; accountName?: string | null };

/** The name to print: a deleted account's label, or the public name with, for staff, the account behind a pseudonym. */
export function authorLabel(t: T, a: AuthorName) {
  if (a.deleted) return t("identity.deletedUser");
  const name = a.name ?? "";
  return a.accountName ? t("identity.withAccount", { name, account: a.accountName }) : name;
}
