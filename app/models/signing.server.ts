// Signatures with the site's secret (links in emails, cookies): APP_SECRET, or one made
// once and kept in the database.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { appSettings } from "../../db/schema";
import { getDb, inTransaction, transaction } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";

let cached: { path: string; secret: string } | undefined;

async function appSecret(): Promise<string> {
  const env = getEnv();
  if (env.APP_SECRET) return env.APP_SECRET;
  const key = env.DATABASE_URL ?? env.DATABASE_PATH;
  if (cached?.path === key) return cached.secret;
  await transaction(async (tx) => {
    await tx
      .insert(appSettings)
      .values({ key: "app_secret", value: randomBytes(32).toString("base64url") })
      .onConflictDoNothing()
      .run();
  });
  const secret = (await getDb().select().from(appSettings).where(eq(appSettings.key, "app_secret")).get())!.value;
  // Read inside a caller's transaction, the secret may be one that transaction has just made
  // and will roll back: kept only once it is known to be committed.
  if (!inTransaction()) cached = { path: key, secret };
  return secret;
}

export async function sign(purpose: string, value: string): Promise<string> {
  return createHmac("sha256", await appSecret())
    .update(`${purpose}\n${value}`)
    .digest("base64url");
}

export async function verifySignature(purpose: string, value: string, signature: string): Promise<boolean> {
  const expected = Buffer.from(await sign(purpose, value));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
