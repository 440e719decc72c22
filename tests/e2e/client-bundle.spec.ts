// What a phone downloads to run a public page: at most 100 KB of JavaScript, gzipped (the
// production build this suite runs against; tests/support/client-bundle.ts reads its
// manifest). A page over it fails with its biggest modules named. In the browser, a visitor
// loads no more than that, and the code of the forms only signed-in viewers see stays away.
import { gzipSync } from "node:zlib";
import type { APIRequestContext, Page } from "@playwright/test";
import { describeBundle, kb, PUBLIC_ROUTE_BUDGET, PUBLIC_ROUTES, routeBundles } from "../support/client-bundle";
import { test, expect, loginAs } from "./fixtures";

test("every public route's JavaScript stays within 100 KB gzipped", () => {
  const bundles = routeBundles();
  const publicIds: readonly string[] = PUBLIC_ROUTES;
  expect(
    PUBLIC_ROUTES.filter((id) => !bundles.some((b) => b.route === id)),
    "public routes missing from the build",
  ).toEqual([]);
  const over = bundles.filter((b) => publicIds.includes(b.route) && b.gzip > PUBLIC_ROUTE_BUDGET);
  expect(over.map((b) => describeBundle(b)).join("\n\n"), `over ${kb(PUBLIC_ROUTE_BUDGET)}`).toBe("");
  test.info().annotations.push({ type: "sizes", description: bundles.map((b) => `${b.route} ${kb(b.gzip)}`).join(", ") });
});

async function firstThread(request: APIRequestContext) {
  const body = (await (await request.get("/api/threads?pageSize=1")).json()) as { threads: { id: number }[] };
  return `/threads/${body.threads[0]!.id}`;
}

/** The JavaScript a page loads until it is interactive, each file gzipped, and the errors it reports. */
async function scriptsOf(page: Page, path: string) {
  const scripts = new Map<string, number>();
  const errors: string[] = [];
  const pending: Promise<void>[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => (m.type() === "error" ? errors.push(m.text()) : undefined));
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    pending.push(res.body().then((body) => void scripts.set(new URL(res.url()).pathname, gzipSync(body).length)));
  });
  await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  return { scripts, total: [...scripts.values()].reduce((a, b) => a + b, 0), errors };
}

test("a visitor's browser loads no more than that, none of the signed-in forms' code, and hydrates without an error", async ({ page, request }) => {
  const thread = await firstThread(request);
  const paths = [
    "/",
    thread,
    "/projects",
    "/projects/yunqi-garden",
    "/projects/yunqi-garden/disclosures",
    "/projects/yunqi-garden/disclosures/print",
    "/stats",
    "/search?q=漏水",
    "/login",
    "/register",
    "/forgot-password",
  ];
  const problems: string[] = [];
  for (const path of paths) {
    const { scripts, total, errors } = await scriptsOf(page, path);
    // A hydration error makes React render the whole page again in the browser: the cost this budget is about.
    for (const e of errors) problems.push(`${path}: ${e.split("\n")[0]}`);
    if (total > PUBLIC_ROUTE_BUDGET) problems.push(`${path}: ${kb(total)} of JavaScript (${[...scripts].map(([f, n]) => `${f} ${kb(n)}`).join(", ")})`);
    const signedInCode = [...scripts.keys()].filter((f) => /thread-actions|photo-forms|photo-field|verify-email-notice|operations-banner/.test(f));
    if (signedInCode.length) problems.push(`${path}: loaded ${signedInCode.join(", ")}`);
  }
  expect(problems).toEqual([]);
});

test("a signed-in viewer's thread page has its forms from the start, without a hydration error", async ({ page, context, request }) => {
  await loginAs(context, "staff@example.com");
  const { scripts, errors } = await scriptsOf(page, await firstThread(request));
  expect(errors).toEqual([]);
  expect(
    [...scripts.keys()].some((f) => f.includes("thread-actions")),
    "the forms' code was loaded",
  ).toBe(true);
  await expect(page.locator("form.official-form")).toBeVisible();
  await expect(page.locator("#reply-title")).toBeVisible();
  await expect(page.locator('.reply-form textarea[name="body"]')).toBeVisible();
});
