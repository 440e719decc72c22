// GET /api/anything-else : an API address that does not exist answers as the API does, in JSON
// a client can read from any origin, not with the site's HTML page.
import { json } from "@remix-run/node";

export function loader() {
  return json({ error: "not_found" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
}
