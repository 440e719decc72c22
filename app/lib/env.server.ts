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
    // postgres://user:password@host:5432/db runs the site on PostgreSQL instead of the SQLite file.
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// address (leave it unset for SQLite)")
      .optional(),
    // Connections each web process keeps to PostgreSQL. Starting holds one for its lock while
    // the migrations run on another, so one alone would never start.
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2, "must be at least 2").max(100).default(10),
    SEED_DEMO: flag(true),
    SITE_TIME_ZONE: z.string().refine(isValidTimeZone, "not an IANA time zone").default("Asia/Shanghai"),
    // The address people use to reach the site; used in email links. Defaults to the request's host.
    PUBLIC_URL: z.url().optional(),
    COOKIE_SECURE: flag(production),
    // One line per request (method, path, status, time); the benchmark turns it off.
    LOG_REQUESTS: flag(true),
    // Number of proxies in front of the server (for the client IP used by rate limits).
    TRUST_PROXY: z.coerce.number().int().min(0).default(0),
    // The public promise: hours to acknowledge and to answer a complaint. Fixed on each thread when posted.
    ACK_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(3),
    ANSWER_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 90)
      .default(12),
    // Who hears about what.
    HQ_EMAIL: z.email().default("hq@example.com"),
    ESCALATION_EMAIL: z.email().default("escalation@example.com"),
    STAFF_NOTIFY_EMAIL: z.email().default("staff@example.com"),
    MAIL_FROM: z.string().min(3).default("Tousu 投诉 <noreply@example.com>"),
    // smtp://user:pass@host:587 ; without it, each message is written as an .eml file to OUTBOX_DIR.
    SMTP_URL: z.url().optional(),
    OUTBOX_DIR: z.string().min(1).default("./data/outbox"),
    // Where photos are kept (processed files only, by content hash). Back it up with the database.
    UPLOAD_DIR: z.string().min(1).default("./data/uploads"),
    // What one user may upload in 24 hours, in MB before processing.
    PHOTO_DAILY_MB: z.coerce.number().int().min(1).max(10_000).default(300),
    // Signs unsubscribe links. Without it, one is made at first start and kept in the database.
    APP_SECRET: z.string().min(32).optional(),
    // Attempts allowed per window: login per address and per account (15 min), registration
    // per address, new threads and replies per user (1 h).
    RATE_LIMIT_LOGINIP: z.coerce.number().int().positive().default(30),
    RATE_LIMIT_LOGINACCOUNT: z.coerce.number().int().positive().default(10),
    // Log-in attempts per account from a browser that has logged in to it before (15 min).
    RATE_LIMIT_LOGINDEVICE: z.coerce.number().int().positive().default(10),
    RATE_LIMIT_REGISTER: z.coerce.number().int().positive().default(10),
    RATE_LIMIT_THREAD: z.coerce.number().int().positive().default(5),
    RATE_LIMIT_REPLY: z.coerce.number().int().positive().default(30),
    // Photo uploads per user (1 h), beside the limits on the posts they go with.
    RATE_LIMIT_PHOTO: z.coerce.number().int().positive().default(90),
    // A post flagged by this many different users is hidden until staff review it. Only
    // flags from accounts with a verified address that are old enough or active enough
    // count towards hiding; every flag still reaches the staff's review queue.
    FLAG_HIDE_THRESHOLD: z.coerce.number().int().min(1).max(100).default(3),
    FLAG_MIN_ACCOUNT_DAYS: z.coerce.number().min(0).max(365).default(7),
    FLAG_MIN_POSTS: z.coerce.number().int().min(0).max(1000).default(3),
    // How many a flag from an owner verified in the post's project counts for, toward hiding.
    FLAG_VERIFIED_OWNER_WEIGHT: z.coerce.number().int().min(1).max(10).default(2),
    RATE_LIMIT_FLAG: z.coerce.number().int().positive().default(20),
    RATE_LIMIT_VERIFYRESEND: z.coerce.number().int().positive().default(5),
    // Days after the official answer before a silent author is asked whether it is solved.
    VERDICT_REMINDER_DAYS: z.coerce.number().positive().max(365).default(7),
    // How often the deadline scheduler looks for breaches.
    SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    // Web server processes sharing the port; more than one uses more cores.
    WEB_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
    // The largest form post, in bytes; a larger body is refused (413) as it streams in. Routes that
    // take files have their own limits (app/lib/body-limits.ts).
    FORM_BODY_LIMIT: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(256 * 1024),
    // How long a page read without a session may be served from memory (0 turns it off).
    // Any database write drops every cached page at once.
    PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    // The bearer token that /metrics (Prometheus text) asks for; without it /metrics does not exist.
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
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

/** The address people use to reach the site, without a trailing slash. */
export function publicUrl(): string {
  const env = getEnv();
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** Reads process.env again on next use (tests that change a setting mid-file). */
export function resetEnv() {
  cached = undefined;
}
