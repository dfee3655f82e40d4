// Rows that only matter for a while: a spent captcha is remembered until its
// token expires (after that the token is refused for its age anyway), and a
// sign-in attempt until it leaves the throttling window, and a network's
// respect or withdrawal until it leaves the respect limit's window. Without
// pruning these tables grow with every comment, sign-in and respect, forever. Readers' IP
// addresses, user agents and referrers serve spam and abuse checks for a
// while, then only identify readers: they go after the retention setting
// (ipRetentionDays), the comments stay.
import { SIGN_IN_WINDOW_MS } from "../auth/sign-in";
import { pruneRespectChanges } from "../comments/respect";
import type { Db } from "../db";
import { getModerationSettings } from "../moderation/settings";

/** How often each app process prunes: every instance may, deleting the same rows twice is harmless. */
export const PRUNE_INTERVAL_MS = 10 * 60_000;

const DAY_MS = 24 * 60 * 60_000;

/** What one pruning removed. */
export interface PruneReport {
  spentCaptchas: number;
  signInAttempts: number;
  /** Respects and withdrawals past the per-network limit's window. */
  respectChanges: number;
  /** Comments whose IP address, user agent and referrer were removed. */
  commentAddresses: number;
  /** Reports whose reporter's IP address was removed. */
  reporterAddresses: number;
}

/** Deletes spent captchas whose tokens have expired, sign-in attempts and respect changes older than their limits' windows, and clears the addresses older than the retention setting. */
export async function pruneExpiredRows(db: Db, now: Date = new Date()): Promise<PruneReport> {
  const { ipRetentionDays } = await getModerationSettings(db);
  const retainedSince = new Date(now.getTime() - ipRetentionDays * DAY_MS);
  const [captchas, attempts, respectChanges, comments, reports] = await Promise.all([
    db.usedCaptcha.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - SIGN_IN_WINDOW_MS) } } }),
    pruneRespectChanges(db, now),
    db.comment.updateMany({
      where: { createdAt: { lt: retainedSince }, OR: [{ ip: { not: null } }, { userAgent: { not: null } }, { referrer: { not: null } }] },
      data: { ip: null, userAgent: null, referrer: null },
    }),
    // A report's network key (a keyed hash) stays: it is what limits reports per network; the address itself is not needed for that.
    db.report.updateMany({ where: { createdAt: { lt: retainedSince }, reporterIp: { not: null } }, data: { reporterIp: null } }),
  ]);
  return { spentCaptchas: captchas.count, signInAttempts: attempts.count, respectChanges, commentAddresses: comments.count, reporterAddresses: reports.count };
}

/** Prunes now and then every `intervalMs` in the background (never keeping the process alive); returns the function that stops it. */
export function startPruning(getDb: () => Db, intervalMs = PRUNE_INTERVAL_MS): () => void {
  const prune = () =>
    pruneExpiredRows(getDb()).catch((error: unknown) =>
      console.error(`Pruning expired captchas, sign-in attempts, respect changes and old addresses failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  void prune();
  const timer = setInterval(() => void prune(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
