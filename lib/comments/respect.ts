// Readers' respect (Coral's word: an endorsement that rewards civility rather
// than agreement): one per reader per comment, given and taken back with the
// opaque token the reader's browser keeps. A comment's count is the number of
// different address networks among its respects, recomputed in the same
// transaction, so tokens invented from one network add nothing while two
// readers in one office each keep their own respected state. Only published
// comments can be respected: anything else (unknown, held, rejected, deleted,
// malformed id) is the same 404, so nothing is told about comments readers
// cannot see. A network's respects and withdrawals are limited together.
import { createHmac } from "node:crypto";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { LiveBus } from "../live/live-bus";
import { COMMENT_ID_PATTERN } from "../validation/comment-input";
import { requireValidInput } from "../validation/require-valid-input";
import { respectInputSchema } from "../validation/respect-input";
import { addressNetworkKey } from "./network-key";
import type { RequestMeta } from "./submit-comment";

/** What giving and taking back respects works with. */
export interface RespectServices {
  db: Db;
  /** Keys reader tokens and networks (AUTH_SECRET). */
  secret: string;
  /** Told which thread changed, so cached pages and API answers show the new count; without one, nobody is. */
  live?: LiveBus | undefined;
}

/** What the reader is told (SPEC.md): the comment and its count now. */
export interface RespectResult {
  id: string;
  respects: number;
}

/** Respects and withdrawals one network may make within RESPECT_WINDOW_MS, on any comments. */
export const RESPECT_CHANGES_PER_NETWORK = 60;

/** The window of the per-network limit. */
export const RESPECT_WINDOW_MS = 10 * 60_000;

type Transaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The reader as stored: a keyed hash of their token, so the database holds nothing a browser could present. */
function readerKeyOf(secret: string, readerToken: string): string {
  return createHmac("sha256", secret).update(`respect-reader:${readerToken}`).digest("base64url");
}

/** The one answer for every comment that cannot be respected. */
function notPublished(): AppError {
  return new AppError("not_found", "api.engagement.notPublished", { fields: { id: "api.comments.noSuchComment" } });
}

/**
 * Refuses a network that has made its window's respects and withdrawals,
 * saying when it may again. Runs under the network's lock, so concurrent
 * requests from one network are counted one after the other.
 */
async function requireRespectAllowance(tx: Transaction, networkKey: string, now: Date): Promise<void> {
  const recent = await tx.respectChange.findMany({
    where: { networkKey, createdAt: { gt: new Date(now.getTime() - RESPECT_WINDOW_MS) } },
    orderBy: { createdAt: "desc" },
    take: RESPECT_CHANGES_PER_NETWORK,
    select: { createdAt: true },
  });
  if (recent.length < RESPECT_CHANGES_PER_NETWORK) return;
  const oldest = recent[recent.length - 1]!.createdAt;
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest.getTime() + RESPECT_WINDOW_MS - now.getTime()) / 1000));
  throw new AppError("rate_limited", "api.engagement.tooManyRespects", { retryAfterSeconds, params: { max: RESPECT_CHANGES_PER_NETWORK, minutes: RESPECT_WINDOW_MS / 60_000 } });
}

/**
 * Locks the comment's row for the rest of the transaction (so two readers'
 * changes recount one after the other) and returns its article's slug;
 * throws notPublished() unless it is approved and not deleted.
 */
async function lockPublishedComment(tx: Transaction, commentId: string): Promise<string> {
  const [row] = await tx.$queryRaw<Array<{ status: string; deletedAt: Date | null; slug: string }>>`
    SELECT c."status"::text AS "status", c."deletedAt", a."slug"
    FROM "Comment" c JOIN "Article" a ON a."id" = c."articleId"
    WHERE c."id" = ${commentId}
    FOR UPDATE OF c`;
  if (!row || row.status !== "approved" || row.deletedAt !== null) throw notPublished();
  return row.slug;
}

