// Creates a site for embedding, or updates the name and origins of the site with the given key:
//   npm run site:add -- --name N --origin https://a.example [--origin …] [--key K] [--secret S | --no-secret]
//     [--language en|es|browser] [--theme-stylesheet URL | --no-theme-stylesheet]
// Without --key a key is generated. With --secret S only embeds signed with S may create the site's
// articles (S is stored, never printed); an update without --secret keeps the secret, --no-secret removes it.
// --language sets the language of the site's frame and pages ("browser": each reader's browser decides);
// --theme-stylesheet a style sheet on one of its origins that the frame links after its own. An update
// without them keeps them.
// Prints the key and the snippets a site owner pastes into their pages.
// Applies pending migrations first, so it works on a fresh data directory too; while the app serves
// the embedded database, it goes through the app (scripts/command-database.ts).
import { parseArgs } from "node:util";
import { closeDatabase } from "../lib/db";
import { requireSiteSecret } from "../lib/embed/embed-signature";
import { buildEmbedSnippets, createOrUpdateSite, embedScriptUrl, readPublicOrigin } from "../lib/embed/site-admin";
import { getEnv } from "../lib/env";
import { AppError } from "../lib/errors";
import { translate } from "../lib/i18n/translate";
import { closeLiveBus, getLiveBus } from "../lib/live/live-bus";
import { siteInputSchema } from "../lib/validation/site-input";
import { requireValidInput } from "../lib/validation/require-valid-input";
import { openCommandDatabase } from "./command-database";

const USAGE = [
  "Usage: npm run site:add -- --name N --origin https://a.example [--origin https://b.example …] [--key K] [--secret S | --no-secret]",
  "         [--language en|es|browser] [--theme-stylesheet URL | --no-theme-stylesheet]",
  "  --secret S    only embeds signed with S (16–200 characters; e.g. openssl rand -hex 32) may create articles",
  "  --no-secret   remove the site's secret (without either, an update keeps it)",
  "  --language L  the language of the site's frame and pages: en, es, or browser (each reader's browser decides)",
  "  --theme-stylesheet URL  a style sheet (https, on one of the origins) the frame links after its own",
  "  --no-theme-stylesheet   remove it (without either, an update keeps the style sheet and the language)",
].join("\n");

/** A mistake on the command line: printed with the usage, exit code 1. */
class UsageError extends Error {}

/** The command-line option behind each input field, for error messages. */
const OPTION_BY_FIELD: Record<string, string> = { name: "--name", allowedOrigins: "--origin", key: "--key", secret: "--secret", language: "--language", themeStylesheetUrl: "--theme-stylesheet" };

function readArguments() {
  try {
    const { values } = parseArgs({
      options: {
        name: { type: "string" },
        origin: { type: "string", multiple: true },
        key: { type: "string" },
        secret: { type: "string" },
        "no-secret": { type: "boolean" },
        language: { type: "string" },
        "theme-stylesheet": { type: "string" },
        "no-theme-stylesheet": { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    });
    const missing = [values.name === undefined ? "--name" : null, values.origin === undefined ? "--origin" : null].filter(Boolean);
    if (missing.length) throw new UsageError(`Missing ${missing.join(" and ")}`);
    if (values.secret !== undefined && values["no-secret"]) throw new UsageError("Give --secret or --no-secret, not both");
    // Absent: the secret stays as it is; null: removed. An empty --secret is refused (by its length), not taken for --no-secret.
    const secret = values["no-secret"] ? null : values.secret;
    if (values["theme-stylesheet"] !== undefined && values["no-theme-stylesheet"]) throw new UsageError("Give --theme-stylesheet or --no-theme-stylesheet, not both");
    const themeStylesheetUrl = values["no-theme-stylesheet"] ? null : values["theme-stylesheet"];
    // "browser" (or "") is the reader's browser; anything else goes to the schema, which names what it takes.
    const language = values.language === undefined ? undefined : values.language === "browser" || values.language === "" ? null : values.language;
    return { input: { name: values.name!, allowedOrigins: values.origin!, key: values.key, language, themeStylesheetUrl }, secret };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs names the unknown option or the one without a value.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function main(): Promise<void> {
  // Checked before the database is opened, so a typo fails fast with the same messages the dashboard shows.
  const { input: fields, secret } = readArguments();
  const input = requireValidInput(siteInputSchema, fields);
  if (typeof secret === "string") requireSiteSecret(secret);
  const database = await openCommandDatabase();
  const env = getEnv();
  // Announced on the live bus: the running app drops its cached frame policies at once.
  const { site, created } = await createOrUpdateSite(database.prisma, { ...input, secret }, { live: getLiveBus() });
  await closeLiveBus();
  await closeDatabase();

  const configured = readPublicOrigin({ configuredUrl: env.NEXTAUTH_URL });
  const origin = configured ?? `http://localhost:${env.PORT}`;
  const snippets = buildEmbedSnippets(embedScriptUrl(origin), site.key, { isSigned: site.hasSecret });
  console.log(`${created ? "Created" : "Updated"} site “${site.name}” with the key ${site.key}`);
  console.log(`Allowed origins: ${site.allowedOrigins.join(", ")}`);
  console.log(`Language: ${site.language ?? "each reader's browser"}`);
  if (site.themeStylesheetUrl) console.log(`Frame style sheet: ${site.themeStylesheetUrl}`);
  if (site.hasSecret) console.log("Signed embeds only: each page's data-signature is the hex HMAC-SHA256 of article|url|title with the secret (README, Embedding).");
  console.log("");
  console.log("Paste where the thread goes (data-article: the article's stable id on your site):");
  console.log(snippets.thread);
  console.log("");
  console.log("Paste where a comment count goes:");
  console.log(snippets.count);
  if (!configured) console.log(`\n${origin} is this machine's address: set NEXTAUTH_URL to the server's public URL, or put that in its place.`);
}

main().catch(async (error: unknown) => {
  await closeLiveBus().catch(() => {});
  await closeDatabase().catch(() => {});
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
  } else if (error instanceof AppError && error.fields) {
    console.error("Invalid site:");
    for (const [field, message] of Object.entries(error.fields)) console.error(`  ${OPTION_BY_FIELD[field] ?? field}: ${translate("en", message)}`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
