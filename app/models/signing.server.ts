// Signatures with the site's secret (links in emails, cookies): APP_SECRET, or one made
// once and kept in the database.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { appSettings } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";

let cached: { path: string; secret: string } | undefined;

function appSecret(): string {
  const env = getEnv();
  if (env.APP_SECRET) return env.APP_SECRET;
  if (cached?.path === env.DATABASE_PATH) return cached.secret;
  const db = getDb();
  db.insert(appSettings)
    .values({ key: "app_secret", value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing()
    .run();
  const secret = db.select().from(appSettings).where(eq(appSettings.key, "app_secret")).get()!.value;
  cached = { path: env.DATABASE_PATH, secret };
  return secret;
}

export function sign(purpose: string, value: string): string {
  return createHmac("sha256", appSecret()).update(`${purpose}\n${value}`).digest("base64url");
}

export function verifySignature(purpose: string, value: string, signature: string): boolean {
  const expected = Buffer.from(sign(purpose, value));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
