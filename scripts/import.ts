// Imports a WordPress export (WXR) or a Disqus export (XML):
//   npm run import -- --format wxr|disqus FILE [--site KEY] [--dry-run]
// Running it again on the same file adds nothing. While the app serves the
// embedded database, it goes through the app (scripts/command-database.ts),
// and the app's cached pages of the changed threads are dropped at once.
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { closeDatabase } from "../lib/db";
import { AppError } from "../lib/errors";
import { formatImportSummary, importComments, importFormats, type ImportFormat } from "../lib/import/import-comments";
import { ImportFileError } from "../lib/import/xml-events";
import { closeLiveBus, getLiveBus } from "../lib/live/live-bus";
import { openCommandDatabase } from "./command-database";

const USAGE = `Usage: npm run import -- --format ${importFormats.join("|")} FILE [--site KEY] [--dry-run]`;

/** A mistake on the command line: printed with the usage, exit code 1. */
class UsageError extends Error {}

function readArguments(): { format: ImportFormat; file: string; siteKey: string | undefined; isDryRun: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ options: { format: { type: "string" }, site: { type: "string" }, "dry-run": { type: "boolean" } }, strict: true, allowPositionals: true });
  } catch (error) {
    // parseArgs names the unknown option or the one without a value.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.format === undefined) throw new UsageError("Missing --format: wxr (WordPress) or disqus");
  if (!(importFormats as readonly string[]).includes(values.format)) throw new UsageError(`--format must be ${importFormats.join(" or ")}, not “${values.format}”`);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "Missing FILE: the export to import" : `One FILE only, got ${positionals.length}`);
  const file = positionals[0]!;
  try {
    if (!statSync(file).isFile()) throw new UsageError(`FILE ${file} is not a file`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`FILE ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { format: values.format as ImportFormat, file, siteKey: values.site, isDryRun: values["dry-run"] === true };
}

/** A progress bar by bytes read, on a terminal only: piped output stays a plain summary. */
function startProgressBar(totalBytes: number): { update: (bytesRead: number) => void; stop: () => void } {
  if (!process.stdout.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({ format: "Importing [{bar}] {percentage}% | {value}/{total} MB | {eta_formatted} left", hideCursor: true }, cliProgress.Presets.shades_classic);
  const toMegabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  bar.start(toMegabytes(totalBytes), 0);
  return { update: (bytesRead) => bar.update(toMegabytes(bytesRead)), stop: () => bar.stop() };
}

async function main(): Promise<void> {
  const { format, file, siteKey, isDryRun } = readArguments();
  const db = (await openCommandDatabase()).prisma;
  const progress = startProgressBar(statSync(file).size);
  const started = Date.now();
  let summary;
  try {
    summary = await importComments(db, { format, file, siteKey, isDryRun, live: isDryRun ? undefined : getLiveBus(), onBytes: progress.update });
  } finally {
    progress.stop();
  }
  console.log(formatImportSummary(summary));
  console.log(`Took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await closeLiveBus();
  await closeDatabase();
}

main().catch(async (error: unknown) => {
  await closeLiveBus().catch(() => {});
  await closeDatabase().catch(() => {});
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else if (error instanceof AppError || error instanceof ImportFileError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
