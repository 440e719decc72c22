// Outgoing mail. Messages are queued in mail_outbox inside the transaction of the change
// that causes them, then delivered: over SMTP when SMTP_URL is set, otherwise as .eml
// files under OUTBOX_DIR. Notifications carry a one-click unsubscribe link.
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { emailUnsubscribes, mailOutbox } from "../../db/schema";
import { getDb, type DB } from "./db.server";
import { getEnv, publicUrl } from "./env.server";
import { sign, verifySignature } from "./secrets.server";

/** Notification kinds a recipient can turn off; "account" mail (verification, reset) cannot be. */
export const MAIL_CATEGORIES = ["thread_updates", "new_threads", "escalations", "disclosures", "account"] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];

type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

export type OutgoingMail = {
  to: string;
  category: MailCategory;
  subject: string;
  text: string;
  /** At most one message per key, ever (e.g. one escalation per breach). */
  dedupeKey?: string;
};

export function unsubscribeUrl(address: string, category: MailCategory) {
  const a = Buffer.from(address.toLowerCase()).toString("base64url");
  return `${publicUrl()}/unsubscribe?a=${a}&c=${category}&t=${sign("unsubscribe", `${address.toLowerCase()}\n${category}`)}`;
}

export function readUnsubscribeLink(params: URLSearchParams): { address: string; category: MailCategory } | null {
  const a = params.get("a");
  const c = params.get("c");
  const t = params.get("t");
  if (!a || !c || !t || !(MAIL_CATEGORIES as readonly string[]).includes(c) || c === "account") return null;
  let address: string;
  try {
    address = Buffer.from(a, "base64url").toString("utf8");
  } catch {
    return null;
  }
  if (!verifySignature("unsubscribe", `${address}\n${c}`, t)) return null;
  return { address, category: c as MailCategory };
}

export function unsubscribe(address: string, category: MailCategory, now = Date.now()) {
  getDb().insert(emailUnsubscribes).values({ address: address.toLowerCase(), category, createdAt: now }).onConflictDoNothing().run();
}

export function resubscribe(address: string, category: MailCategory) {
  getDb()
    .delete(emailUnsubscribes)
    .where(and(eq(emailUnsubscribes.address, address.toLowerCase()), eq(emailUnsubscribes.category, category)))
    .run();
}

/** Queues a message in the caller's transaction. Returns false when the dedupe key was already used. */
export function enqueueMail(tx: Tx | DB, mail: OutgoingMail, now: number): boolean {
  const notification = mail.category !== "account";
  const result = tx
    .insert(mailOutbox)
    .values({
      dedupeKey: mail.dedupeKey ?? null,
      toAddress: mail.to.toLowerCase(),
      category: mail.category,
      subject: mail.subject,
      textBody: mail.text,
      unsubscribeUrl: notification ? unsubscribeUrl(mail.to, mail.category) : null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .run();
  return result.changes > 0;
}

let transport: { key: string; t: Transporter } | undefined;
function getTransport(): { t: Transporter; toFile: boolean } {
  const env = getEnv();
  const key = env.SMTP_URL ?? "file";
  if (!transport || transport.key !== key) {
    transport = {
      key,
      t: env.SMTP_URL
        ? nodemailer.createTransport(env.SMTP_URL)
        : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }),
    };
  }
  return { t: transport.t, toFile: !env.SMTP_URL };
}

const MAX_ATTEMPTS = 5;
let running: Promise<number> | null = null;

/**
 * Sends what is queued. Each row is claimed (pending -> sending) before it is sent, so two
 * deliveries never send the same message. Returns the number sent.
 */
export function deliverPendingMail(): Promise<number> {
  running ??= deliver().finally(() => {
    running = null;
  });
  return running;
}

async function deliver(): Promise<number> {
  const db = getDb();
  const env = getEnv();
  let sent = 0;
  for (;;) {
    const batch = db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.status, "pending"))
      .orderBy(asc(mailOutbox.id))
      .limit(20)
      .all();
    if (batch.length === 0) return sent;
    for (const row of batch) {
      const claimed = db
        .update(mailOutbox)
        .set({ status: "sending", attempts: sql`${mailOutbox.attempts} + 1` })
        .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.status, "pending")))
        .run();
      if (claimed.changes === 0) continue;
      const blocked =
        row.category !== "account" &&
        db
          .select({ a: emailUnsubscribes.address })
          .from(emailUnsubscribes)
          .where(and(eq(emailUnsubscribes.address, row.toAddress), eq(emailUnsubscribes.category, row.category)))
          .get();
      if (blocked) {
        db.update(mailOutbox).set({ status: "suppressed" }).where(eq(mailOutbox.id, row.id)).run();
        continue;
      }
      try {
        const { t, toFile } = getTransport();
        const headers: Record<string, string> = {};
        if (row.unsubscribeUrl) {
          headers["List-Unsubscribe"] = `<${row.unsubscribeUrl}>`;
          headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
        }
        const info = await t.sendMail({
          from: env.MAIL_FROM,
          to: row.toAddress,
          subject: row.subject,
          text: row.textBody,
          headers,
          messageId: `<outbox-${row.id}.${row.createdAt}@tousu.local>`,
          date: new Date(row.createdAt),
        });
        if (toFile) writeEml(row.id, row.createdAt, (info as unknown as { message: Buffer }).message);
        db.update(mailOutbox).set({ status: "sent", sentAt: Date.now(), lastError: null }).where(eq(mailOutbox.id, row.id)).run();
        sent++;
      } catch (e) {
        const attempts = row.attempts + 1;
        // The reason only: never the message or the address.
        const reason = e instanceof Error ? e.message.slice(0, 200) : "unknown error";
        db.update(mailOutbox)
          .set({ status: attempts >= MAX_ATTEMPTS ? "failed" : "pending", lastError: reason })
          .where(eq(mailOutbox.id, row.id))
          .run();
        console.error(`mail ${row.id}: delivery failed (attempt ${attempts}): ${reason}`);
        if (attempts < MAX_ATTEMPTS) return sent; // try the rest at the next tick
      }
    }
  }
}

function writeEml(id: number, createdAt: number, message: Buffer) {
  const dir = path.resolve(getEnv().OUTBOX_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date(createdAt).toISOString().replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(dir, `${stamp}-${id}.eml`), message);
}

/** After a crash mid-send, claimed rows go back to the queue (the one case that may send twice). */
export function requeueInterruptedMail() {
  getDb().update(mailOutbox).set({ status: "pending" }).where(eq(mailOutbox.status, "sending")).run();
}

/** Starts delivery without waiting for it (after a request queued mail). */
export function kickMailDelivery() {
  void deliverPendingMail().catch((e) => console.error("mail delivery:", e instanceof Error ? e.message : e));
}
