// How the dashboard names the settings and the rule queue's labels: shared by
// the settings form and the audit log, which shows changes by these names, in
// the dashboard's language (English when no translator is given).
import { createTranslator, type Translator } from "@/lib/i18n/translate";
import type { ModerationSettingKey, RuleAction, RuleLabel } from "@/lib/validation/moderation-settings";

const english = createTranslator("en");

/** The catalog's spelling of a label: "ad_hominem" → "adHominem". */
function camel(label: string): string {
  return label.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** A rule-queue label as moderators know it ("Personal attacks"). */
export function getRuleLabelName(label: RuleLabel, t: Translator = english): string {
  return t(`dashboard.settings.ruleLabels.${camel(label) as "adHominem"}`);
}

/** A rule-queue action, as buttons and columns name it. */
export function getRuleActionName(action: RuleAction, t: Translator = english): string {
  return t(`dashboard.settings.ruleActions.${action}`);
}

/** A site-wide setting's name. */
export function getSettingName(key: ModerationSettingKey, t: Translator = english): string {
  return t(`dashboard.settings.names.${key}`);
}

const settingKeys = new Set<string>([
  "bannedWords",
  "suspectWords",
  "linkHoldThreshold",
  "floodIntervalSeconds",
  "duplicateWindowMinutes",
  "holdFirstTimeCommenters",
  "approvedCommentsToTrust",
  "reportThreshold",
  "offensiveModelThreshold",
  "preModerateAll",
  "autoCloseAfterDays",
  "ruleActions",
  "ipRetentionDays",
  "privacyContact",
  "editWindowMinutes",
  "respectLabel",
] satisfies ModerationSettingKey[]);

const ruleLabelKeys = new Set(["ad_hominem", "abuse", "profanity", "threat", "hate", "defamation", "disruption", "link_spam"]);

/** A changed key's name: "floodIntervalSeconds" → "Flood interval (seconds)", "ruleActions.threat" → "Rule queue: Threats". */
export function describeSettingKey(key: string, scope: "moderation" | "article", t: Translator = english): string {
  if (scope === "article") return key === "commentsOpen" || key === "preModerate" ? t(`dashboard.settings.articleSwitches.${key}`) : key;
  const [top, nested] = key.split(".", 2);
  if (top === "ruleActions" && nested) {
    return t("dashboard.settings.ruleKey", { setting: getSettingName("ruleActions", t), label: ruleLabelKeys.has(nested) ? getRuleLabelName(nested as RuleLabel, t) : nested });
  }
  return top && settingKeys.has(top) ? getSettingName(top as ModerationSettingKey, t) : key;
}
