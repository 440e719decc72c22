// Rate limits for login, registration and posting, counted once for the whole site. On
// SQLite (one machine): in memory, in this process, or, when several web processes share the
// port, in the primary process for all of them (so that N processes do not allow N times the
// attempts). On PostgreSQL (several machines): in the database's rate_limits table, which
// every process on every machine counts in. Keys are hashed so no address or email is kept
// in the clear.
import cluster from "node:cluster";
import { createHash } from "node:crypto";
import { RateLimiterCluster, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { engine, postgresPool } from "./db.server";
import { getEnv, type Env } from "./env.server";

export type LimitName = "loginIp" | "loginAccount" | "loginDevice" | "register" | "thread" | "reply" | "photo" | "flag" | "verifyResend";

// Window lengths in seconds; the number of attempts in each comes from the configuration.
const WINDOWS: Record<LimitName, { setting: keyof Env; duration: number }> = {
  loginIp: { setting: "RATE_LIMIT_LOGINIP", duration: 15 * 60 },
  loginAccount: { setting: "RATE_LIMIT_LOGINACCOUNT", duration: 15 * 60 },
  // Per account and device cookie: a browser that has logged in before is not held by strangers' failures.
  loginDevice: { setting: "RATE_LIMIT_LOGINDEVICE", duration: 15 * 60 },
  register: { setting: "RATE_LIMIT_REGISTER", duration: 60 * 60 },
  thread: { setting: "RATE_LIMIT_THREAD", duration: 60 * 60 },
  reply: { setting: "RATE_LIMIT_REPLY", duration: 60 * 60 },
  photo: { setting: "RATE_LIMIT_PHOTO", duration: 60 * 60 },
  flag: { setting: "RATE_LIMIT_FLAG", duration: 60 * 60 },
  verifyResend: { setting: "RATE_LIMIT_VERIFYRESEND", duration: 60 * 60 },
};

type Limiter = RateLimiterMemory | RateLimiterCluster | RateLimiterPostgres;
const limiters = new Map<LimitName, Limiter>();
// The pool the PostgreSQL limiters count through: a new one (the database reopened) makes new limiters.
let countingPool: ReturnType<typeof postgresPool> | undefined;

function limiter(name: LimitName): Limiter {
  if (engine() === "pg" && countingPool !== postgresPool()) {
    limiters.clear();
    countingPool = postgresPool();
  }
  let l = limiters.get(name);
  if (!l) {
    const { setting, duration } = WINDOWS[name];
    const options = { keyPrefix: name, points: Number(getEnv()[setting]), duration };
    if (countingPool && engine() === "pg") {
      // The table comes with the migrations (db/migrations-pg); expired rows are cleared by the scheduler.
      l = new RateLimiterPostgres({ ...options, storeClient: countingPool, tableName: "rate_limits", tableCreated: true, clearExpiredByTimeout: false });
    } else {
      l = cluster.isWorker ? new RateLimiterCluster({ ...options, timeoutMs: 3000 }) : new RateLimiterMemory(options);
    }
    limiters.set(name, l);
  }
  return l;
}

const keyOf = (key: string) => createHash("sha256").update(key).digest("base64url").slice(0, 22);

export class RateLimitedError extends Error {
  constructor(public retryAfterSeconds: number) {
    super("rate limited");
  }
}

/** Counts one attempt; throws RateLimitedError when the limit is used up. */
export async function consume(name: LimitName, key: string): Promise<void> {
  try {
    await limiter(name).consume(keyOf(key));
  } catch (e) {
    if (e instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
    throw e;
  }
}

/** Forgets the attempts of a key (after a successful login). */
export async function reset(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(keyOf(key));
}

export function resetAllLimits() {
  limiters.clear();
}
