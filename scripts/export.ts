// Writes everything out:
//   npm run export -- --out FILE [--format jsonl|wxr]
// jsonl (the default): every site, article, comment with its verdicts and
// decisions, as JSON lines (lib/export/jsonl.ts). wxr: every article with its
// comments as a WordPress export (lib/export/wxr.ts), which WordPress's
// importer and npm run import read. While the app serves the embedded
// database, it goes through the app (scripts/command-database.ts).
import { parseArgs } from "node:util";
import { closeDatabase } from "../lib/db";
import { writeJsonlExport } from "../lib/export/jsonl";
import { writeWxrExport } from "../lib/export/wxr";
import { openCommandDatabase } from "./command-database";

const exportFormats = ["jsonl", "wxr"] as const;
type ExportFormat = (typeof exportFormats)[number];

const USAGE = `Usage: npm run export -- --out FILE [--format ${exportFormats.join("|")}]`;

/** A mistake on the command line: printed with the usage, exit code 1. */
class UsageError extends Error {}

function readArguments(): { out: string; format: ExportFormat } {
  let values: { out?: string | undefined; format?: string | undefined };
  try {
    ({ values } = parseArgs({ options: { out: { type: "string" }, format: { type: "string" } }, strict: true, allowPositionals: false }));
  } catch (error) {
    // parseArgs names the unknown option or the one without a value.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!values.out) throw new UsageError("Missing --out FILE: where to write the export");
  const format = values.format ?? "jsonl";
  if (!(exportFormats as readonly string[]).includes(format)) throw new UsageError(`--format must be ${exportFormats.join(" or ")}, not “${format}”`);
  return { out: values.out, format: format as ExportFormat };
}

async function main(): Promise<void> {
  const { out, format } = readArguments();
  const db = (await openCommandDatabase()).prisma;
  if (format === "wxr") {
    const { articles, comments } = await writeWxrExport(db, out);
    console.log(`Wrote ${articles} articles and ${comments} comments to ${out} (WordPress WXR 1.2)`);
  } else {
    const { lines } = await writeJsonlExport(db, out);
    console.log(`Wrote ${lines} lines to ${out} (JSON lines)`);
  }
  await closeDatabase();
}

main().catch(async (error: unknown) => {
  await closeDatabase().catch(() => {});
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
