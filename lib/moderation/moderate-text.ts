// The rule checks alone, on text: no database, no Akismet, default settings.
// Used by `npm run moderate` and the evaluation; the same checks run in the
// posting pipeline.
import { bannedWordsCheck } from "./checks/banned-words";
import { linkCountCheck } from "./checks/link-count";
import { ruleQueueChecks } from "./checks/rule-queue";
import { suspectWordsCheck } from "./checks/suspect-words";
import { runPipeline, type CheckDependencies, type CommentCheck, type Verdict } from "./pipeline";
import { getDefaultModerationSettings, type ModerationSettings } from "./settings";

/** The checks that look only at the text. */
export const contentChecks: readonly CommentCheck[] = [bannedWordsCheck, suspectWordsCheck, linkCountCheck, ...ruleQueueChecks];

/** One line of `npm run moderate` input. */
export interface TextToModerate {
  text: string;
  authorName?: string | undefined;
  authorEmail?: string | undefined;
  authorUrl?: string | undefined;
}

/** What the rule checks say about a text (SPEC.md "moderate"). */
export interface TextModeration {
  action: "allow" | "hold" | "reject";
  labels: string[];
  reasons: Array<{ label: string; rule: string; evidence: string; spans: Array<{ start: number; end: number; text: string }> }>;
}

const noLookups: CheckDependencies = {
  findActiveBan: () => Promise.reject(new Error("content checks do not look up bans")),
  findLastCommentAt: () => Promise.reject(new Error("content checks do not look up history")),
  hasDuplicate: () => Promise.reject(new Error("content checks do not look up history")),
  countApprovedComments: () => Promise.reject(new Error("content checks do not look up history")),
  spamChecker: null,
  buildAkismetComment: () => {
    throw new Error("content checks do not call Akismet");
  },
};

function actionOf(verdicts: Verdict[]): TextModeration["action"] {
  if (verdicts.some((verdict) => verdict.action === "reject" || verdict.action === "spam")) return "reject";
  if (verdicts.some((verdict) => verdict.action === "hold")) return "hold";
  return "allow";
}

/** Runs the content checks on one text. */
export async function moderateText(input: TextToModerate, settings: ModerationSettings = getDefaultModerationSettings()): Promise<TextModeration> {
  const { verdicts } = await runPipeline(contentChecks, {
    comment: {
      body: input.text,
      authorName: input.authorName ?? "",
      authorEmail: input.authorEmail ?? "",
      authorUrl: input.authorUrl ?? null,
      parentId: null,
      ip: "",
      userAgent: "",
      referrer: "",
      createdAt: new Date(),
    },
    article: { slug: "", commentsOpen: true, url: "", publishedAt: new Date(), preModerate: false },
    settings,
    deps: noLookups,
  });
  return {
    action: actionOf(verdicts),
    labels: [...new Set(verdicts.map((verdict) => verdict.label))],
    reasons: verdicts.map((verdict) => ({
      label: verdict.label,
      rule: verdict.evidence.rule ?? verdict.check,
      evidence: verdict.evidence.message,
      spans: verdict.evidence.spans ?? [],
    })),
  };
}
