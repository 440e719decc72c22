// A process that claims one clock's breach and then hangs with the claim held, uncommitted,
// until it is killed: what a server looks like to the others when it dies mid-tick.
// Usage: tsx tests/support/hold-breach-claim.ts <clockId> <now>; prints "claimed" once it holds it.
import { transaction } from "../../app/lib/db.server";
import { recordBreach } from "../../app/models/clocks.server";

const [clockId, now] = process.argv.slice(2).map(Number);
await transaction(async (tx) => {
  if (!(await recordBreach(tx, clockId!, now!))) throw new Error("nothing to claim");
  process.stdout.write("claimed\n");
  await new Promise(() => undefined);
});
