// What may be done to one photo, from the forms under it: its uploader deletes it (within
// the post's edit window), readers flag it, staff hide it with a public reason or restore it.
// Each answers by going back to the thread the photo is on.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { limitOrResponse, parseId, readForm } from "~/lib/forms.server";
import { forbidden, notFound, requirePoster, requireStaff, safeRedirect } from "~/lib/guards.server";
import { currentTime } from "~/lib/time.server";
import { photoFlagSchema, reasonSchema } from "~/lib/validation.server";
import { flagPhoto, removeOwnPhoto, setPhotoHidden } from "~/models/photos.server";

/**
 * Never drawn: every step answers with a redirect. It makes this a page route, so that a refusal
 * thrown here (the limit, a bad request) is the site's error page in the reader's language, also
 * without JavaScript; a route without a page would send it as bare text.
 */
export default function PhotoActions() {
  return null;
}

export async function loader() {
  throw new Response("Method Not Allowed", { status: 405, statusText: "Method Not Allowed", headers: { Allow: "POST" } });
}

const back = (threadId: number, photoId: number, next?: string) => redirect(next ? safeRedirect(next) : `/threads/${threadId}#photo-${photoId}`);
const badRequest = () => new Response("Bad Request", { status: 400, statusText: "Bad Request" });

export async function action(args: ActionFunctionArgs) {
  const id = parseId(args.params.id);
  if (!id) notFound();
  const values = await readForm(args.request);
  const now = currentTime();
  switch (values.intent) {
    case "remove-photo": {
      const user = requirePoster(args);
      const r = await removeOwnPhoto(id, user.id, now);
      if (!r.ok && r.reason === "notFound") notFound();
      if (!r.ok) forbidden();
      return redirect(`/threads/${r.threadId}`);
    }
    case "flag-photo": {
      const user = requirePoster(args);
      // Nothing on the thread page could show this refusal: the error page says it.
      const limited = await limitOrResponse("flag", user.id, values);
      if (limited)
        throw new Response("Too Many Requests", {
          status: 429,
          statusText: "Too Many Requests",
          headers: { "Retry-After": limited.headers.get("Retry-After") ?? "60" },
        });
      const parsed = photoFlagSchema.safeParse(values);
      if (!parsed.success) throw badRequest();
      const r = await flagPhoto(id, user.id, parsed.data.reason, now);
      if (r.ok || r.reason === "already") return back(r.threadId, id);
      return r.reason === "notFound" ? notFound() : forbidden();
    }
    case "hide-photo":
    case "restore-photo": {
      const staff = requireStaff(args);
      let reason: string | null = null;
      if (values.intent === "hide-photo") {
        const parsed = reasonSchema.safeParse(values);
        if (!parsed.success) throw badRequest();
        reason = parsed.data.reason;
      }
      const r = await setPhotoHidden(id, staff.id, reason, now);
      if (!r.ok) notFound();
      return back(r.threadId, id, values.next);
    }
    default:
      throw badRequest();
  }
}
