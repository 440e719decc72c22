// What the Express server hands every loader and action (see server/app.ts).
import type { Session, SessionUser } from "./auth.server";

export type TousuContext = {
  user: SessionUser | null;
  session: Session | null;
  /** CSP nonce for this response's inline scripts. */
  nonce: string;
  /** The client's address, for rate limits; never logged. */
  clientIp: string;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends TousuContext {}
}
