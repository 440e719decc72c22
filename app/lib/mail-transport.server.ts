// Sends one message: over SMTP when SMTP_URL is set, otherwise as an .eml file under
// OUTBOX_DIR. Knows nothing about the outbox it is called from.
import fs from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "./env.server";

export type Message = {
  id: number;
  to: string;
  subject: string;
  text: string;
  createdAt: number;
  /** The signed one-click unsubscribe link, for the List-Unsubscribe headers. */
  unsubscribeUrl: string | null;
};

let transport: { key: string; t: Transporter } | undefined;
function getTransport(): { t: Transporter; toFile: boolean } {
  const env = getEnv();
  const key = env.SMTP_URL ?? "file";
  if (!transport || transport.key !== key) {
    transport = {
      key,
      // A send gives up within about a minute, well inside the outbox's claim on the message.
      t: env.SMTP_URL
        ? nodemailer.createTransport({ url: env.SMTP_URL, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 })
        : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }),
    };
  }
  return { t: transport.t, toFile: !env.SMTP_URL };
}

/** Sends the message or throws with the transport's reason. */
export async function sendMessage(m: Message): Promise<void> {
  const env = getEnv();
  const { t, toFile } = getTransport();
  const headers: Record<string, string> = {};
  if (m.unsubscribeUrl) {
    headers["List-Unsubscribe"] = `<${m.unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  const info = await t.sendMail({
    from: env.MAIL_FROM,
    to: m.to,
    subject: m.subject,
    text: m.text,
    headers,
    messageId: `<outbox-${m.id}.${m.createdAt}@tousu.local>`,
    date: new Date(m.createdAt),
  });
  if (toFile) writeEml(m.id, m.createdAt, (info as unknown as { message: Buffer }).message);
}

function writeEml(id: number, createdAt: number, message: Buffer) {
  const dir = path.resolve(getEnv().OUTBOX_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date(createdAt).toISOString().replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(dir, `${stamp}-${id}.eml`), message);
}
