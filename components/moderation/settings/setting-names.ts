// How the dashboard names the settings and the rule queue's labels: shared by
// the settings form and the audit log, which shows changes by these names.
import type { ModerationSettingKey, RuleAction, RuleLabel } from "@/lib/validation/moderation-settings";

/** The rule queue's labels as moderators know them. */
export const ruleLabelNames: Record<RuleLabel, string> = {
  ad_hominem: "Personal attacks",
  abuse: "Abuse and harassment",
  profanity: "Profanity",
  threat: "Threats",
  hate: "Hate",
  defamation: "Defamation",
  disruption: "Disruption (shouting, flooding)",
  link_spam: "Link spam and self-promotion",
};

/** The rule queue's actions, as buttons and columns name them. */
export const ruleActionNames: Record<RuleAction, string> = { flag: "Flag", hold: "Hold", reject: "Reject" };

/** The site-wide settings' names. */
export const settingNames: Record<ModerationSettingKey, string> = {
  bannedWords: "Banned words",
  suspectWords: "Suspect words",
  linkHoldThreshold: "Link-hold threshold",
  floodIntervalSeconds: "Flood interval (seconds)",
  duplicateWindowMinutes: "Duplicate window (minutes)",
  holdFirstTimeCommenters: "Hold first-time commenters",
  approvedCommentsToTrust: "Approved comments to trust an author",
  reportThreshold: "Reports hide a comment at",
  offensiveModelThreshold: "Offensive-language model threshold",
  preModerateAll: "Pre-moderate everything",
  autoCloseAfterDays: "Auto-close threads after (days)",
  ruleActions: "Rule queue",
  ipRetentionDays: "Keep IP addresses and user agents (days)",
  privacyContact: "Privacy contact",
};

/** An article's switches' names. */
export const articleSwitchNames: Record<string, string> = { commentsOpen: "Comments open", preModerate: "Pre-moderate" };

/** A changed key's name: "floodIntervalSeconds" → "Flood interval (seconds)", "ruleActions.threat" → "Rule queue: Threats". */
export function describeSettingKey(key: string, scope: "moderation" | "article"): string {
  if (scope === "article") return articleSwitchNames[key] ?? key;
  const [top, nested] = key.split(".", 2);
  if (top === "ruleActions" && nested) return `${settingNames.ruleActions}: ${ruleLabelNames[nested as RuleLabel] ?? nested}`;
  return settingNames[top as ModerationSettingKey] ?? key;
}
