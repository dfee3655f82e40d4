// The settings behind the pipeline, stored as one JSON row and validated here:
// whatever is missing or malformed falls back to the defaults below. The field
// rules are shared with the settings form (lib/validation/moderation-settings.ts).
// Every save is recorded as a SettingChange in the same transaction.
import { z } from "zod";
import type { Db } from "../db";
import type { LiveBus } from "../live/live-bus";
import {
  moderationSettingFields,
  ruleActionSchema,
  ruleLabels,
  type ModerationSettingsInput,
  type RuleAction,
  type RuleLabel,
} from "../validation/moderation-settings";
import { recordSettingChange, type SettingsClient } from "./settings-changes";

export { ruleActionSchema, ruleLabels, type RuleLabel };

const defaultRuleActions: Record<RuleLabel, RuleAction> = {
  ad_hominem: "hold",
  abuse: "hold",
  profanity: "flag",
  threat: "reject",
  hate: "reject",
  defamation: "hold",
  disruption: "hold",
  link_spam: "hold",
};

const fields = moderationSettingFields;

/** Moderation settings with their defaults (see the posting issue and SPEC.md). */
export const moderationSettingsSchema = z.object({
  bannedWords: fields.bannedWords.default(["viagra", "cialis", "casino bonus", "buy followers"]),
  suspectWords: fields.suspectWords.default(["crypto giveaway", "work from home", "whatsapp me"]),
  linkHoldThreshold: fields.linkHoldThreshold.default(2),
  floodIntervalSeconds: fields.floodIntervalSeconds.default(15),
  duplicateWindowMinutes: fields.duplicateWindowMinutes.default(10),
  holdFirstTimeCommenters: fields.holdFirstTimeCommenters.default(true),
  approvedCommentsToTrust: fields.approvedCommentsToTrust.default(1),
  /** Off (null) by default: a reported comment stays published until a moderator decides. */
  reportThreshold: fields.reportThreshold.default(null),
  offensiveModelThreshold: fields.offensiveModelThreshold.default(0.55),
  /** Off by default: only the checks decide what waits for a moderator. */
  preModerateAll: fields.preModerateAll.default(false),
  /** Off (null) by default: threads stay open until a moderator closes them. */
  autoCloseAfterDays: fields.autoCloseAfterDays.default(null),
  /** Three months: long enough to act on abuse and spam waves, short enough not to keep a record of readers' addresses. */
  ipRetentionDays: fields.ipRetentionDays.default(90),
  /** Unset by default: the privacy page then says to ask the site's editors. */
  privacyContact: fields.privacyContact.default(null),
  /** Fifteen minutes, as Isso: time to fix a typo, not to rewrite a debate after it was answered. */
  editWindowMinutes: fields.editWindowMinutes.default(15),
  /** Unset: "Respect" (Coral's word: endorsement rewards civility, not agreement), in the reader's language. */
  respectLabel: fields.respectLabel.default(null),
  /** Threats and hate are rejected to the queue, the rest held. */
  ruleActions: z
    .object(Object.fromEntries(ruleLabels.map((label) => [label, ruleActionSchema.default(defaultRuleActions[label])])) as Record<RuleLabel, z.ZodDefault<typeof ruleActionSchema>>)
    .default(defaultRuleActions),
});

/** Validated moderation settings. */
export type ModerationSettings = z.infer<typeof moderationSettingsSchema>;

/** The Setting row's key, and the SettingChange scope of site-wide changes. */
export const MODERATION_SETTINGS_SCOPE = "moderation";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The defaults, as a fresh object. */
export function getDefaultModerationSettings(): ModerationSettings {
  return moderationSettingsSchema.parse({});
}

async function readModerationSettings(db: SettingsClient): Promise<ModerationSettings> {
  const row = await db.setting.findUnique({ where: { key: MODERATION_SETTINGS_SCOPE } });
  const stored = row && typeof row.value === "object" && row.value !== null && !Array.isArray(row.value) ? (row.value as Record<string, unknown>) : {};
  const settings = getDefaultModerationSettings();
  const shape = moderationSettingsSchema.shape;
  for (const key of Object.keys(shape) as Array<keyof ModerationSettings>) {
    const parsed = shape[key].safeParse(stored[key]);
    if (parsed.success && stored[key] !== undefined) (settings as Record<string, unknown>)[key] = parsed.data;
  }
  return settings;
}

/** Reads the stored settings, filling in defaults; a malformed field falls back to its default. */
export async function getModerationSettings(db: Db): Promise<ModerationSettings> {
  return readModerationSettings(db);
}

/**
 * Stores changes to the settings (merged over what is stored; ruleActions per
 * label) and records who changed what, before and after, in the same
 * transaction. Without a moderatorId the change is recorded as made from the
 * command line. Throws ZodError for values outside the rules; the API parses
 * its input with moderationSettingsInputSchema first. A changed
 * autoCloseAfterDays tells `live` about each thread it opens or closes.
 */
export async function updateModerationSettings(
  db: Db,
  changes: ModerationSettingsInput | Partial<ModerationSettings>,
  options: { moderatorId?: string | null; live?: LiveBus | undefined } = {},
): Promise<ModerationSettings> {
  const { before, next } = await db.$transaction(async (tx) => {
    const before = await readModerationSettings(tx);
    const next = moderationSettingsSchema.parse({ ...before, ...changes, ruleActions: { ...before.ruleActions, ...changes.ruleActions } });
    await tx.setting.upsert({ where: { key: MODERATION_SETTINGS_SCOPE }, create: { key: MODERATION_SETTINGS_SCOPE, value: next }, update: { value: next } });
    await recordSettingChange(tx, { moderatorId: options.moderatorId ?? null, scope: MODERATION_SETTINGS_SCOPE, before, after: next });
    return { before, next };
  });
  if (options.live && before.autoCloseAfterDays !== next.autoCloseAfterDays) {
    const live = options.live;
    const slugs = await findAutoCloseChanges(db, before.autoCloseAfterDays, next.autoCloseAfterDays);
    await Promise.all(slugs.map((slug) => live.publish({ type: "thread", slug })));
  }
  return next;
}

/** Most threads one auto-close change announces; past it, readers see the change on their next load. */
const MAX_AUTO_CLOSE_NOTICES = 500;

/** The open threads whose auto-closed state differs between two autoCloseAfterDays values (null: never). */
async function findAutoCloseChanges(db: Db, beforeDays: number | null, afterDays: number | null, now = new Date()): Promise<string[]> {
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS);
  // Closed under the shorter setting but not under the longer one (or under no setting at all).
  const shorter = beforeDays === null ? afterDays : afterDays === null ? beforeDays : Math.min(beforeDays, afterDays);
  const longer = beforeDays === null || afterDays === null ? null : Math.max(beforeDays, afterDays);
  if (shorter === null) return [];
  const rows = await db.article.findMany({
    where: { commentsOpen: true, publishedAt: { lte: cutoff(shorter), ...(longer !== null ? { gt: cutoff(longer) } : {}) } },
    orderBy: { publishedAt: "desc" },
    take: MAX_AUTO_CLOSE_NOTICES,
    select: { slug: true },
  });
  return rows.map((row) => row.slug);
}

/** Whether a thread has closed itself: autoCloseAfterDays is set and that many days have passed since publication. */
export function isAutoClosed(publishedAt: Date, settings: Pick<ModerationSettings, "autoCloseAfterDays">, now: Date = new Date()): boolean {
  const days = settings.autoCloseAfterDays;
  return days !== null && now.getTime() - publishedAt.getTime() >= days * DAY_MS;
}
