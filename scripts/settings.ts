// Shows or changes the moderation settings from the command line:
//   npm run settings                          (prints them)
//   npm run settings -- floodIntervalSeconds=1 holdFirstTimeCommenters=false
// While the app serves the embedded database, it goes through the app (scripts/command-database.ts).
import { closeDatabase } from "../lib/db";
import { closeLiveBus, getLiveBus } from "../lib/live/live-bus";
import { getModerationSettings, updateModerationSettings, type ModerationSettings } from "../lib/moderation/settings";
import { openCommandDatabase } from "./command-database";

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw.includes(",") ? raw.split(",").map((part) => part.trim()) : raw;
  }
}

async function main(): Promise<void> {
  const changes: Record<string, unknown> = {};
  for (const argument of process.argv.slice(2)) {
    const [key, ...rest] = argument.split("=");
    if (!key || rest.length === 0) throw new Error(`Expected key=value, got "${argument}"`);
    changes[key] = parseValue(rest.join("="));
  }
  const db = (await openCommandDatabase()).prisma;
  // With the live bus, threads whose auto-closing changes are announced: the running app's cached pages follow at once.
  const settings = Object.keys(changes).length
    ? await updateModerationSettings(db, changes as Partial<ModerationSettings>, { live: getLiveBus() })
    : await getModerationSettings(db);
  console.log(JSON.stringify(settings, null, 2));
  await closeLiveBus();
  await closeDatabase();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await closeLiveBus().catch(() => {});
  await closeDatabase().catch(() => {});
  process.exit(1);
});
