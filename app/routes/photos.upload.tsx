// One photo at a time, from the page's script while the owner is still writing (previews,
// progress): processed and kept as their pending photo, which the post then names by id.
// Without JavaScript, photos travel with the post itself.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readFormWithFiles } from "~/lib/forms.server";
import { requirePoster } from "~/lib/guards.server";
import { PHOTO_LIMITS } from "~/lib/photo-limits";
import { currentTime } from "~/lib/time.server";
import { acceptUpload, PHOTO_FIELD, type UploadOutcome } from "~/models/photo-uploads.server";

export async function loader() {
  throw new Response("Method Not Allowed", { status: 405, statusText: "Method Not Allowed", headers: { Allow: "POST" } });
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePoster(args);
  let outcome: UploadOutcome | null = null;
  // One file per request: any further file is not read.
  await readFormWithFiles(args.request, { field: PHOTO_FIELD, maxFiles: 1, maxFileBytes: PHOTO_LIMITS.fileBytes }, async (file) => {
    outcome = await acceptUpload(user.id, file, currentTime());
    return "";
  });
  const result = outcome as UploadOutcome | null;
  if (!result) return json({ error: "photos.refused.none" }, { status: 400 });
  if (!result.ok)
    return json(
      { error: `photos.refused.${result.reason}`, name: result.filename },
      { status: result.reason === "rateLimited" ? 429 : result.reason === "busy" ? 503 : 422 },
    );
  return json({ photo: result.photo }, { headers: { "Cache-Control": "no-store" } });
}
