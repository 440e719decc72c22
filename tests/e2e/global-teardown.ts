import fs from "node:fs";

export default function teardown() {
  if (process.env.E2E_DB_DIR) fs.rmSync(process.env.E2E_DB_DIR, { recursive: true, force: true });
}
