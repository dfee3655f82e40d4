// Fills the embedded data directory from a backup made by `npm run db:backup`:
//   npm run db:restore -- FILE [--force]
// Refuses while the app (or any command) holds the directory, and refuses a
// directory that is not empty unless --force, which moves its contents aside.
import { parseArgs } from "node:util";
import { restoreEmbeddedDatabase } from "../lib/embedded-database/backup";
import { getEnv } from "../lib/env";
import { loadEnvFiles } from "./load-env-files";

const USAGE = "Usage: npm run db:restore -- FILE [--force]";

function readArguments(): { file: string; force: boolean } {
  let parsed: { values: { force?: boolean | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({ options: { force: { type: "boolean", default: false } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file) throw new Error(`Missing FILE: the backup to restore\n${USAGE}`);
  if (extra.length) throw new Error(`Unexpected argument ${extra[0]}: give one backup file\n${USAGE}`);
  return { file, force: parsed.values.force ?? false };
}

async function main(): Promise<void> {
  const { file, force } = readArguments();
  loadEnvFiles();
  const env = getEnv();
  if (env.DATABASE_URL) {
    throw new Error("DATABASE_URL names a PostgreSQL server: restore a pg_dump backup with pg_restore (or psql for a plain one). npm run db:restore fills the embedded database.");
  }
  if (env.EMBEDDED_DATABASE_DIR.startsWith("memory://")) throw new Error("EMBEDDED_DATABASE_DIR is memory://: set it to the directory to restore into.");
  const report = await restoreEmbeddedDatabase(env.EMBEDDED_DATABASE_DIR, file, { force });
  console.log(`Restored ${file} into ${env.EMBEDDED_DATABASE_DIR} (${report.migrations} migrations recorded)`);
  if (report.previousMovedTo) console.log(`Its previous contents were moved to ${report.previousMovedTo}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
