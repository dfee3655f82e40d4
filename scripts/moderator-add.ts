// Creates a dashboard account, or updates its password, role and name:
//   npm run moderator:add -- --email E --password P [--role admin|moderator|member] [--name N]
// Applies pending migrations first, so it works on a fresh data directory too; while the app serves
// the embedded database, it goes through the app (scripts/command-database.ts).
// A new account's role defaults to moderator; an existing one keeps its role unless --role is given.
import { parseArgs } from "node:util";
import { accountRoles, moderatorInputSchema, upsertModerator } from "../lib/auth/moderators";
import { closeDatabase } from "../lib/db";
import { AppError } from "../lib/errors";
import { openCommandDatabase } from "./command-database";
import { readIssueMessage } from "../lib/validation/issue-message";

const USAGE = `Usage: npm run moderator:add -- --email E --password P [--role ${accountRoles.join("|")}] [--name N]`;

/** A mistake on the command line: printed with the usage, exit code 1. */
class UsageError extends Error {}

function readArguments() {
  try {
    const { values } = parseArgs({
      options: { email: { type: "string" }, password: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
      strict: true,
      allowPositionals: false,
    });
    const missing = (["email", "password"] as const).filter((name) => values[name] === undefined);
    if (missing.length) throw new UsageError(`Missing ${missing.map((name) => `--${name}`).join(" and ")}`);
    return { email: values.email!, password: values.password!, role: values.role as (typeof accountRoles)[number] | undefined, name: values.name };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs names the unknown option or the one without a value.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Checks the input before the database is opened, so a typo fails fast; throws the same error upsertModerator would. */
function requireValidAccount(input: ReturnType<typeof readArguments>): void {
  const parsed = moderatorInputSchema.safeParse(input);
  if (parsed.success) return;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "input")] ??= readIssueMessage(issue);
  throw new AppError("validation", "Invalid account", { fields });
}

async function main(): Promise<void> {
  const input = readArguments();
  requireValidAccount(input);
  const db = (await openCommandDatabase()).prisma;
  // Without --role an existing account keeps its role (upsertModerator), so resetting an administrator's password does not demote them.
  const { account, created } = await upsertModerator(db, input);
  console.log(`${created ? "Created" : "Updated"} moderator ${account.email} (${account.role})`);
  await closeDatabase();
}

main().catch(async (error: unknown) => {
  await closeDatabase().catch(() => {});
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
  } else if (error instanceof AppError && error.fields) {
    console.error("Invalid account:");
    for (const [field, message] of Object.entries(error.fields)) console.error(`  --${field}: ${message}`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
