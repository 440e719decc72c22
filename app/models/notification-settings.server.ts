// A user's own choice of the notifications their address gets. Kept as email_unsubscribes
// rows, the same ones the one-click link in each notification writes, so the link and this
// page always agree, and delivery (mail-outbox.server.ts) reads one place.
import { eq } from "drizzle-orm";
import { emailUnsubscribes, users } from "../../db/schema";
import { getDb, transaction } from "~/lib/db.server";
import { isStaffRole, UNSUBSCRIBABLE_CATEGORIES, type MailCategory, type Role } from "~/lib/domain";
import { resubscribe, unsubscribe } from "./mail-outbox.server";

/** Account mail (address verification, password reset) always goes: it is how one gets back in. */
export const ALWAYS_SENT: readonly MailCategory[] = ["account"];
/** The company's duty mail goes to the lists admins keep, not to a person's choice. */
export const DUTY_MAIL: readonly MailCategory[] = ["hq_reports", "escalations", "briefings"];

/** The notifications a user of this role can get: new complaints go to staff only. */
export function notificationsFor(role: Role): MailCategory[] {
  return UNSUBSCRIBABLE_CATEGORIES.filter((c) => c !== "new_threads" || isStaffRole(role));
}

export type NotificationSettings = {
  address: string;
  switchable: { category: MailCategory; on: boolean }[];
  alwaysSent: readonly MailCategory[];
  /** Staff may be on the organisation's lists, which admins keep. */
  dutyMail: readonly MailCategory[];
};

export async function notificationSettings(userId: string): Promise<NotificationSettings | undefined> {
  const user = await getDb().select({ email: users.email, role: users.role }).from(users).where(eq(users.id, userId)).get();
  if (!user) return undefined;
  const off = new Set(
    (await getDb().select({ category: emailUnsubscribes.category }).from(emailUnsubscribes).where(eq(emailUnsubscribes.address, user.email)).all()).map(
      (r) => r.category,
    ),
  );
  return {
    address: user.email,
    switchable: notificationsFor(user.role).map((category) => ({ category, on: !off.has(category) })),
    alwaysSent: ALWAYS_SENT,
    dutyMail: isStaffRole(user.role) ? DUTY_MAIL : [],
  };
}

/**
 * Saves the user's choice: the kinds in `on` are sent, the other kinds they can switch are
 * not. Kinds they cannot switch are ignored. One transaction.
 */
export async function saveNotificationSettings(userId: string, on: readonly string[], now: number): Promise<boolean> {
  return transaction(async (tx) => {
    const user = await tx.select({ email: users.email, role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!user) return false;
    const wanted = new Set(on);
    const kinds = notificationsFor(user.role);
    for (const category of kinds) {
      if (wanted.has(category)) await resubscribe(user.email, category);
      else await unsubscribe(user.email, category, now);
    }
    return true;
  });
}
