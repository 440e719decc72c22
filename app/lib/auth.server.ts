// Sessions and passwords. The only module that knows about lucia (v3, in maintenance):
// replacing it with hand-written sessions touches this file alone.
// See docs/decisions/0002-lucia-v3-sessions.md.
import { hash, verify } from "@node-rs/argon2";
import { DrizzlePostgreSQLAdapter, DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan, verifyRequestOrigin, type Adapter, type DatabaseUser, type Session } from "lucia";
import { sessions, users } from "../../db/schema";
import { readCookie } from "./cookies";
import { engine, getDb, transaction } from "./db.server";
import { getEnv } from "./env.server";
import type { Role } from "./domain";

export type SessionUser = {
  id: string;
  displayName: string;
  role: Role;
  locale: string | null;
  emailVerified: boolean;
  /** Banned users can read but not post. */
  banned: boolean;
};
export type { Session };

// lucia's default, said here because readSession judges it too.
const SESSION_EXPIRES_IN = new TimeSpan(30, "d");

// The drizzle adapter hands over the user row with its TypeScript property names.
function userAttributes(row: DatabaseUser["attributes"]) {
  return {
    displayName: row.displayName,
    role: row.role,
    locale: row.locale,
    emailVerified: row.emailVerifiedAt != null,
    banned: row.bannedAt != null,
  };
}

function createLucia(adapter: Adapter) {
  return new Lucia(adapter, {
    sessionExpiresIn: SESSION_EXPIRES_IN,
    sessionCookie: {
      name: "tousu_session",
      attributes: { secure: getEnv().COOKIE_SECURE, sameSite: "lax" },
    },
    getUserAttributes: userAttributes,
  });
}

let instance: { lucia: ReturnType<typeof createLucia>; adapter: Adapter; dbPath: string | undefined } | undefined;
/**
 * The query builder of the moment, for the adapter, which keeps the one it is given for good:
 * inside a transaction() the transaction's, otherwise the pool's. Given getDb() itself, an
 * adapter first made inside a transaction would run every later session query on that
 * transaction's connection, long after it went back to the pool: shared with other requests,
 * and closed once the pool lets it go.
 */
const currentDb = new Proxy({} as ReturnType<typeof getDb>, {
  get(_, property) {
    const db = getDb();
    const value = Reflect.get(db, property, db) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(db) : value;
  },
});

function current() {
  const dbPath = getEnv().DATABASE_URL ?? getEnv().DATABASE_PATH;
  if (!instance || instance.dbPath !== dbPath) {
    // The tables are the engine's own (db/schema.ts picks them): lucia is told which dialect they are.
    const adapter: Adapter =
      engine() === "pg"
        ? new DrizzlePostgreSQLAdapter(currentDb as never, sessions as never, users as never)
        : new DrizzleSQLiteAdapter(currentDb as never, sessions, users);
    instance = { lucia: createLucia(adapter), adapter, dbPath };
  }
  return instance;
}
function lucia() {
  return current().lucia;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: {
      displayName: string;
      role: Role;
      locale: string | null;
      emailVerifiedAt: number | null;
      bannedAt: number | null;
    };
  }
}

// argon2id (the library's default) with OWASP's recommended minimum cost.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 };

export function hashPassword(password: string) {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Used when an email is unknown, so that a failed login takes as long either way.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string) {
  dummyHash ??= hashPassword("not-a-real-password-for-timing");
  await verifyPassword(await dummyHash, password);
}

/** Creates a session and returns the Set-Cookie header value. */
// lucia writes sessions itself: through transaction(), like every other write.
export async function startSession(userId: string): Promise<string> {
  const session = await transaction(() => lucia().createSession(userId, {}));
  return lucia().createSessionCookie(session.id).serialize();
}

/** Ends the session and returns a Set-Cookie header that clears the cookie. */
export async function endSession(sessionId: string): Promise<string> {
  await transaction(() => lucia().invalidateSession(sessionId));
  return lucia().createBlankSessionCookie().serialize();
}

/** A Set-Cookie header that clears the session cookie (its session already ended). */
export function clearedSessionCookie(): string {
  return lucia().createBlankSessionCookie().serialize();
}

export async function endAllSessions(userId: string) {
  await transaction(() => lucia().invalidateUserSessions(userId));
}

/**
 * Reads the session cookie of a request. Returns the user and, when the cookie must
 * be refreshed or cleared, the Set-Cookie header to send.
 */
export async function readSession(cookieHeader: string | undefined | null): Promise<{
  user: SessionUser | null;
  session: Session | null;
  setCookie: string | null;
}> {
  const { lucia: l, adapter } = current();
  // Not lucia's own reader: it throws on any badly %-encoded cookie in the header, even another site's.
  const sessionId = readCookie(cookieHeader, l.sessionCookieName);
  if (!sessionId) return { user: null, session: null, setCookie: null };
  // Most requests only read: a session in the first half of its life is valid as it stands. They
  // do not take the write lock, so a reader never waits behind another's write.
  const [stored, storedUser] = await adapter.getSessionAndUser(sessionId);
  if (stored && storedUser && stored.expiresAt.getTime() - SESSION_EXPIRES_IN.milliseconds() / 2 > Date.now()) {
    return {
      user: { ...userAttributes(storedUser.attributes), id: storedUser.id },
      session: { id: stored.id, userId: stored.userId, fresh: false, expiresAt: stored.expiresAt },
      setCookie: null,
    };
  }
  if (!stored) return { user: null, session: null, setCookie: l.createBlankSessionCookie().serialize() };
  // Otherwise lucia extends the session or deletes it (it has expired, or its user is gone): a write.
  const { session, user } = await transaction(() => l.validateSession(sessionId));
  if (!session || !user) {
    return { user: null, session: null, setCookie: l.createBlankSessionCookie().serialize() };
  }
  const setCookie = session.fresh ? l.createSessionCookie(session.id).serialize() : null;
  return { user, session, setCookie };
}

export function sessionCookieName() {
  return lucia().sessionCookieName;
}

/** True when a state-changing request comes from our own pages. */
export function isSameOrigin(origin: string | null | undefined, host: string | null | undefined, extra: string[] = []) {
  if (!origin || !host) return false;
  return verifyRequestOrigin(origin, [host, ...extra]);
}
