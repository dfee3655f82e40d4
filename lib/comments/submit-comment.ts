// Posting a comment: validate, solve the captcha, run the moderation pipeline,
// and store the comment with every verdict. One service for the API and the
// page alike. Refusals (closed, banned, flood, duplicate) store nothing and the
// reader keeps their text; everything else is stored, whatever the outcome.
import type { Db } from "../db";
import { AppError } from "../errors";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";
import { requireCaptchaSolved } from "../integrations/captcha";
import { commentChecks } from "../moderation/checks";
import { evidenceMessage } from "../moderation/evidence-message";
import type { CandidateComment, CommentCheck, Verdict } from "../moderation/pipeline";
import { getModerationSettings } from "../moderation/settings";
import { enqueueModeratorAlerts, heldReasonsOf } from "../notifications/moderator-alerts";
import { handleStoredComment } from "../notifications/reader-notifications";
import { commentInputSchema } from "../validation/comment-input";
import { requireValidInput } from "../validation/require-valid-input";
import { isPossibleSlug } from "../validation/slug";
import { enqueueCommentWebhooks, eventsForNewComment } from "../webhooks/webhook-events";
import { authorTokenFor } from "./author-token";
import { buildCheckContext, judgeComment, postingRateChecks, storeVerdicts, type CommentToJudge, type HistoryClient } from "./judge-comment";
import { editableUntilOf } from "./own-editable-comment";
import type { PostingServices } from "./posting-services";
import { renderCommentHtml } from "./render-body";

/** Who sent the request, read by the route from its headers. */
export interface RequestMeta {
  ip: string;
  userAgent: string;
  referrer: string;
}

/** What the poster is told (SPEC.md): spam is answered as pending. */
export interface SubmitResult {
  id: string;
  status: "approved" | "pending";
  message: string;
  /** Proves authorship later (lib/comments/author-token.ts): the reader's browser keeps it to follow a held comment, and to edit or delete the comment. */
  editToken: string;
  /** Until when (ISO) the author may edit or delete it: its time plus the edit window setting. */
  editableUntil: string;
}

const messages = {
  approved: "api.comments.published",
  pending: "api.comments.awaitingModeration",
} as const;

/**
 * Takes transaction-scoped advisory locks on the author's e-mail and address
 * (always in the same order, so two posts cannot wait on each other), which
 * every instance sees: concurrent posts by one author queue here and each
 * sees the comments committed before it.
 */
async function lockAuthor(tx: Pick<Db, "$executeRaw">, email: string, ip: string): Promise<void> {
  const [first, second] = [`comment-author:${email.toLowerCase()}`, ...(ip ? [`comment-ip:${ip}`] : [])].sort();
  // One round trip: PostgreSQL evaluates a select list left to right, so the order holds.
  if (second === undefined) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${first}, 0))`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${first}, 0)), pg_advisory_xact_lock(hashtextextended(${second}, 0))`;
}

/**
 * Posts a comment to an article. Throws AppError for bad input (validation,
 * captcha, not_found) and refusals (closed, banned, rate_limited, duplicate).
 * `locale` is the request's language: the answer's message and the author's
 * mails (lib/notifications) are written in it.
 */
