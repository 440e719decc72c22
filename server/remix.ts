// Remix behind Express: the one module that turns an Express request into a Fetch Request for
// Remix and Remix's Response back into the Express response (in place of @remix-run/express,
// so that what it does with a malformed request is ours to decide).
import type { Readable } from "node:stream";
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";

export type RemixHandlerOptions = {
  build: ServerBuild;
  mode: "production" | "development";
  getLoadContext: (req: Request, res: Response) => AppLoadContext;
  /** The request body to hand Remix; the raw request stream by default. */
  body?: (req: Request) => Readable | null;
  /**
   * Whether the answer is the viewer's own (a signed-in request): then an answer whose route
   * says nothing of caching is kept by no cache, shared or the browser's.
   */
  ownAnswer?: (res: Response) => boolean;
};

export function remixHandler({ build, mode, getLoadContext, body = (req) => req, ownAnswer = () => false }: RemixHandlerOptions) {
  const handle = createRequestHandler(build, mode);
  return (req: Request, res: Response, next: NextFunction) => {
    void answer(req, res, next);
  };

  async function answer(req: Request, res: Response, next: NextFunction) {
    const controller = new AbortController();
    const stream = body(req);
    // A body that fails (over its limit, the client gone) ends the work on the request: no answer will be sent.
    stream?.once("error", () => controller.abort());
    let request: globalThis.Request;
    try {
      request = fetchRequest(req, stream, controller.signal);
    } catch {
      // A Host or a request target no URL can be made of.
      res.status(400).type("text/plain").send("Bad Request");
      return;
    }
    // Remix stops its loaders and actions once no answer can be sent any more.
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    try {
      const response = await handle(request, getLoadContext(req, res));
      // Something else has answered meanwhile (the body limit's 413, say).
      if (res.headersSent) return;
      if (!response.headers.has("Cache-Control") && ownAnswer(res)) res.setHeader("Cache-Control", "private, no-store");
      await sendResponse(res, response);
    } catch (error) {
      if (res.headersSent) return;
      next(error);
    }
  }
}

function fetchRequest(req: Request, body: Readable | null, signal: AbortSignal): globalThis.Request {
  // req.hostname follows the trust proxy setting; the port comes from the header it came from.
  const forwarded = req.app.get("trust proxy") ? req.get("x-forwarded-host") : undefined;
  const port = (forwarded ?? req.get("host") ?? "").match(/:(\d+)$/)?.[1];
  // An HTTP/1.0 request may come without a Host; only the path matters to Remix.
  const url = new URL(`${req.protocol}://${req.hostname ?? "localhost"}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // The origin check (server/app.ts) has already judged the request, Referer included; Remix's own
    // check compares Origin with Host alone and answers 500 for "Origin: null" or a PUBLIC_URL host.
    if (value === undefined || name === "origin") continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal };
  if (req.method !== "GET" && req.method !== "HEAD" && body) {
    init.body = createReadableStreamFromReadable(body);
    init.duplex = "half";
  }
  return new globalThis.Request(url.href, init);
}

async function sendResponse(res: Response, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
