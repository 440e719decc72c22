// What the load balancer asks: /healthz, whether the process answers at all (no database),
// and /readyz, whether it can serve (its database answers, every migration applied).
import type { Request, Response } from "express";
import { readiness } from "../app/models/operations.server";

const noStore = (res: Response) => res.set("Cache-Control", "no-store").type("text/plain");

export function healthz(_req: Request, res: Response) {
  noStore(res).send("ok");
}

export function readyz(_req: Request, res: Response) {
  readiness().then(
    (r) => {
      if (r.ok) noStore(res).send("ready");
      else noStore(res).status(503).send(r.reason);
    },
    () => noStore(res).status(503).send("not ready"),
  );
}