export async function submitComment(
  services: PostingServices,
  slug: string,
  rawInput: unknown,
  request: RequestMeta,
  options: { checks?: readonly CommentCheck[]; now?: Date; locale?: Locale } = {},
): Promise<SubmitResult> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const { db } = services;
  const input = requireValidInput(commentInputSchema, rawInput);
  const article = isPossibleSlug(slug)
    ? await db.article.findUnique({ where: { slug }, select: { id: true, slug: true, url: true, commentsOpen: true, preModerate: true, publishedAt: true } })
    : null;
  if (!article) throw new AppError("not_found", "api.articles.notFound", { fields: { slug: "api.articles.noSuchArticle" }, params: { slug } });

  const parent = input.parentId
    ? await db.comment.findFirst({ where: { id: input.parentId, articleId: article.id, status: "approved" }, select: { id: true, rootId: true, depth: true } })
    : null;
  if (input.parentId && !parent) {
    throw new AppError("validation", "api.comments.badParent", { fields: { parentId: "api.comments.badParentField" } });
  }

  const now = options.now ?? new Date();
  await requireCaptchaSolved(
    services.secret,
    input.captchaToken,
    input.captchaAnswer,
    async (id, expiresAt) => {
      const inserted = await db.usedCaptcha.createMany({ data: [{ id, expiresAt }], skipDuplicates: true });
      return inserted.count === 1;
    },
    now,
  );

  const candidate: CandidateComment = {
    body: input.body,
    authorName: input.authorName,
    authorEmail: input.authorEmail.toLowerCase(),
    authorUrl: input.authorUrl ?? null,
    parentId: parent?.id ?? null,
    ip: request.ip,
    userAgent: request.userAgent,
    referrer: request.referrer,
    createdAt: now,
  };

  const settings = await getModerationSettings(db);
  let verdicts: Verdict[];
  let outcome: "approved" | "pending" | "spam" | "rejected";
  /** Run again under the author's lock before the insert (none for the honeypot, which skips the pipeline). */
  let recheck: (tx: HistoryClient) => Promise<void> = async () => {};
  if (input.website) {
    // The honeypot: people never see this field, so whatever filled it is a bot. It gets the usual answer.
    verdicts = [{ check: "honeypot", label: "spam", action: "spam", evidence: { ...evidenceMessage("mail.evidence.honeypot"), value: input.website.slice(0, 200) } }];
    outcome = "spam";
  } else {
    const checks = options.checks ?? commentChecks;
    const toJudge: CommentToJudge = {
      comment: candidate,
      article: { slug: article.slug, commentsOpen: article.commentsOpen, url: article.url, publishedAt: article.publishedAt, preModerate: article.preModerate },
      isReply: parent !== null,
    };
    const result = await judgeComment(db, services, toJudge, settings, checks);
    verdicts = result.verdicts;
    outcome = result.outcome;
    recheck = async (tx) => {
      // One set of look-ups for all of them: the author's history is read once under the lock.
      const lockedContext = buildCheckContext(tx, services, toJudge, settings);
      for (const check of checks.filter((candidateCheck) => postingRateChecks.includes(candidateCheck))) await check.run(lockedContext);
    };
  }

  // A refusal here (flood, duplicate) rolls back and stores nothing, like one from the pipeline.
  const created = await db.$transaction(
    async (tx) => {
      await lockAuthor(tx, candidate.authorEmail, request.ip);
      await recheck(tx);
      const comment = await tx.comment.create({
        data: {
          articleId: article.id,
          parentId: parent?.id ?? null,
          rootId: parent ? (parent.rootId ?? parent.id) : null,
          depth: parent ? parent.depth + 1 : 0,
          authorName: candidate.authorName,
          authorEmail: candidate.authorEmail,
          authorUrl: candidate.authorUrl,
          body: candidate.body,
          bodyHtml: renderCommentHtml(candidate.body),
          status: outcome,
          ip: request.ip || null,
          userAgent: request.userAgent.slice(0, 500) || null,
          referrer: request.referrer.slice(0, 1000) || null,
          createdAt: now,
        },
        select: { id: true },
      });
      await storeVerdicts(tx, comment.id, verdicts, now);
      await enqueueCommentWebhooks(tx, comment.id, eventsForNewComment(outcome), now);
      // Held for a moderator: their alerts are written with the comment, so neither exists without the other.
      if (outcome === "pending") {
        await enqueueModeratorAlerts(tx, { event: "held", commentId: comment.id, articleId: article.id, authorName: candidate.authorName, body: candidate.body, reasons: heldReasonsOf(verdicts) });
      }
      // Readers' mails: the author's subscriptions (and confirmation), and the parent's author told of a published reply.
      await handleStoredComment(tx, { commentId: comment.id, articleId: article.id, authorEmail: candidate.authorEmail, outcome, notifyReplies: input.notifyReplies, followThread: input.followThread, locale }, now);
      return comment;
    },
    // Posts by one author wait for each other here; give a burst room before giving up.
    { maxWait: 10_000, timeout: 10_000 },
  );
  const status = outcome === "approved" ? "approved" : "pending";
  // Every stored comment lands in some queue; a published one also changes what readers of the thread see.
  await Promise.all([services.live?.publish({ type: "queues" }), outcome === "approved" ? services.live?.publish({ type: "thread", slug: article.slug }) : undefined]);
  return {
    id: created.id,
    status,
    message: translate(locale, messages[status]),
    editToken: authorTokenFor(services.secret, created.id),
    editableUntil: editableUntilOf(now, settings).toISOString(),
  };
}
