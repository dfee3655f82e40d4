// Prepares the database before the app serves: creates the embedded database on
// first run, applies pending migrations, and (unless --no-seed) seeds the demo.
// `npm run dev` and `npm start` run it before Next.js with --before-app, which
// refuses a data directory that another app already serves; `npm run db:setup`
// alone goes through that app instead.
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { closeDatabase, connectDatabase } from "../lib/db";
import { DirectoryInUseError, findServingApp } from "../lib/embedded-database/ownership";
import { getEnv } from "../lib/env";
import { applyMigrations } from "../lib/migrations";
import { seedDemo } from "../prisma/seed";
import { loadEnvFiles } from "./load-env-files";

/** next-auth needs a secret; a fresh clone gets one generated into .env.local. */
function ensureAuthSecret(): void {
  if (process.env.AUTH_SECRET) return;
  const secret = randomBytes(32).toString("base64url");
  appendFileSync(".env.local", `${existsSync(".env.local") ? "\n" : ""}AUTH_SECRET=${secret}\n`);
  process.env.AUTH_SECRET = secret;
  console.log("Generated AUTH_SECRET into .env.local");
}

/** Before an app starts: a directory another app serves fails now, naming that process, rather than after the build loads. */
async function refuseDirectoryServedByAnApp(): Promise<void> {
  const env = getEnv();
  if (env.DATABASE_URL || env.EMBEDDED_DATABASE_DIR.startsWith("memory://")) return;
  const owner = await findServingApp(env.EMBEDDED_DATABASE_DIR);
  if (owner) {
    throw new DirectoryInUseError(env.EMBEDDED_DATABASE_DIR, owner, "One app process serves a data directory: stop that one first, or set EMBEDDED_DATABASE_DIR to another directory.");
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "no-seed": { type: "boolean", default: false }, "before-app": { type: "boolean", default: false } } });
  loadEnvFiles();
  ensureAuthSecret();
  const env = getEnv();
  if (values["before-app"]) await refuseDirectoryServedByAnApp();
  const database = await connectDatabase();
  const engineName = database.engine === "embedded" ? "embedded PostgreSQL (PGlite)" : "PostgreSQL server";
  const through = database.engine === "embedded" && database.access === "connection" ? ", through the app that serves it" : "";
  console.log(`Database: ${engineName} at ${database.engine === "embedded" ? resolve(database.location) : database.location}${through}`);
  const report = await applyMigrations(database);
  console.log(`Migrations: ${report.applied.length} applied${report.applied.length ? ` (${report.applied.join(", ")})` : ""}, ${report.alreadyApplied} already up to date`);
  for (const name of report.checksumMismatches) console.warn(`Warning: migration ${name} was edited after it was applied`);
  console.log(
    env.AKISMET_KEY
      ? `Akismet: on (${env.AKISMET_PROTOCOL}://${env.AKISMET_HOST}, timeout ${env.AKISMET_TIMEOUT_MS} ms)`
      : "Akismet: off — no AKISMET_KEY is set, so comments are not checked for spam by Akismet",
  );

  if (!values["no-seed"]) {
    // Beside the database it belongs to, so a second data directory keeps its own.
    const credentialsFile = database.engine === "embedded" ? `${resolve(database.location)}-demo-moderator.txt` : resolve("data/demo-moderator.txt");
    const seeded = await seedDemo(database.prisma);
    if (seeded.created) console.log(`Seeded the demo: ${seeded.articleSlugs.length} articles`);
    if (seeded.moderator) {
      mkdirSync(dirname(credentialsFile), { recursive: true });
      writeFileSync(credentialsFile, `email: ${seeded.moderator.email}\npassword: ${seeded.moderator.password}\n`, { mode: 0o600 });
    }
    if (existsSync(credentialsFile)) {
      const credentials = readFileSync(credentialsFile, "utf8").trim().replace(/\n/g, "  ");
      console.log(`Demo moderator: ${credentials}`);
    }
    console.log(`Demo articles: ${seeded.articleSlugs.map((slug) => `http://localhost:${env.PORT}/articles/${slug}`).join("  ")}`);
  }
  await closeDatabase();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await closeDatabase().catch(() => {});
  process.exit(1);
});
