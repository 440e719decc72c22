// HTTP over a bare socket, for requests that fetch refuses to send (bad encodings, lying
// lengths, odd methods, broken chunking). Reads until the server closes the connection.
import net from "node:net";

export type RawResponse = { status: number | null; head: string; body: string; closedEarly: boolean };

/**
 * Sends `request` (a string or bytes, sent as is) and resolves with what came back once the
 * server closes (send "Connection: close"); `end` half-closes our side after sending, upon which
 * Node's server closes too, answering nothing more. Resolves with status null when nothing came back.
 */
export function rawRequest(
  port: number,
  request: string | Buffer | (string | Buffer)[],
  { end = false, timeoutMs = 15_000, host = "127.0.0.1", localAddress }: { end?: boolean; timeoutMs?: number; host?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve) => {
    // Another loopback address as the client's own keeps its rate limits apart from other tests'.
    const socket = net.connect({ port, host, localAddress });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closedEarly: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const head = split === -1 ? text : text.slice(0, split);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      const body = split === -1 ? "" : Buffer.from(text.slice(split + 4), "latin1").toString("utf8");
      resolve({ status: status ? Number(status) : null, head, body, closedEarly });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("close", () => finish(true));
    socket.on("error", () => finish(true));
    socket.on("connect", () => {
      for (const part of Array.isArray(request) ? request : [request]) socket.write(part);
      if (end) socket.end();
    });
  });
}

/**
 * Sends the head, then body bytes as fast as the server takes them, up to `total`, as HTTP/1.1
 * chunks or raw; stops when the server closes the connection. Resolves with what the server
 * answered and how many body bytes it let us hand over before it stopped reading.
 */
export function uploadUntilClosed(
  port: number,
  head: string,
  { total, chunked, chunkSize = 64 * 1024 }: { total: number; chunked: boolean; chunkSize?: number },
): Promise<RawResponse & { bodyBytesSent: number }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const piece = Buffer.alloc(chunkSize, "a");
    const framed = chunked ? Buffer.concat([Buffer.from(`${chunkSize.toString(16)}\r\n`), piece, Buffer.from("\r\n")]) : piece;
    let sent = 0;
    let closed = false;
    const pump = () => {
      while (!closed && sent < total) {
        sent += chunkSize;
        if (!socket.write(framed)) return void socket.once("drain", pump);
      }
      if (!closed && chunked) socket.write("0\r\n\r\n");
    };
    const finish = () => {
      if (closed) return;
      closed = true;
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const headPart = split === -1 ? text : text.slice(0, split);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(headPart)?.[1];
      const body = split === -1 ? "" : Buffer.from(text.slice(split + 4), "latin1").toString("utf8");
      resolve({ status: status ? Number(status) : null, head: headPart, body, closedEarly: true, bodyBytesSent: sent });
    };
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("close", finish);
    socket.on("error", finish);
    socket.on("connect", () => {
      socket.write(head);
      pump();
    });
  });
}
