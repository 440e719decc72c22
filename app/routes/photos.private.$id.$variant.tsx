// A photo its uploader and staff may see whatever its state (waiting for its post, hidden, on
// a hidden post): never stored by any cache, so that hiding it hides it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseId } from "~/lib/forms.server";
import { notFound } from "~/lib/guards.server";
import { parsePhotoVariant, photoFileResponse } from "~/lib/uploads.server";
import { photoFile } from "~/models/photos.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const variant = parsePhotoVariant(params.variant);
  if (!id || !variant) notFound();
  const file = await photoFile(id, variant, "private", context.user);
  if (!file) notFound();
  return photoFileResponse(file.hash, "private");
}
