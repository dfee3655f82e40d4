// The moderation pipeline as a comment's text meets it: the context every
// check runs in (the settings, the author's history read once, Akismet's
// fields) built one way for a new comment (submit-comment.ts) and for its
// author's edit (edit-comment.ts), which is judged like a new comment except
// for the checks that are about posting at all.
import type { Db } from "../db";
import type { AkismetComment } from "../integrations/akismet";
import { commentChecks } from "../moderation/checks";
import { duplicateCheck } from "../moderation/checks/duplicate";
import { floodLimitCheck } from "../moderation/checks/flood-limit";
import { runPipeline, type CandidateComment, type CheckContext, type CheckDependencies, type CommentCheck, type PipelineResult, type Verdict } from "../moderation/pipeline";
import type { ModerationSettings } from "../moderation/settings";
import { toTimestampParam } from "../sql-time";
import { toAkismetComment } from "./akismet-fields";
import type { PostingServices } from "./posting-services";

/** The client the author's history is read through: the app's, or a transaction's. */
export type HistoryClient = Pick<Db, "$queryRaw">;

/**
 * The checks about posting rather than about the text: how soon after their
 * last comment, and whether they said the same before. They run again under
 * the author's lock just before a new comment is stored (submit-comment.ts),
 * and not at all for an edit, whose text was posted once already.
 */
export const postingRateChecks: readonly CommentCheck[] = [floodLimitCheck, duplicateCheck];

/** The pipeline for an author's edit: every check of a new comment but the posting-rate ones (the captcha is not asked either). */
export const editChecks: readonly CommentCheck[] = commentChecks.filter((check) => !postingRateChecks.includes(check));

/** A comment's text to judge, by its author, on its article. */
export interface CommentToJudge {
  comment: CandidateComment;
  article: CheckContext["article"];
  isReply: boolean;
}

/** What the checks that read the author's history need, read in one query. */
interface AuthorHistory {
  banReason: string | null;
  lastCommentAt: Date | null;
  hasDuplicate: boolean;
  approvedComments: number;
}

/**
 * The author's ban, last comment (by e-mail or address), a recent comment with
 * the same text and their approved comments, in one round trip: the pipeline's
 * ban, flood, duplicate and first-time checks each read one of them. E-mails
 * are stored lower-cased, so comments compare exactly on the (authorEmail,
 * createdAt) index; bans compare case-insensitively, as they are typed.
 */
async function readAuthorHistory(db: HistoryClient, author: { email: string; ip: string; body: string; duplicateSince: Date }, now: Date): Promise<AuthorHistory> {
  const email = author.email.toLowerCase();
  const [row] = await db.$queryRaw<Array<{ banReason: string | null; lastMs: number | null; duplicate: boolean; approved: number }>>`
    SELECT
      (SELECT b."reason" FROM "Ban" b
        WHERE b."liftedAt" IS NULL AND (b."expiresAt" IS NULL OR b."expiresAt" > CAST(${toTimestampParam(now)} AS timestamp(3)))
          AND (lower(b."email") = ${email} OR (${author.ip} <> '' AND b."ip" = ${author.ip}))
        LIMIT 1) AS "banReason",
      (EXTRACT(EPOCH FROM GREATEST(
        (SELECT c."createdAt" FROM "Comment" c WHERE c."authorEmail" = ${email} ORDER BY c."createdAt" DESC LIMIT 1),
        (SELECT c."createdAt" FROM "Comment" c WHERE ${author.ip} <> '' AND c."ip" = ${author.ip} ORDER BY c."createdAt" DESC LIMIT 1)
      )) * 1000)::float8 AS "lastMs",
      EXISTS (SELECT 1 FROM "Comment" c WHERE c."authorEmail" = ${email} AND c."body" = ${author.body} AND c."createdAt" >= CAST(${toTimestampParam(author.duplicateSince)} AS timestamp(3))) AS "duplicate",
      (SELECT count(*) FROM "Comment" c WHERE c."authorEmail" = ${email} AND c."status" = 'approved')::int AS "approved"`;
  return {
    banReason: row?.banReason ?? null,
    lastCommentAt: row?.lastMs === null || row?.lastMs === undefined ? null : new Date(Math.round(row.lastMs)),
    hasDuplicate: row?.duplicate === true,
    approvedComments: row?.approved ?? 0,
  };
}

/**
 * The context the checks run in for one comment, its look-ups read through
 * `db` (the app's client, or the transaction that holds the author's lock):
 * the author's history is read once, whichever check asks first.
 */
export function buildCheckContext(db: HistoryClient, services: Pick<PostingServices, "spamChecker">, toJudge: CommentToJudge, settings: ModerationSettings): CheckContext {
  const { comment, article } = toJudge;
  const now = comment.createdAt;
  const author = { email: comment.authorEmail, ip: comment.ip, body: comment.body, duplicateSince: new Date(now.getTime() - settings.duplicateWindowMinutes * 60_000) };
  const akismetComment = (): AkismetComment =>
    toAkismetComment({
      ip: comment.ip,
      userAgent: comment.userAgent,
      referrer: comment.referrer,
      permalink: article.url,
      isReply: toJudge.isReply,
      authorName: comment.authorName,
      authorEmail: comment.authorEmail,
      authorUrl: comment.authorUrl,
      body: comment.body,
      createdAt: now,
    });
  let history: Promise<AuthorHistory> | null = null;
  const read = () => (history ??= readAuthorHistory(db, author, now));
  const deps: CheckDependencies = {
    findActiveBan: async () => {
      const reason = (await read()).banReason;
      return reason === null ? null : { reason };
    },
    findLastCommentAt: async () => (await read()).lastCommentAt,
    hasDuplicate: async () => (await read()).hasDuplicate,
    countApprovedComments: async () => (await read()).approvedComments,
    spamChecker: services.spamChecker,
    buildAkismetComment: akismetComment,
  };
  return { comment, article, settings, deps };
}

/** Runs `checks` (the whole pipeline by default) over a comment's text; refusals throw as the pipeline's do. */
export function judgeComment(
  db: HistoryClient,
  services: Pick<PostingServices, "spamChecker">,
  toJudge: CommentToJudge,
  settings: ModerationSettings,
  checks: readonly CommentCheck[] = commentChecks,
): Promise<PipelineResult> {
  return runPipeline(checks, buildCheckContext(db, services, toJudge, settings));
}

/**
 * Stores a comment's verdicts in one INSERT (a nested create sends one per
 * verdict and reads the comment back). They are read back in createdAt order,
 * the pipeline's: a millisecond apart, one statement's rows keep it.
 */
export async function storeVerdicts(tx: Pick<Db, "commentVerdict">, commentId: string, verdicts: readonly Verdict[], now: Date): Promise<void> {
  if (verdicts.length === 0) return;
  await tx.commentVerdict.createMany({
    data: verdicts.map((verdict, index) => ({ commentId, check: verdict.check, label: verdict.label, action: verdict.action, evidence: verdict.evidence as object, createdAt: new Date(now.getTime() + index) })),
  });
}
