// Readers' data requests from the command line:
//   npm run privacy -- export --email E [--out FILE]   (JSON on stdout without --out)
//   npm run privacy -- erase --email E
// Both are logged (PrivacyRequest, the e-mail only as a keyed hash). While the app serves the embedded
// database, it goes through the app (scripts/command-database.ts), and an erasure reaches its cached pages at once.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { closeDatabase } from "../lib/db";
import { closeLiveBus, getLiveBus } from "../lib/live/live-bus";
import { eraseCommenterData } from "../lib/privacy/erase-commenter-data";
import { exportCommenterData } from "../lib/privacy/export-commenter-data";
import { commenterEmailSchema } from "../lib/validation/privacy-request";
import { openCommandDatabase } from "./command-database";
import { readIssueMessage } from "../lib/validation/issue-message";

const USAGE = `Usage: npm run privacy -- export --email E [--out FILE]
       npm run privacy -- erase --email E`;

/** A mistake on the command line: printed with the usage, exit code 1. */
class UsageError extends Error {}

type Command = { action: "export"; email: string; out: string | undefined } | { action: "erase"; email: string };

function readArguments(): Command {
  let parsed;
  try {
    parsed = parseArgs({ options: { email: { type: "string" }, out: { type: "string" } }, strict: true, allowPositionals: true });
  } catch (error) {
    // parseArgs names the unknown option or the one without a value.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [action, ...extra] = positionals;
  if (action !== "export" && action !== "erase") throw new UsageError(action ? `Unknown command "${action}": use export or erase` : "Say export or erase");
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}"`);
  if (values.email === undefined) throw new UsageError("Missing --email");
  const email = commenterEmailSchema.safeParse(values.email);
  if (!email.success) throw new UsageError(`--email: ${readIssueMessage(email.error.issues[0])}`);
  if (action === "erase") {
    if (values.out !== undefined) throw new UsageError("--out is for export only");
    return { action, email: email.data };
  }
  return { action, email: email.data, out: values.out };
}

async function main(): Promise<void> {
  const command = readArguments();
  const db = (await openCommandDatabase()).prisma;
  if (command.action === "export") {
    const data = await exportCommenterData(db, command.email);
    const json = `${JSON.stringify(data, null, 2)}\n`;
    if (command.out) {
      writeFileSync(command.out, json, { mode: 0o600 });
      console.error(`Wrote ${data.comments.length} comment${data.comments.length === 1 ? "" : "s"} and ${data.bans.length} ban${data.bans.length === 1 ? "" : "s"} of ${command.email} to ${command.out}`);
    } else {
      process.stdout.write(json);
    }
  } else {
    const result = await eraseCommenterData(db, command.email, { live: getLiveBus() });
    console.log(
      result.erased === 0 && result.bans === 0
        ? `Nothing stored for ${command.email}: no comments or bans to erase (the request is logged).`
        : `Erased ${command.email}: ${result.erased} comment${result.erased === 1 ? "" : "s"} now read "[deleted]", ${result.bans} ban${result.bans === 1 ? "" : "s"} emptied.`,
    );
  }
  await closeLiveBus();
  await closeDatabase();
}

main().catch(async (error: unknown) => {
  await closeLiveBus().catch(() => {});
  await closeDatabase().catch(() => {});
  console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : error instanceof Error ? error.message : error);
  process.exit(1);
});
