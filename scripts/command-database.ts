// How every command reaches the database: the environment's database, through
// the running app when it owns the embedded directory (lib/db.ts
// connectDatabase), migrated to the code's schema. One function, so that a
// command added later cannot open a data directory behind the app's back.
import { connectDatabase, type DatabaseHandle } from "../lib/db";
import { applyMigrations } from "../lib/migrations";
import { loadEnvFiles } from "./load-env-files";

/** Loads .env files, connects (waiting for another command that holds the embedded directory), and applies pending migrations. */
export async function openCommandDatabase(): Promise<DatabaseHandle> {
  loadEnvFiles();
  const database = await connectDatabase();
  await applyMigrations(database);
  return database;
}
