import type { CommentCheck } from "../pipeline";

/**
 * The rule queue's checks (ad hominem, abuse, threats, defamation, disruption),
 * which run after the cheap list checks and before Akismet. The rule queue
 * issue adds one check per label here.
 */
export const ruleQueueChecks: readonly CommentCheck[] = [];
