import type { RuleHit } from "../rules/detectors";
import type { CommentCheck, EvidenceSpan } from "../pipeline";
import type { RuleLabel } from "../settings";

function describe(label: RuleLabel, hits: RuleHit[]): string {
  const words = hits.flatMap((hit) => hit.spans.map((span) => `“${span.text}”`));
  return `${label.replace("_", " ")}: ${[...new Set(words)].slice(0, 5).join(", ")}`;
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
        evidence: { message: describe(label, hits), rule: hits.map((hit) => hit.rule).join(", "), spans },
      };
    },
  };
}
