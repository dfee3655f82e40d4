// What an administrator may set: one set of field rules for the settings form
// (client), the settings API and the stored settings, so all three say the same
// thing about a field. The form edits word lists as one-per-line text; the API
// takes them as JSON arrays.
import { z } from "zod";

/** The rule queue's labels (SPEC.md). */
export const ruleLabels = ["ad_hominem", "abuse", "profanity", "threat", "hate", "defamation", "disruption", "link_spam"] as const;

/** A rule-queue label. */
export type RuleLabel = (typeof ruleLabels)[number];

/** What the rule queue can do with a label, mildest first. */
export const ruleActions = ["flag", "hold", "reject"] as const;

/** What the rule queue does with a label. */
export const ruleActionSchema = z.enum(ruleActions, { message: "Choose flag, hold or reject" });

/** One rule-queue action. */
export type RuleAction = z.infer<typeof ruleActionSchema>;

/** Limits shown on the form and enforced by the server. */
export const MODERATION_SETTINGS_LIMITS = {
  wordMaxLength: 100,
  wordsMax: 500,
  linkHoldThreshold: { min: 1, max: 50 },
  floodIntervalSeconds: { min: 0, max: 3600 },
  duplicateWindowMinutes: { min: 0, max: 1440 },
  approvedCommentsToTrust: { min: 1, max: 100 },
  reportThreshold: { min: 1, max: 100 },
  autoCloseAfterDays: { min: 1, max: 3650 },
  ipRetentionDays: { min: 1, max: 3650 },
  privacyContactMaxLength: 300,
  editWindowMinutes: { min: 0, max: 1440 },
  respectLabelMaxLength: 30,
} as const;

const { wordMaxLength, wordsMax } = MODERATION_SETTINGS_LIMITS;

function wholeNumber({ min, max }: { min: number; max: number }) {
  const message = `Enter a whole number from ${min} to ${max}`;
  return z.number({ message }).int(message).min(min, message).max(max, message);
}

function normalizeWords(words: string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of words) {
    const word = raw.trim().replace(/\s+/g, " ");
    const key = word.toLowerCase();
    if (word === "" || seen.has(key)) continue;
    seen.add(key);
    kept.push(word);
  }
  return kept;
}

/**
 * A list of words or phrases: trimmed, blanks dropped, duplicates (any case)
 * dropped. Problems are reported on the list itself, so the form shows them
 * next to its textarea and the API names the list.
 */
export const wordListSchema = z
  .array(z.string({ message: "Each word or phrase must be text" }), { message: "Send a list of words or phrases" })
  .transform(normalizeWords)
  .pipe(
    z
      .array(z.string())
      .max(wordsMax, `At most ${wordsMax} words or phrases`)
      .superRefine((words, context) => {
        const tooLong = words.find((word) => word.length > wordMaxLength);
        if (tooLong) context.addIssue({ code: "custom", message: `“${tooLong.slice(0, 30)}…” is longer than ${wordMaxLength} characters` });
      }),
  );

/** A word list as the form's textarea holds it: one word or phrase per line. */
export const wordLinesSchema = z.string({ message: "Enter one word or phrase per line" }).transform((text) => text.split(/\r?\n/)).pipe(wordListSchema);

const booleanSetting = z.boolean({ message: "Must be true or false" });

const contactMessage = "Enter an e-mail address or an http(s) address";

