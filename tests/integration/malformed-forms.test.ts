// An action posted as JSON, as text, with no content type or as broken multipart answers
// 415 or 400 with the route's error page, on every route with an action: never a 500.
import fs from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { action as forgotAction } from "../../app/routes/forgot-password";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callActionWith } from "../support/remix";

const MALFORMED: [string, { body?: string; headers?: Record<string, string> }, number][] = [
  ["JSON", { body: JSON.stringify({ email: "owner@example.com" }), headers: { "Content-Type": "application/json" } }, 415],
  ["text/plain", { body: "email=owner@example.com", headers: { "Content-Type": "text/plain;charset=UTF-8" } }, 415],
  ["no content type", { body: "email=owner@example.com", headers: {} }, 415],
  ["no body at all", {}, 415],
  ["multipart without a boundary", { body: "email=x", headers: { "Content-Type": "multipart/form-data" } }, 400],
  [
    "multipart that does not match its boundary",
    { body: '--other\r\nContent-Disposition: form-data; name="email"\r\n\r\nx', headers: { "Content-Type": "multipart/form-data; boundary=xyz" } },
    400,
  ],
  [
    "multipart cut off",
    { body: '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\nx', headers: { "Content-Type": "multipart/form-data; boundary=xyz" } },
    400,
  ],
];

describe("malformed form posts", () => {
  it.each(MALFORMED)("%s gets a %i, not a 500", async (_name, init, status) => {
    const res = await callActionWith(forgotAction, "/forgot-password", init);
    expect(res.status).toBe(status);
  });

  it("a well-formed multipart form is still read", async () => {
    const form = new FormData();
    form.set("email", "nobody@example.com");
    const res = await callActionWith(forgotAction, "/forgot-password", { body: form });
    expect(res.status).toBeLessThan(400);
  });

  describe("on every route with an action", () => {
    const dir = path.resolve("app/routes");
    const files = fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f));
    let params: Record<string, string> = {};
    let admin: { id: string };
    beforeAll(async () => {
      admin = await makeUser("admin");
      const project = await makeProject();
      const thread = await makeThread({ authorId: admin.id, projectId: project.id });
      params = { id: String(thread), slug: project.slug, versionId: "1", month: "2026-11" };
    });

    it.each(files)("%s", async (file) => {
      const mod = (await import(path.join(dir, file))) as { action?: (args: ActionFunctionArgs) => unknown };
      if (!mod.action) return;
      for (const [, init] of MALFORMED) {
        for (const user of [admin, null]) {
          const res = await callActionWith(mod.action, "/somewhere", init, { user, params });
          expect(res.status, `${file}: ${JSON.stringify(init)}`).toBeLessThan(500);
        }
      }
    });
  });
});
