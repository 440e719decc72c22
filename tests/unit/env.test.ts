// The settings a server starts with: one it could not run with is refused at start, by name.
import { afterEach, describe, expect, it } from "vitest";
import { getEnv, resetEnv } from "../../app/lib/env.server";

const saved = process.env.DATABASE_POOL_SIZE;
afterEach(() => {
  if (saved === undefined) delete process.env.DATABASE_POOL_SIZE;
  else process.env.DATABASE_POOL_SIZE = saved;
  resetEnv();
});

describe("DATABASE_POOL_SIZE", () => {
  it("is refused below 2: starting holds one connection for its lock and migrates on another", () => {
    for (const size of ["0", "1"]) {
      process.env.DATABASE_POOL_SIZE = size;
      resetEnv();
      expect(() => getEnv()).toThrow(/DATABASE_POOL_SIZE: must be at least 2/);
    }
  });

  it("takes 2 and more, and is 10 when unset", () => {
    process.env.DATABASE_POOL_SIZE = "2";
    resetEnv();
    expect(getEnv().DATABASE_POOL_SIZE).toBe(2);
    delete process.env.DATABASE_POOL_SIZE;
    resetEnv();
    expect(getEnv().DATABASE_POOL_SIZE).toBe(10);
  });
});
