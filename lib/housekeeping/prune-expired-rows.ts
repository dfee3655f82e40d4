// Rows that only matter for a while: a spent captcha is remembered until its
// token expires (after that the token is refused for its age anyway), and a
// sign-in attempt until it leaves the throttling window. Without pruning both
// tables grow with every comment and every sign-in, forever.
import { SIGN_IN_WINDOW_MS } from "../auth/sign-in";
import type { Db } from "../db";

/** How often each app process prunes: every instance may, deleting the same rows twice is harmless. */
export const PRUNE_INTERVAL_MS = 10 * 60_000;

/** What one pruning removed. */
export interface PruneReport {
  spentCaptchas: number;
  signInAttempts: number;
}

/** Deletes spent captchas whose tokens have expired and sign-in attempts older than the throttling window. */
export async function pruneExpiredRows(db: Db, now: Date = new Date()): Promise<PruneReport> {
  const [captchas, attempts] = await Promise.all([
    db.usedCaptcha.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - SIGN_IN_WINDOW_MS) } } }),
  ]);
  return { spentCaptchas: captchas.count, signInAttempts: attempts.count };
}

/** Prunes now and then every `intervalMs` in the background (never keeping the process alive); returns the function that stops it. */
export function startPruning(getDb: () => Db, intervalMs = PRUNE_INTERVAL_MS): () => void {
  const prune = () =>
    pruneExpiredRows(getDb()).catch((error: unknown) => console.error(`Pruning expired captchas and sign-in attempts failed: ${error instanceof Error ? error.message : String(error)}`));
  void prune();
  const timer = setInterval(() => void prune(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
