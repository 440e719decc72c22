// `npm run db:migrate`: applies db/migrations to DATABASE_PATH (the server also does this at start).
import { migrateDatabase } from "../app/lib/db.server";
import { getEnv } from "../app/lib/env.server";

await migrateDatabase();
console.log(`Migrated ${getEnv().DATABASE_PATH}`);
