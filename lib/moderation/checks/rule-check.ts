import type { MessageKey } from "../../i18n/catalog-types";
import { evidenceMessage, type EvidenceMessage } from "../evidence-message";
import type { RuleHit } from "../rules/detectors";
import type { CommentCheck, EvidenceSpan } from "../pipeline";
import type { RuleLabel } from "../settings";

/** Each rule's name as its evidence says it ("ad hominem: “idiot”"), a catalog key so moderators read it in their language. */
const ruleNames: Record<RuleLabel, MessageKey> = {
  ad_hominem: "mail.evidence.rules.adHominem",
  abuse: "mail.evidence.rules.abuse",
  profanity: "mail.evidence.rules.profanity",
  threat: "mail.evidence.rules.threat",
  hate: "mail.evidence.rules.hate",
  defamation: "mail.evidence.rules.defamation",
  disruption: "mail.evidence.rules.disruption",
  link_spam: "mail.evidence.rules.linkSpam",
};

function describe(label: RuleLabel, hits: RuleHit[]): EvidenceMessage {
  const words = hits.flatMap((hit) => hit.spans.map((span) => `“${span.text}”`));
  return evidenceMessage("mail.evidence.ruleWords", { rule: ruleNames[label], words: [...new Set(words)].slice(0, 5).join(", ") });
}

/** Makes the check for one rule-queue label: its detector's hits become one finding, acted on per settings. */
export function createRuleCheck(id: string, label: RuleLabel, detect: (text: string) => RuleHit[]): CommentCheck {
  return {
    id,
    run({ comment, settings }) {
      const hits = detect(comment.body);
      if (hits.length === 0) return;
      const unique = new Map(hits.flatMap((hit) => hit.spans).map((span): [string, EvidenceSpan] => [`${span.start}:${span.end}`, span]));
      const spans = [...unique.values()].sort((a, b) => a.start - b.start);
      return {
        label,
        action: settings.ruleActions[label],
        evidence: { ...describe(label, hits), rule: hits.map((hit) => hit.rule).join(", "), spans },
      };
    },
  };
}
