// The order is the policy: refusals first, then cheap local rules (pre-moderation
// among them: it holds, but the later checks still add their reasons), then the
// rule queue, and the network call (Akismet) last.
import type { CommentCheck } from "../pipeline";
import { akismetCheck } from "./akismet";
import { authorBanCheck } from "./author-ban";
import { bannedWordsCheck } from "./banned-words";
import { duplicateCheck } from "./duplicate";
import { firstTimeCommenterCheck } from "./first-time-commenter";
import { floodLimitCheck } from "./flood-limit";
import { linkCountCheck } from "./link-count";
import { preModerationCheck } from "./pre-moderation";
import { ruleQueueChecks } from "./rule-queue";
import { suspectWordsCheck } from "./suspect-words";
import { threadOpenCheck } from "./thread-open";

/** Every new comment passes these, in this order. */
export const commentChecks: readonly CommentCheck[] = [
  threadOpenCheck,
  authorBanCheck,
  floodLimitCheck,
  duplicateCheck,
  bannedWordsCheck,
  suspectWordsCheck,
  linkCountCheck,
  firstTimeCommenterCheck,
  preModerationCheck,
  ...ruleQueueChecks,
  akismetCheck,
];
