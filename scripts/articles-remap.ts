// Moves articles (and so their threads) to new URLs:
//   npm run articles:remap -- --from https://old.example/2024/ --to https://news.example/archive/2024/ [--dry-run]
//   npm run articles:remap -- --csv moves.csv [--dry-run]        (old,new per line; an old,new header is allowed)
// Prints every move; refuses (exit 1, nothing moved) a move onto a URL another article has, naming it.
// While the app serves the embedded database, it goes through the app (scripts/command-database.ts).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseRemapCsv, remapArticleUrls, requirePrefixRequest, type RemapRequest } from "../lib/articles/remap";
import { closeDatabase } from "../lib/db";
import { AppError } from "../lib/errors";
import { closeLiveBus, getLiveBus } from "../lib/live/live-bus";
import { openCommandDatabase } from "./command-database";

const USAGE = `Usage: npm run articles:remap -- --from PREFIX --to PREFIX [--dry-run]
       npm run articles:remap -- --csv FILE [--dry-run]`;

/** A mistake on the command line: printed with the usage, exit code 1. */
class UsageError extends Error {}

function readArguments(): { request: RemapRequest; dryRun: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ options: { from: { type: "string" }, to: { type: "string" }, csv: { type: "string" }, "dry-run": { type: "boolean" } }, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  const dryRun = values["dry-run"] === true;
  if (values.csv !== undefined) {
    if (values.from !== undefined || values.to !== undefined) throw new UsageError("Give either --csv or --from and --to, not both");
    let text: string;
    try {
      text = readFileSync(values.csv, "utf8");
    } catch (error) {
      throw new UsageError(`Cannot read ${values.csv}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { request: { kind: "pairs", pairs: parseRemapCsv(text) }, dryRun };
  }
  if (values.from === undefined || values.to === undefined) throw new UsageError(values.from === undefined && values.to === undefined ? "Give --from and --to, or --csv" : `Missing ${values.from === undefined ? "--from" : "--to"}`);
  return { request: requirePrefixRequest(values.from, values.to), dryRun };
}

async function main(): Promise<number> {
  const { request, dryRun } = readArguments();
  const db = (await openCommandDatabase()).prisma;
  const result = await remapArticleUrls(db, request, { dryRun, live: getLiveBus() });
  await closeLiveBus();
  await closeDatabase();

  for (const url of result.unmatched) console.log(`No article has ${url}: skipped.`);
  if (result.conflicts.length > 0) {
    for (const { move, holder } of result.conflicts) console.error(`Refused: ${move.slug} cannot move to ${move.to}: article ${holder.slug} ("${holder.title}") has that URL.`);
    console.error("Nothing was moved.");
    return 1;
  }
  if (result.moves.length === 0) {
    console.log("No article to move.");
    return 0;
  }
  const verb = result.isApplied ? "Moved" : "Would move (dry run, nothing written)";
  console.log(`${verb} ${result.moves.length} article${result.moves.length === 1 ? "" : "s"}:`);
  for (const move of result.moves) console.log(`  ${move.slug}: ${move.from} → ${move.to}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    await closeLiveBus().catch(() => {});
    await closeDatabase().catch(() => {});
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else console.error(error instanceof AppError || error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
