// Shows or changes the moderation settings from the command line:
//   npm run settings                          (prints them)
//   npm run settings -- floodIntervalSeconds=1 holdFirstTimeCommenters=false
import { closeDatabase, getDb } from "../lib/db";
import { getModerationSettings, updateModerationSettings, type ModerationSettings } from "../lib/moderation/settings";
import { loadEnvFiles } from "./load-env-files";

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw.includes(",") ? raw.split(",").map((part) => part.trim()) : raw;
  }
}

async function main(): Promise<void> {
  loadEnvFiles();
  const changes: Record<string, unknown> = {};
  for (const argument of process.argv.slice(2)) {
    const [key, ...rest] = argument.split("=");
    if (!key || rest.length === 0) throw new Error(`Expected key=value, got "${argument}"`);
    changes[key] = parseValue(rest.join("="));
  }
  const settings = Object.keys(changes).length
    ? await updateModerationSettings(getDb(), changes as Partial<ModerationSettings>)
    : await getModerationSettings(getDb());
  console.log(JSON.stringify(settings, null, 2));
  await closeDatabase();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await closeDatabase().catch(() => {});
  process.exit(1);
});