/** Sets the comment's count to its respects' distinct networks, and returns it. */
async function recountRespects(tx: Transaction, commentId: string): Promise<number> {
  const [row] = await tx.$queryRaw<Array<{ respectCount: number }>>`
    UPDATE "Comment" SET "respectCount" = (SELECT count(DISTINCT r."networkKey") FROM "Respect" r WHERE r."commentId" = ${commentId})::int
    WHERE "id" = ${commentId}
    RETURNING "respectCount"`;
  return row?.respectCount ?? 0;
}

/**
 * Gives (`isGiven`) or takes back one reader's respect. The network's lock
 * comes first, then the comment's row: every change takes them in that order,
 * so none waits on another in a circle. Asking twice changes nothing and
 * counts nothing against the limit.
 */
async function changeRespect(services: RespectServices, commentId: string, rawInput: unknown, request: RequestMeta, isGiven: boolean, now: Date): Promise<RespectResult> {
  const { readerToken } = requireValidInput(respectInputSchema, rawInput);
  if (!COMMENT_ID_PATTERN.test(commentId)) throw notPublished();
  const networkKey = addressNetworkKey(services.secret, request.ip);
  const readerKey = readerKeyOf(services.secret, readerToken);
  const { respects, changedSlug } = await services.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`respect-network:${networkKey}`}, 0))`;
    const slug = await lockPublishedComment(tx, commentId);
    const isChanged = isGiven
      ? (await tx.respect.createMany({ data: [{ commentId, readerKey, networkKey, createdAt: now }], skipDuplicates: true })).count === 1
      : (await tx.respect.deleteMany({ where: { commentId, readerKey } })).count === 1;
    if (!isChanged) {
      const current = await tx.comment.findUniqueOrThrow({ where: { id: commentId }, select: { respectCount: true } });
      return { respects: current.respectCount, changedSlug: null };
    }
    // Checked once something would change, and rolled back with it when refused.
    await requireRespectAllowance(tx, networkKey, now);
    await tx.respectChange.create({ data: { networkKey, createdAt: now } });
    return { respects: await recountRespects(tx, commentId), changedSlug: slug };
  });
  // After the commit: the thread's cached pages and API answers drop the old count, on every instance.
  if (changedSlug !== null) await services.live?.publish({ type: "thread", slug: changedSlug });
  return { id: commentId, respects };
}

/** Respects a published comment for the reader holding `readerToken` (POST /api/v1/comments/{id}/respect); the same reader again changes nothing. */
export function giveRespect(services: RespectServices, commentId: string, rawInput: unknown, request: RequestMeta, now = new Date()): Promise<RespectResult> {
  return changeRespect(services, commentId, rawInput, request, true, now);
}

/** Takes back that reader's respect (DELETE /api/v1/comments/{id}/respect); taking back what was never given changes nothing. */
export function withdrawRespect(services: RespectServices, commentId: string, rawInput: unknown, request: RequestMeta, now = new Date()): Promise<RespectResult> {
  return changeRespect(services, commentId, rawInput, request, false, now);
}

/** Whether a comment that moves to `status` keeps its respects: they vanish with a rejection or a spam filing, whoever makes it, and are not given back when it returns. */
export function isRespectKeptAt(status: "approved" | "pending" | "spam" | "rejected"): boolean {
  return status !== "rejected" && status !== "spam";
}

/**
 * Removes every respect of a comment and sets its count to 0, with the
 * caller's transaction client: respect vanishes with a rejection (a
 * moderator's, lib/moderation/decisions.ts, or an edit's) and with its
 * author's deletion.
 */
export async function clearRespects(tx: Pick<Db, "respect" | "comment">, commentId: string): Promise<void> {
  await tx.respect.deleteMany({ where: { commentId } });
  await tx.comment.update({ where: { id: commentId }, data: { respectCount: 0 } });
}

/** Deletes the limit's records that have left its window (housekeeping). */
export async function pruneRespectChanges(db: Pick<Db, "respectChange">, now: Date): Promise<number> {
  return (await db.respectChange.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - RESPECT_WINDOW_MS) } } })).count;
}
