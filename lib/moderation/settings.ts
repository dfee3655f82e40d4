// The settings behind the pipeline, stored as one JSON row and validated here:
// whatever is missing or malformed falls back to the defaults below.
import { z } from "zod";
import type { Db } from "../db";

/** What the rule queue does with a label. */
export const ruleActionSchema = z.enum(["flag", "hold", "reject"]);

/** The rule queue's labels (SPEC.md). */
export const ruleLabels = ["ad_hominem", "abuse", "profanity", "threat", "hate", "defamation", "disruption", "link_spam"] as const;

/** A rule-queue label. */
export type RuleLabel = (typeof ruleLabels)[number];

const defaultRuleActions: Record<RuleLabel, z.infer<typeof ruleActionSchema>> = {
  ad_hominem: "hold",
  abuse: "hold",
  profanity: "hold",
  threat: "reject",
  hate: "reject",
  defamation: "hold",
  disruption: "hold",
  link_spam: "hold",
};

/** Moderation settings with their defaults (see the posting issue and SPEC.md). */
export const moderationSettingsSchema = z.object({
  /** Words or phrases that reject a comment. */
  bannedWords: z.array(z.string().min(1)).default(["viagra", "cialis", "casino bonus", "buy followers"]),
  /** Words or phrases that hold a comment for a moderator. */
  suspectWords: z.array(z.string().min(1)).default(["crypto giveaway", "work from home", "whatsapp me"]),
  /** This many links or more hold a comment. */
  linkHoldThreshold: z.number().int().min(1).default(2),
  /** One comment per this many seconds per IP and per e-mail. */
  floodIntervalSeconds: z.number().int().min(0).default(15),
  /** The same text by the same author within this many minutes is a duplicate. */
  duplicateWindowMinutes: z.number().int().min(0).default(10),
  /** Hold comments from authors with fewer approved comments than approvedCommentsToTrust. */
  holdFirstTimeCommenters: z.boolean().default(true),
  approvedCommentsToTrust: z.number().int().min(1).default(1),
  /** Unresolved reports that move an approved comment back to pending. */
  reportThreshold: z.number().int().min(1).default(3),
  /** The offensive-language model holds comments it scores at or above this probability. */
  offensiveModelThreshold: z.number().min(0).max(1).default(0.55),
  /** The rule queue's action per label: threats and hate are rejected to the queue, the rest held. */
  ruleActions: z
    .object(Object.fromEntries(ruleLabels.map((label) => [label, ruleActionSchema.default(defaultRuleActions[label])])) as Record<RuleLabel, z.ZodDefault<typeof ruleActionSchema>>)
    .default(defaultRuleActions),
});

/** Validated moderation settings. */
export type ModerationSettings = z.infer<typeof moderationSettingsSchema>;

const SETTINGS_KEY = "moderation";

/** The defaults, as a fresh object. */
export function getDefaultModerationSettings(): ModerationSettings {
  return moderationSettingsSchema.parse({});
}

/** Reads the stored settings, filling in defaults; a malformed field falls back to its default. */
export async function getModerationSettings(db: Db): Promise<ModerationSettings> {
  const row = await db.setting.findUnique({ where: { key: SETTINGS_KEY } });
  const stored = row && typeof row.value === "object" && row.value !== null && !Array.isArray(row.value) ? (row.value as Record<string, unknown>) : {};
  const settings = getDefaultModerationSettings();
  const shape = moderationSettingsSchema.shape;
  for (const key of Object.keys(shape) as Array<keyof ModerationSettings>) {
    const parsed = shape[key].safeParse(stored[key]);
    if (parsed.success && stored[key] !== undefined) (settings as Record<string, unknown>)[key] = parsed.data;
  }
  return settings;
}

/** Stores changes to the settings (merged over what is stored). */
export async function updateModerationSettings(db: Db, changes: Partial<ModerationSettings>): Promise<ModerationSettings> {
  const next = moderationSettingsSchema.parse({ ...(await getModerationSettings(db)), ...changes });
  await db.setting.upsert({ where: { key: SETTINGS_KEY }, create: { key: SETTINGS_KEY, value: next }, update: { value: next } });
  return next;
}
