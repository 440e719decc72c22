// A minimal Remix server build for testing the Express app (server/app.ts) without compiling
// the real one: a form route whose action reads the form the way the real routes do.
import type { ServerBuild } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readForm } from "../../app/lib/forms.server";

export type FakeBuildCalls = { actions: number; loaders: number; lastForm: Record<string, string> | null; forms: Record<string, string>[]; documents: number };

export function fakeBuild(): { build: ServerBuild; calls: FakeBuildCalls } {
  const calls: FakeBuildCalls = { actions: 0, loaders: 0, lastForm: null, forms: [], documents: 0 };
  const page = () => null;
  const formRoute = {
    default: page,
    loader: () => {
      calls.loaders++;
      return json({ page: "form" });
    },
    action: async ({ request }: { request: Request }) => {
      calls.actions++;
      calls.lastForm = await readForm(request);
      calls.forms.push(calls.lastForm);
      return json({ fields: Object.keys(calls.lastForm).length });
    },
  };
  const build = {
    mode: "production",
    entry: {
      module: {
        default: (
          _request: Request,
          status: number,
          headers: Headers,
          context: { staticHandlerContext: { actionData: unknown; errors: unknown } },
          load: { nonce: string },
        ) => {
          calls.documents++;
          headers.set("Content-Type", "text/html; charset=utf-8");
          const state = JSON.stringify({ actionData: context.staticHandlerContext.actionData, errors: context.staticHandlerContext.errors });
          const html = `<!DOCTYPE html><html><head><script nonce="${load.nonce}">window.state=${state}</script></head><body><script nonce="${load.nonce}" src="/build/x.js"></script></body></html>`;
          return new Response(html, { status, headers });
        },
      },
    },
    routes: {
      root: { id: "root", path: "", module: { default: page } },
      "routes/_index": { id: "routes/_index", parentId: "root", index: true, module: { default: page, loader: () => json({ page: "home" }) } },
      "routes/form": { id: "routes/form", parentId: "root", path: "form", module: formRoute },
      "routes/api.form": { id: "routes/api.form", parentId: "root", path: "api/form", module: { action: formRoute.action } },
    },
    assets: { entry: { module: "/build/entry.js", imports: [] }, routes: {}, url: "/build/manifest.js", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {},
    isSpaMode: false,
  } as unknown as ServerBuild;
  return { build, calls };
}
