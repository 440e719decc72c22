// /account/data.json : the signed-in user's data as a file to keep (PIPL: the right to a
// copy), the same as /account/data shows. Each download is in the audit log.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { accountDataJson } from "~/lib/account-data";
import { notFound, requireUser } from "~/lib/guards.server";
import { currentTime } from "~/lib/time.server";
import { exportAccountData } from "~/models/account-data.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const data = await exportAccountData(user.id, currentTime());
  if (!data) notFound();
  const day = new Date(data.generatedAt).toISOString().slice(0, 10);
  return new Response(accountDataJson(data), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="tousu-my-data-${day}.json"`,
      // Personal data: no cache, shared or not, keeps a copy.
      "Cache-Control": "private, no-store",
    },
  });
}
