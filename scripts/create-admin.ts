// `npm run create-admin -- --email you@example.com --name "Your name"`: makes (or promotes) an admin.
// The password is read from ADMIN_PASSWORD or asked for on the terminal, never from argv.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { migrateDatabase } from "../app/lib/db.server";
import { PASSWORD_MIN } from "../app/lib/domain";
import { setAdminByEmail } from "../app/models/users.server";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" } },
});

async function ask(question: string) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

const email = values.email ?? (await ask("Admin email: "));
const name = values.name ?? (await ask("Display name: "));
const password = process.env.ADMIN_PASSWORD ?? (await ask(`Password (at least ${PASSWORD_MIN} characters): `));

const parsed = z.object({ email: z.email(), name: z.string().min(1).max(40), password: z.string().min(PASSWORD_MIN) }).safeParse({ email, name, password });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
  process.exit(1);
}

await migrateDatabase();
const result = await setAdminByEmail(parsed.data.email, parsed.data.name, parsed.data.password);
console.log(result.created ? `Created admin ${parsed.data.email}.` : `${parsed.data.email} is now an admin (password updated).`);
