// The mail outbox. A message is queued in the transaction of the change that causes it and
// delivered once that transaction has committed (and retried by the scheduler); this is the
// one place delivery starts. Notifications carry a signed one-click unsubscribe link.
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { emailUnsubscribes, mailOutbox } from "../../db/schema";
import { afterCommit, beforeCloseDb, getDb, transaction, writeAlone, type DB, type Tx } from "~/lib/db.server";
import { canUnsubscribe, type MailCategory } from "~/lib/domain";
import { publicUrl } from "~/lib/env.server";
import { maskAddress, maskAddressesIn } from "~/lib/format";
import { i18nFor, type Locale } from "~/lib/i18n";
import { sendMessage } from "~/lib/mail-transport.server";
import { currentTime } from "~/lib/time.server";
import { audit } from "./audit.server";
import { sign, verifySignature } from "./signing.server";

export type OutgoingMail = {
  to: string;
  category: MailCategory;
  subject: string;
  text: string;
  /** The language of the words, for the unsubscribe line added to notifications. */
  locale: Locale;
  /** At most one message per key, ever (e.g. one escalation per breach). */
  dedupeKey?: string;
};

const DELETED_ACCOUNT_DOMAIN = "deleted.invalid";
/** What a deleted account's email becomes: unique, and never an address (RFC 2606 reserves .invalid). */
export const deletedAccountAddress = (userId: string) => `deleted-${userId}@${DELETED_ACCOUNT_DOMAIN}`;
const isDeletedAccountAddress = (address: string) => address.toLowerCase().endsWith(`@${DELETED_ACCOUNT_DOMAIN}`);

export async function unsubscribeUrl(address: string, category: MailCategory) {
  const a = Buffer.from(address.toLowerCase()).toString("base64url");
  return `${publicUrl()}/unsubscribe?a=${a}&c=${category}&t=${await sign("unsubscribe", `${address.toLowerCase()}\n${category}`)}`;
}

export async function readUnsubscribeLink(params: URLSearchParams): Promise<{ address: string; category: MailCategory } | null> {
  const a = params.get("a");
  const c = params.get("c");
  const t = params.get("t");
  // Only notifications can be turned off: account and duty mail links are never valid.
  if (!a || !c || !t || !canUnsubscribe(c)) return null;
  let address: string;
  try {
    address = Buffer.from(a, "base64url").toString("utf8");
  } catch {
    return null;
  }
  if (!(await verifySignature("unsubscribe", `${address}\n${c}`, t))) return null;
  return { address, category: c as MailCategory };
}

export async function unsubscribe(address: string, category: MailCategory, now: number) {
  await writeAlone((db) => db.insert(emailUnsubscribes).values({ address: address.toLowerCase(), category, createdAt: now }).onConflictDoNothing().run());
}

export async function resubscribe(address: string, category: MailCategory) {
  await writeAlone((db) =>
    db
      .delete(emailUnsubscribes)
      .where(and(eq(emailUnsubscribes.address, address.toLowerCase()), eq(emailUnsubscribes.category, category)))
      .run(),
  );
}

/**
 * Queues a message in the caller's transaction and starts delivery once it commits.
 * A notification gets its unsubscribe link, signed once, in its text and its headers;
 * account and duty mail (reports, escalations, briefings) get none.
 * Returns false when the dedupe key was already used, or the address is a deleted account's.
 */
export async function enqueueMail(tx: Tx | DB, mail: OutgoingMail, now: number): Promise<boolean> {
  // The author of a thread may have deleted their account: news of it goes nowhere.
  if (isDeletedAccountAddress(mail.to)) return false;
  const link = canUnsubscribe(mail.category) ? await unsubscribeUrl(mail.to, mail.category) : null;
  const text = link ? `${mail.text}\n\n${i18nFor(mail.locale).t("email.unsubscribe", { url: link })}` : mail.text;
  const result = await tx
    .insert(mailOutbox)
    .values({
      dedupeKey: mail.dedupeKey ?? null,
      toAddress: mail.to.toLowerCase(),
      category: mail.category,
      subject: mail.subject,
      textBody: text,
      unsubscribeUrl: link,
      createdAt: now,
    })
    .onConflictDoNothing()
    .run();
  if (result.changes > 0) afterCommit(tx, kickMailDelivery);
  return result.changes > 0;
}

const MAX_ATTEMPTS = 5;
let running: Promise<number> | null = null;
let again = false;
let stoppedOnFailure = false;
// A delivery in flight finishes before the database closes.
beforeCloseDb(async () => {
  while (running) await running;
});

/**
 * Sends what is queued. Each row is claimed (pending -> sending) before it is sent, so two
 * deliveries never send the same message. Returns the number sent.
 */
export function deliverPendingMail(): Promise<number> {
  if (running) {
    // Mail queued while a delivery runs is picked up by another pass right after it.
    again = true;
    return running;
  }
  stoppedOnFailure = false;
  running = deliver().finally(() => {
    running = null;
    // After a failed send the rest waits for the next tick rather than retrying at once.
    if (again && !stoppedOnFailure) kickMailDelivery();
    again = false;
  });
  return running;
}

