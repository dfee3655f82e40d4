// The moderation pipeline: an ordered list of small checks with one interface.
// The list itself reads as the site's policy (see checks/index.ts). A check
// refuses a comment by throwing AppError (closed, banned, flood, duplicate);
// any other error it throws holds the comment as pending ("check-failed")
// rather than publishing text nobody checked.
import { AppError } from "../errors";
import type { AkismetComment, SpamChecker } from "../integrations/akismet";
import type { ModerationSettings } from "./settings";

/** What a finding asks for: note it, hold for a moderator, reject, or file as spam. */
export type CheckAction = "flag" | "hold" | "reject" | "spam";

/** A matched piece of the comment's text. */
export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
}

/** Why a check spoke up, shown to moderators. */
export interface Evidence {
  message: string;
  rule?: string;
  spans?: EvidenceSpan[];
  [detail: string]: unknown;
}

/** One thing a check found. */
export interface CheckFinding {
  label: string;
  action: CheckAction;
  evidence: Evidence;
}

/** A finding with the id of the check that made it, as stored with the comment. */
export interface Verdict extends CheckFinding {
  check: string;
}

/** The comment being judged, with the request it came in. */
export interface CandidateComment {
  body: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  parentId: string | null;
  ip: string;
  userAgent: string;
  referrer: string;
  createdAt: Date;
}

/** What checks may look up; the service supplies these, so checks do no I/O of their own. */
export interface CheckDependencies {
  findActiveBan(author: { email: string; ip: string }): Promise<{ reason: string } | null>;
  findLastCommentAt(author: { email: string; ip: string }): Promise<Date | null>;
  hasDuplicate(author: { email: string; body: string; since: Date }): Promise<boolean>;
  countApprovedComments(email: string): Promise<number>;
  /** null when no Akismet key is configured. */
  spamChecker: SpamChecker | null;
  buildAkismetComment(): AkismetComment;
}

/** Everything a check needs. */
export interface CheckContext {
  comment: CandidateComment;
  /** The article commented on: its switches, and when it was published (for auto-closing). */
  article: { slug: string; commentsOpen: boolean; url: string; publishedAt: Date; preModerate: boolean };
  settings: ModerationSettings;
  deps: CheckDependencies;
}

/** One step of the pipeline. */
export interface CommentCheck {
  /** Fixed id, stored with every verdict. */
  id: string;
  /** Not run once an earlier check has rejected the comment or filed it as spam: its answer could change nothing. */
  skipOnceRejected?: boolean;
  run(context: CheckContext): Promise<CheckFinding | CheckFinding[] | void> | CheckFinding | CheckFinding[] | void;
}

/** Where a comment ends up. */
export type CommentOutcome = "approved" | "pending" | "spam" | "rejected";

/** The pipeline's result. */
export interface PipelineResult {
  outcome: CommentOutcome;
  verdicts: Verdict[];
}

/** Spam beats reject beats hold; flags alone publish. */
export function decideOutcome(verdicts: Verdict[]): CommentOutcome {
  const actions = new Set(verdicts.map((verdict) => verdict.action));
  if (actions.has("spam")) return "spam";
  if (actions.has("reject")) return "rejected";
  if (actions.has("hold")) return "pending";
  return "approved";
}

/** Runs the checks in order and decides. Refusals (AppError) propagate; other failures hold. */
export async function runPipeline(checks: readonly CommentCheck[], context: CheckContext): Promise<PipelineResult> {
  const verdicts: Verdict[] = [];
  for (const check of checks) {
    if (check.skipOnceRejected && verdicts.some((verdict) => verdict.action === "reject" || verdict.action === "spam")) continue;
    try {
      const found = await check.run(context);
      const findings = found === undefined ? [] : Array.isArray(found) ? found : [found];
      verdicts.push(...findings.map((finding) => ({ ...finding, check: check.id })));
    } catch (error) {
      if (error instanceof AppError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      console.error(`moderation check ${check.id} failed: ${message}`);
      verdicts.push({ check: check.id, label: "check-failed", action: "hold", evidence: { message: `The ${check.id} check failed: ${message}` } });
    }
  }
  return { outcome: decideOutcome(verdicts), verdicts };
}
