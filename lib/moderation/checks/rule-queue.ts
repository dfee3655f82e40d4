import { detectAbuse, detectAdHominem, detectDefamation, detectDisruption, detectHate, detectLinkSpam, detectProfanity, detectThreat } from "../rules/detectors";
import type { CommentCheck } from "../pipeline";
import { offensiveModelCheck } from "./offensive-model";
import { createRuleCheck } from "./rule-check";

/** Holds personal attacks on the author, commenters or named people. */
export const adHominemCheck = createRuleCheck("ad-hominem", "ad_hominem", detectAdHominem);
/** Holds harassment and degrading language aimed at people. */
export const abuseCheck = createRuleCheck("abuse", "abuse", detectAbuse);
/** Holds swearing, obfuscated or not. */
export const profanityCheck = createRuleCheck("profanity", "profanity", detectProfanity);
/** Rejects threats of violence or harm (to the rejected queue, reversible). */
export const threatCheck = createRuleCheck("threat", "threat", detectThreat);
/** Rejects attacks on protected groups (to the rejected queue, reversible). */
export const hateCheck = createRuleCheck("hate", "hate", detectHate);
/** Holds crimes asserted as fact about a named person. */
export const defamationCheck = createRuleCheck("defamation", "defamation", detectDefamation);
/** Holds shouting, flooding, character spam, gibberish and walls of emoji. */
export const disruptionCheck = createRuleCheck("disruption", "disruption", detectDisruption);
/** Holds self-promotion typical of comment spam. */
export const selfPromotionCheck = createRuleCheck("self-promotion", "link_spam", detectLinkSpam);

/**
 * The rule queue's checks, which run after the cheap list checks and before
 * Akismet: one per label of the site's policy.
 */
export const ruleQueueChecks: readonly CommentCheck[] = [
  threatCheck,
  hateCheck,
  adHominemCheck,
  abuseCheck,
  defamationCheck,
  profanityCheck,
  disruptionCheck,
  selfPromotionCheck,
  offensiveModelCheck,
];
