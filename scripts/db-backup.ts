// Writes a consistent copy of the database to a file:
//   npm run db:backup -- --out FILE
// On the embedded database it works while the app serves (the app makes the
// copy between two transactions and goes on serving) and when nothing runs.
// On a PostgreSQL server, pg_dump is the tool: this says so.
import { parseArgs } from "node:util";
import { backupEmbeddedDatabase } from "../lib/embedded-database/backup";
import { getEnv } from "../lib/env";
import { loadEnvFiles } from "./load-env-files";

const USAGE = "Usage: npm run db:backup -- --out FILE";

function readArguments(): { out: string } {
  let values: { out?: string | undefined };
  try {
    ({ values } = parseArgs({ options: { out: { type: "string" } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (!values.out) throw new Error(`Missing --out FILE: where to write the backup\n${USAGE}`);
  return { out: values.out };
}

async function main(): Promise<void> {
  const { out } = readArguments();
  loadEnvFiles();
  const env = getEnv();
  if (env.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL names a PostgreSQL server: back it up with PostgreSQL's own tools, e.g.\n" +
        `  pg_dump --format=custom --file ${out} "$DATABASE_URL"\n` +
        "and restore with pg_restore. npm run db:backup copies the embedded database.",
    );
  }
  if (env.EMBEDDED_DATABASE_DIR.startsWith("memory://")) throw new Error("EMBEDDED_DATABASE_DIR is memory://: an in-memory database has nothing to back up.");
  const started = Date.now();
  const report = await backupEmbeddedDatabase(env.EMBEDDED_DATABASE_DIR, out);
  const by = report.madeBy === "app" ? "copied by the running app" : "copied from the closed data directory";
  console.log(`Backed up ${env.EMBEDDED_DATABASE_DIR} to ${report.file} (${(report.bytes / 1024 / 1024).toFixed(1)} MB, ${by}, ${Date.now() - started} ms)`);
  console.log(`Restore with: npm run db:restore -- ${out}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
