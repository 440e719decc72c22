import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/lib/auth.server";

export async function action({ context }: ActionFunctionArgs) {
  if (!context.session) return redirect("/");
  const cookie = await endSession(context.session.id);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/");
}
