// Sessions are read and written on the database connection of the moment: a transaction's
// while one is open, the pool's otherwise. lucia's adapter keeps the query builder it is made
// with, and it is made on first use, which is inside a transaction whenever that use is
// starting a session (a log-in on a fresh server). On PostgreSQL that transaction's connection
// goes back to the pool when it commits, is shared with other requests, and is closed when the
// pool lets it go after ten idle seconds: from then on, every signed-in page failed.
import { describe, expect, it } from "vitest";
import { endSession, readSession, startSession } from "../../app/lib/auth.server";
import { engine, postgresPool, transaction } from "../../app/lib/db.server";
import { getEnv } from "../../app/lib/env.server";
import { makeUser } from "../support/factories";

const cookieOf = (setCookie: string) => setCookie.split(";")[0]!;

/** PostgreSQL: closes every connection the pool holds now, so the next query opens a new one. */
async function closeEveryPooledConnection() {
  const pool = postgresPool();
  const clients = await Promise.all(Array.from({ length: getEnv().DATABASE_POOL_SIZE }, () => pool.connect()));
  // Released with an error, a connection is closed and leaves the pool.
  for (const client of clients) client.release(new Error("closed by the test"));
  expect(pool.totalCount).toBe(0);
}

describe("sessions and the database connection", () => {
  it("reads a session on a live connection after the one its transaction used is closed", async () => {
    const user = await makeUser("owner");
    // The first session this process starts: lucia's adapter is made inside its transaction.
    const cookie = cookieOf(await startSession(user.id));
    if (engine() === "pg") await closeEveryPooledConnection();

    const read = await readSession(cookie);
    expect(read.user?.id).toBe(user.id);
    await endSession(read.session!.id);
    expect((await readSession(cookie)).user).toBeNull();
  });

  it("writes a session inside the transaction that starts it: rolled back, there is none", async () => {
    const user = await makeUser("owner");
    let cookie = "";
    await expect(
      transaction(async () => {
        cookie = cookieOf(await startSession(user.id));
        throw new Error("the work after the session failed");
      }),
    ).rejects.toThrow("the work after the session failed");
    expect(cookie).toMatch(/^tousu_session=\w+$/);
    expect((await readSession(cookie)).user).toBeNull();
  });
});
