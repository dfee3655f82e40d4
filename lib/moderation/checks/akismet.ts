import { AkismetFailure } from "../../integrations/akismet";
import { evidenceMessage } from "../evidence-message";
import type { CommentCheck } from "../pipeline";

/** Asks Akismet whether the comment is spam; when Akismet cannot answer, holds it (never publishes unchecked, never loses it). */
export const akismetCheck: CommentCheck = {
  id: "akismet",
  // A comment a local check rejected is not sent out: Akismet's answer would change nothing, and it costs a round trip.
  skipOnceRejected: true,
  async run({ deps }) {
    if (!deps.spamChecker) return;
    try {
      const isSpam = await deps.spamChecker.checkSpam(deps.buildAkismetComment());
      if (isSpam) return { label: "spam", action: "spam", evidence: { ...evidenceMessage("mail.evidence.akismetSpam"), rule: "akismet" } };
    } catch (error) {
      if (!(error instanceof AkismetFailure)) throw error;
      console.warn(`Akismet check failed (${error.reason}): ${error.message}; holding the comment`);
      return { label: error.reason, action: "hold", evidence: { message: error.message, rule: "akismet" } };
    }
  },
};
