// How an author's name reads on a page or in a feed, and how a disclosure stood when an owner
// bought. Pure and browser-safe: which name is public is decided in app/models/identity.server.ts;
// this only words it.
import { localDayKey, parseDayKey } from "./periods";

type T = (k: string, v?: Record<string, unknown>) => string;

/** A name as a model gives it: `deleted` for an erased account, `accountName` only for staff. */
export type AuthorName = { name: string | null; deleted?: boolean; accountName?: string | null };

/** The name to print: a deleted account's label, or the public name with, for staff, the account behind a pseudonym. */
export function authorLabel(t: T, a: AuthorName) {
  if (a.deleted) return t("identity.deletedUser");
  const name = a.name ?? "";
  return a.accountName ? t("identity.withAccount", { name, account: a.accountName }) : name;
}

/** Where a complaint's factor stood on the day its author signed the purchase contract. */
export const RELATIVE_TO_PURCHASE = ["before", "after", "undisclosed"] as const;
export type RelativeToPurchase = (typeof RELATIVE_TO_PURCHASE)[number];

/**
 * "before" when the factor was first published on or before the purchase date (local days in
 * the site's zone), "after" when later, "undisclosed" when never published; null when the
 * author gave no (valid) purchase date, so the page keeps its wording relative to the posting.
 */
export function relativeToPurchase(firstPublishedAt: number | null, purchaseDate: string | null, timeZone: string): RelativeToPurchase | null {
  if (!purchaseDate || !parseDayKey(purchaseDate)) return null;
  if (firstPublishedAt == null) return "undisclosed";
  // Day keys "YYYY-MM-DD" sort as the days they name.
  return localDayKey(firstPublishedAt, timeZone) <= purchaseDate ? "before" : "after";
}

/** The project page's groups: the three verdicts, and complaints whose author gave no purchase date. */
export type PurchaseGroup = RelativeToPurchase | "noPurchaseDate";

/** A linked complaint's group: a factor never published is "undisclosed" whether or not a date was given. */
export function purchaseGroup(firstPublishedAt: number | null, purchaseDate: string | null, timeZone: string): PurchaseGroup {
  if (firstPublishedAt == null) return "undisclosed";
  return relativeToPurchase(firstPublishedAt, purchaseDate, timeZone) ?? "noPurchaseDate";
}
