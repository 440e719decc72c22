// A real SMTP server on a free port that keeps every message it receives.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type Received = { to: string[]; raw: string; subject: string; /** The plain-text body, decoded. */ text: string };

export async function startSmtp() {
  const messages: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const subject = decodeSubject(raw);
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, subject, text: decodeBody(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Subject header, with RFC 2047 encoded words decoded. */
function decodeSubject(raw: string): string {
  const header = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const m = header.match(/^Subject:(.*(?:\r?\n[ \t].*)*)/m);
  if (!m) return "";
  return m[1]!
    .replace(/\r?\n[ \t]/g, " ")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_all, enc: string, text: string) =>
      enc.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_h, x: string) => String.fromCharCode(parseInt(x, 16))),
            "latin1",
          ).toString("utf8"),
    )
    .trim();
}

/** A single-part text body, decoded from base64 or quoted-printable. */
function decodeBody(raw: string): string {
  const [header = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(header)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}
