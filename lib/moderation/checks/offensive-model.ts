import { scoreOffensive } from "../rules/offensive-model";
import { topicWordPattern } from "../rules/lexicon";
import { isNegated, isQuoted, maskMatches, maskQuoted } from "../rules/text-scan";
import type { CommentCheck } from "../pipeline";

// A comment that speaks to or about a person is a personal attack; otherwise it is abuse in general.
const addressesSomeone = /\b(?:you|your|you're|u|the\s+author|this\s+author|the\s+writer|the\s+moderator)\b|(?<!^|[.!?]\s)\b\p{Lu}\p{Ll}+/u;

/**
 * Holds what the statistical model (logistic regression on word and character
 * n-grams, trained on OLID and Davidson) scores as offensive past the settings'
 * threshold, naming the n-grams that pushed it over. It catches insults the
 * hand-written rules do not list.
 */
export const offensiveModelCheck: CommentCheck = {
  id: "offensive-model",
  run({ comment, settings }) {
    // The model judges the commenter's own words (not what they quote), and not the words that name a story's topic.
    const score = scoreOffensive(maskMatches(maskQuoted(comment.body), topicWordPattern), { explainFrom: settings.offensiveModelThreshold });
    if (score.probability < settings.offensiveModelThreshold) return;
    const top = score.contributions.filter((contribution) => contribution.weight > 0).slice(0, 5);
    // Like the rules, the model must not hold an insult that is negated or quoted to object to it.
    const strongest = top[0];
    if (strongest && strongest.spans.every((span) => isNegated(comment.body, span) || isQuoted(comment.body, span))) return;
    const label = addressesSomeone.test(comment.body) ? "ad_hominem" : "abuse";
    return {
      label,
      action: settings.ruleActions[label],
      evidence: {
        message: `The offensive-language model scores this ${score.probability.toFixed(2)} (threshold ${settings.offensiveModelThreshold}); it weighed ${top.map((contribution) => `“${contribution.feature}”`).join(", ")}`,
        rule: "offensive-model",
        probability: score.probability,
        spans: top.flatMap((contribution) => contribution.spans).sort((a, b) => a.start - b.start),
      },
    };
  },
};