async function deliver(): Promise<number> {
  const db = getDb();
  let sent = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(mailOutbox)
      // A literal, not a bound value, so that SQLite can use the partial index of pending rows.
      .where(sql`${mailOutbox.status} = 'pending'`)
      .orderBy(asc(mailOutbox.id))
      .limit(20)
      .all();
    if (batch.length === 0) return sent;
    for (const row of batch) {
      const claimed = await writeAlone((db) =>
        db
          .update(mailOutbox)
          .set({ status: "sending", attempts: sql`${mailOutbox.attempts} + 1`, claimedAt: currentTime() })
          .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.status, "pending")))
          .run(),
      );
      if (claimed.changes === 0) continue;
      const blocked =
        canUnsubscribe(row.category) &&
        (await db
          .select({ a: emailUnsubscribes.address })
          .from(emailUnsubscribes)
          .where(and(eq(emailUnsubscribes.address, row.toAddress), eq(emailUnsubscribes.category, row.category)))
          .get());
      if (blocked) {
        await writeAlone((db) => db.update(mailOutbox).set({ status: "suppressed" }).where(eq(mailOutbox.id, row.id)).run());
        continue;
      }
      try {
        await sendMessage({
          id: row.id,
          to: row.toAddress,
          subject: row.subject,
          text: row.textBody,
          createdAt: row.createdAt,
          unsubscribeUrl: row.unsubscribeUrl,
        });
        await writeAlone((db) => db.update(mailOutbox).set({ status: "sent", sentAt: currentTime(), lastError: null }).where(eq(mailOutbox.id, row.id)).run());
        sent++;
      } catch (e) {
        const attempts = row.attempts + 1;
        // The reason only: never the message or the address.
        const reason = e instanceof Error ? e.message.slice(0, 200) : "unknown error";
        await writeAlone((db) =>
          db
            .update(mailOutbox)
            .set({ status: attempts >= MAX_ATTEMPTS ? "failed" : "pending", lastError: reason })
            .where(eq(mailOutbox.id, row.id))
            .run(),
        );
        console.error(`mail ${row.id}: delivery failed (attempt ${attempts}): ${reason}`);
        if (attempts < MAX_ATTEMPTS) {
          stoppedOnFailure = true;
          return sent; // try the rest at the next tick
        }
      }
    }
  }
}

/** A claim older than this was lost with its process: a send gives up within about a minute. */
export const SEND_CLAIM_MS = 10 * 60_000;

/**
 * Claimed messages whose process died mid-send go back to the queue (the one case that may
 * send twice). Another process's claim is left alone until it has run out; `everyClaim` is
 * for the start of the only process that sends (on SQLite), which no other claim can be from.
 */
export async function requeueInterruptedMail(everyClaim = false) {
  const lost = or(isNull(mailOutbox.claimedAt), lt(mailOutbox.claimedAt, currentTime() - SEND_CLAIM_MS));
  await writeAlone((db) =>
    db
      .update(mailOutbox)
      .set({ status: "pending", claimedAt: null })
      .where(and(sql`${mailOutbox.status} = 'sending'`, everyClaim ? undefined : lost))
      .run(),
  );
}

/** Starts delivery without waiting for it. */
function kickMailDelivery() {
  void deliverPendingMail().catch((e) => console.error("mail delivery:", e instanceof Error ? e.message : e));
}

// ---------------------------------------------------------------- the operations page

/** What is waiting to be sent and what has given up: counts, and how long the oldest has waited. */
export async function outboxBacklog(now: number) {
  const db = getDb();
  // Literal statuses, so that SQLite can count from the partial indexes.
  const pending = await db
    .select({ n: sql<number>`count(*)`, oldest: sql<number | null>`min(${mailOutbox.createdAt})` })
    .from(mailOutbox)
    .where(sql`${mailOutbox.status} = 'pending'`)
    .get();
  const failed = await db
    .select({ n: sql<number>`count(*)` })
    .from(mailOutbox)
    .where(sql`${mailOutbox.status} = 'failed'`)
    .get();
  const oldest = pending?.oldest == null ? null : Number(pending.oldest);
  return {
    pending: Number(pending?.n ?? 0),
    oldestPendingAt: oldest,
    oldestPendingAgeMs: oldest == null ? null : Math.max(0, now - oldest),
    failed: Number(failed?.n ?? 0),
  };
}

export const FAILED_MAIL_SHOWN = 100;

/** The latest messages that ran out of attempts, addresses masked (in the error text too). */
export async function failedMail() {
  const rows = await getDb()
    .select({
      id: mailOutbox.id,
      to: mailOutbox.toAddress,
      category: mailOutbox.category,
      subject: mailOutbox.subject,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
      // Claimed for the last attempt a moment before it failed.
      lastAttemptAt: mailOutbox.claimedAt,
    })
    .from(mailOutbox)
    .where(sql`${mailOutbox.status} = 'failed'`)
    .orderBy(desc(mailOutbox.id))
    .limit(FAILED_MAIL_SHOWN)
    .all();
  return rows.map(({ to, lastError, ...r }) => ({
    ...r,
    to: maskAddress(to),
    lastError: lastError == null ? null : maskAddressesIn(lastError),
  }));
}

/**
 * Puts failed messages back in the queue with their attempts reset, for the scheduler's next
 * tick to send: one (`id`) or every failed one. Recorded in the audit log (which messages,
 * never their addresses or errors). Returns how many went back.
 */
export async function retryFailedMail(actorId: string, which: { id: number } | "all", now: number): Promise<number> {
  return transaction(async (tx) => {
    const failed = sql`${mailOutbox.status} = 'failed'`;
    const where = which === "all" ? failed : and(failed, eq(mailOutbox.id, which.id));
    const ids = (await tx.select({ id: mailOutbox.id }).from(mailOutbox).where(where).orderBy(asc(mailOutbox.id)).all()).map((r) => r.id);
    if (ids.length === 0) return 0;
    await tx
      .update(mailOutbox)
      .set({ status: "pending", attempts: 0, lastError: null, claimedAt: null })
      .where(and(failed, inArray(mailOutbox.id, ids)))
      .run();
    await audit(tx, {
      actorId,
      action: "mail_retry",
      // The first few ids say which; the count says how many.
      before: { status: "failed", count: ids.length, ids: ids.slice(0, 50) },
      after: { status: "pending", attempts: 0 },
      now,
    });
    return ids.length;
  });
}
