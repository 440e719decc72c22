// A shown photo, to anyone: its bytes never change under its id, so it is cached for a year.
// A photo that is pending, hidden, or on a hidden post answers 404 here (see photos.private).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseId } from "~/lib/forms.server";
import { notFound } from "~/lib/guards.server";
import { parsePhotoVariant, photoFileResponse } from "~/lib/uploads.server";
import { photoFile } from "~/models/photos.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const variant = parsePhotoVariant(params.variant);
  if (!id || !variant) notFound();
  const file = await photoFile(id, variant, "public", context.user);
  if (!file) notFound();
  return photoFileResponse(file.hash, "public");
}