/** Where readers ask for their data or its erasure: an e-mail address or a web address; empty means none. */
const privacyContactSchema = z
  .string({ message: contactMessage })
  .trim()
  .max(MODERATION_SETTINGS_LIMITS.privacyContactMaxLength, `At most ${MODERATION_SETTINGS_LIMITS.privacyContactMaxLength} characters`)
  .transform((value) => (value === "" ? null : value))
  .refine((value) => value === null || z.email().safeParse(value).success || /^https?:\/\/[^\s/?#]+\.[^\s]*$/i.test(value), contactMessage)
  .nullable();

const ruleActionsShape = Object.fromEntries(ruleLabels.map((label) => [label, ruleActionSchema])) as Record<RuleLabel, typeof ruleActionSchema>;

/** The rule queue's action for every label. */
export const ruleActionsSchema = z.object(ruleActionsShape, { message: "Send an action per label" });

/** The name of readers' one positive reaction (Coral's "Respect"); empty means the default, in the reader's language. */
const respectLabelSchema = z
  .string({ message: "Enter a short word or leave it empty" })
  .trim()
  .max(MODERATION_SETTINGS_LIMITS.respectLabelMaxLength, `At most ${MODERATION_SETTINGS_LIMITS.respectLabelMaxLength} characters`)
  .transform((value) => (value === "" ? null : value))
  .nullable();

/** The rules of each setting, without defaults (lib/moderation/settings.ts adds them). */
export const moderationSettingFields = {
  /** Words or phrases that reject a comment. */
  bannedWords: wordListSchema,
  /** Words or phrases that hold a comment for a moderator. */
  suspectWords: wordListSchema,
  /** This many links or more hold a comment. */
  linkHoldThreshold: wholeNumber(MODERATION_SETTINGS_LIMITS.linkHoldThreshold),
  /** One comment per this many seconds per IP and per e-mail (0: no limit). */
  floodIntervalSeconds: wholeNumber(MODERATION_SETTINGS_LIMITS.floodIntervalSeconds),
  /** The same text by the same author within this many minutes is a duplicate (0: off). */
  duplicateWindowMinutes: wholeNumber(MODERATION_SETTINGS_LIMITS.duplicateWindowMinutes),
  /** Hold comments from authors with fewer approved comments than approvedCommentsToTrust. */
  holdFirstTimeCommenters: booleanSetting,
  approvedCommentsToTrust: wholeNumber(MODERATION_SETTINGS_LIMITS.approvedCommentsToTrust),
  /** Open reports from this many different networks move an approved comment back to pending (null: reports never do). */
  reportThreshold: wholeNumber(MODERATION_SETTINGS_LIMITS.reportThreshold).nullable(),
  /** The offensive-language model holds comments it scores at or above this probability. */
  offensiveModelThreshold: z.number({ message: "Enter a number from 0 to 1" }).min(0, "Enter a number from 0 to 1").max(1, "Enter a number from 0 to 1"),
  /** Hold every new comment on every article for a moderator. */
  preModerateAll: booleanSetting,
  /** Close a thread this many days after its article was published (null: never). */
  autoCloseAfterDays: wholeNumber(MODERATION_SETTINGS_LIMITS.autoCloseAfterDays).nullable(),
  /** The rule queue's action per label. */
  ruleActions: ruleActionsSchema,
  /** Comments' IP addresses, user agents and referrers are removed this many days after posting. */
  ipRetentionDays: wholeNumber(MODERATION_SETTINGS_LIMITS.ipRetentionDays),
  /** Shown on the privacy page: whom readers ask for their data or its erasure (null: the page says to reply through the site). */
  privacyContact: privacyContactSchema,
  /** Authors may edit or delete their comment this many minutes after posting it (0: never). */
  editWindowMinutes: wholeNumber(MODERATION_SETTINGS_LIMITS.editWindowMinutes),
  /** What the respect button says (null: "Respect" in the reader's language). */
  respectLabel: respectLabelSchema,
};

/** A setting's name. */
export type ModerationSettingKey = keyof typeof moderationSettingFields;

/** Refuses names an object does not know, each under its own name (a strict object would report them all under none). */
function onlyKnownKeys<Shape extends z.ZodRawShape>(object: z.ZodObject<Shape>, message: string) {
  const known = new Set(Object.keys(object.shape));
  return z
    .unknown()
    .superRefine((value, context) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return;
      for (const key of Object.keys(value)) if (!known.has(key)) context.addIssue({ code: "custom", message, path: [key] });
    })
    .pipe(object);
}

/** The JSON body of PUT /api/v1/moderation/settings: any of the settings; unknown names are refused by name. */
export const moderationSettingsInputSchema = onlyKnownKeys(
  z.object({ ...moderationSettingFields, ruleActions: onlyKnownKeys(ruleActionsSchema.partial(), "Not a rule-queue label") }, { message: "Send a JSON object of settings" }).partial(),
  "Not a setting",
);

/** A parsed settings change. */
export type ModerationSettingsInput = z.output<typeof moderationSettingsInputSchema>;

/** The settings form: every setting, word lists as one-per-line text. Its output is a valid PUT body. */
export const moderationSettingsFormSchema = z.object({
  ...moderationSettingFields,
  bannedWords: wordLinesSchema,
  suspectWords: wordLinesSchema,
});

/** The settings form's values, as its inputs hold them. */
export type ModerationSettingsFormValues = z.input<typeof moderationSettingsFormSchema>;

/** The settings form's output: every setting. */
export type ModerationSettingsFormOutput = z.output<typeof moderationSettingsFormSchema>;

/** Fills the form from settings (word lists become one per line). */
export function toModerationSettingsFormValues(settings: ModerationSettingsFormOutput): ModerationSettingsFormValues {
  return { ...settings, ruleActions: { ...settings.ruleActions }, bannedWords: settings.bannedWords.join("\n"), suspectWords: settings.suspectWords.join("\n") };
}

/** The JSON body of PATCH /api/v1/moderation/articles/{slug}. */
export const articleModerationInputSchema = onlyKnownKeys(
  z.object({ commentsOpen: booleanSetting.optional(), preModerate: booleanSetting.optional() }, { message: "Send a JSON object" }),
  "Only commentsOpen and preModerate can be changed",
).refine((input) => input.commentsOpen !== undefined || input.preModerate !== undefined, { message: "Send commentsOpen, preModerate or both" });

/** A parsed per-article change. */
export type ArticleModerationInput = z.output<typeof articleModerationInputSchema>;
