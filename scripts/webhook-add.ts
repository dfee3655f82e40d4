// Adds a webhook to a site, or updates the site's hook at that URL:
//   npm run webhook:add -- --site KEY --url URL [--secret S] [--event E …]
// Without --event the hook hears comment.created, comment.approved and comment.rejected
// (an update without --event keeps its events). Without --secret a new hook gets a
// generated one; an update keeps its secret. The secret is printed when it is made or
// given, this once: the receiver keeps it to check X-Tertulia-Signature.
// Applies pending migrations first, so it works on a fresh data directory too; while the app serves
// the embedded database, it goes through the app (scripts/command-database.ts).
import { parseArgs } from "node:util";
import { closeDatabase } from "../lib/db";
import { AppError } from "../lib/errors";
import { WEBHOOK_EVENTS, webhookEventsSchema, webhookSecretSchema } from "../lib/validation/webhook-input";
import { createOrUpdateWebhook } from "../lib/webhooks/webhook-admin";
import { findWebhookUrlProblem } from "../lib/webhooks/webhook-destination";
import { webhookPolicyFromEnv } from "../lib/webhooks/webhook-policy";
import { openCommandDatabase } from "./command-database";
import { loadEnvFiles } from "./load-env-files";
import { readIssueMessage } from "../lib/validation/issue-message";

const USAGE = [
  "Usage: npm run webhook:add -- --site KEY --url URL [--secret S] [--event E …]",
  "  --site KEY    the site whose comments the hook hears (npm run site:add prints its key)",
  "  --url URL     where the events are POSTed (http or https; never this app itself)",
  "  --secret S    signs the deliveries (16–200 printable characters; e.g. openssl rand -hex 32); generated for a new hook when absent",
  `  --event E     one of ${WEBHOOK_EVENTS.join(", ")}; repeat for several (default: all three)`,
].join("\n");

/** A mistake on the command line: printed with the usage, exit code 1. */
class UsageError extends Error {}

/** The command-line option behind each input field, for error messages. */
const OPTION_BY_FIELD: Record<string, string> = { siteKey: "--site", siteId: "--site", url: "--url", events: "--event", secret: "--secret" };

function optionOf(field: string): string {
  return OPTION_BY_FIELD[field.split(".")[0]!] ?? field;
}

function readArguments() {
  try {
    const { values } = parseArgs({
      options: { site: { type: "string" }, url: { type: "string" }, secret: { type: "string" }, event: { type: "string", multiple: true } },
      strict: true,
      allowPositionals: false,
    });
    const missing = [values.site === undefined ? "--site" : null, values.url === undefined ? "--url" : null].filter(Boolean);
    if (missing.length) throw new UsageError(`Missing ${missing.join(" and ")}`);
    return { siteKey: values.site!, url: values.url!, secret: values.secret, events: values.event };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs names the unknown option or the one without a value.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function invalid(field: string, message: string): AppError {
  return new AppError("validation", message, { fields: { [field]: message } });
}

/** Checks what can be checked without the database, so a typo fails fast with the dashboard's messages. */
function requireValidArguments(input: ReturnType<typeof readArguments>): void {
  const problem = findWebhookUrlProblem(input.url, webhookPolicyFromEnv());
  if (problem) throw invalid("url", problem);
  const events = input.events === undefined ? null : webhookEventsSchema.safeParse(input.events);
  if (events && !events.success) throw invalid("events", readIssueMessage(events.error.issues[0]));
  const secret = input.secret === undefined ? null : webhookSecretSchema.safeParse(input.secret);
  if (secret && !secret.success) throw invalid("secret", readIssueMessage(secret.error.issues[0]));
}

async function main(): Promise<void> {
  const input = readArguments();
  loadEnvFiles();
  requireValidArguments(input);
  const database = await openCommandDatabase();
  const { webhook, created, secret } = await createOrUpdateWebhook(database.prisma, input, webhookPolicyFromEnv());
  await closeDatabase();

  console.log(`${created ? "Added" : "Updated"} the webhook ${webhook.url} of the site ${webhook.siteKey}`);
  console.log(`Events: ${webhook.events.join(", ")}`);
  if (secret !== null) {
    console.log(`Secret: ${secret}`);
    console.log("Keep it with the receiver now: it is not shown again. Each delivery's X-Tertulia-Signature is sha256= and the hex HMAC-SHA256 of the raw body with it.");
  } else {
    console.log("Secret: unchanged (give --secret to replace it)");
  }
}

main().catch(async (error: unknown) => {
  await closeDatabase().catch(() => {});
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
  } else if (error instanceof AppError && error.fields) {
    console.error("Invalid webhook:");
    for (const [field, message] of Object.entries(error.fields)) console.error(`  ${optionOf(field)}: ${message}`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
