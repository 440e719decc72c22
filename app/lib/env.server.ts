// Configuration, read and validated once from process.env. Defaults work on a laptop.
import { z } from "zod";

const flag = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no"])
    .optional()
    .transform((v) => (v === undefined ? fallback : ["1", "true", "yes"].includes(v)));

const isValidTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

function schema(nodeEnv: string | undefined) {
  const production = nodeEnv === "production";
  return z.object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_PATH: z.string().min(1).default("./data/forum.db"),
    SEED_DEMO: flag(true),
    SITE_TIME_ZONE: z.string().refine(isValidTimeZone, "not an IANA time zone").default("Asia/Shanghai"),
    // The address people use to reach the site; used in email links. Defaults to the request's host.
    PUBLIC_URL: z.url().optional(),
    COOKIE_SECURE: flag(production),
    // Number of proxies in front of the server (for the client IP used by rate limits).
    TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  });
}

export type Env = z.infer<ReturnType<typeof schema>>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema(process.env.NODE_ENV).safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}
