// Password sign-in with throttling kept in the database (so several app
// instances agree): five failures for one account within fifteen minutes lock
// it until the oldest of them is fifteen minutes old.
import { AppError } from "../errors";
import type { Db } from "../db";
import { hashPassword, needsRehash, verifyPassword } from "./password";

/** Failures per account that lock it. */
export const SIGN_IN_FAILURE_LIMIT = 5;
/** The window the failures are counted in. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** A signed-in account, as next-auth keeps it in the session. */
export interface SignedInAccount {
  id: string;
  email: string;
  name: string | null;
  role: "admin" | "moderator" | "member";
  /** The language chosen for the dashboard and alert mails; absent: the browser's. */
  language?: string | null;
}

/** What the sign-in form sends. */
export interface SignInAttemptInput {
  email: string;
  password: string;
  ip: string | null;
}

// Verifying against a real hash (at the current cost) when the account does not exist keeps the answer's timing from telling which e-mails exist.
let decoyHash: Promise<string> | null = null;

/** Normalises an e-mail the way accounts are stored. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Throws `rate_limited` while the account is locked, saying for how long. */
export async function requireSignInAllowed(db: Db, email: string, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const lastSuccess = await db.signInAttempt.findFirst({ where: { email, succeeded: true, createdAt: { gte: since } }, orderBy: { createdAt: "desc" } });
  const failures = await db.signInAttempt.findMany({
    where: { email, succeeded: false, createdAt: { gte: lastSuccess && lastSuccess.createdAt > since ? lastSuccess.createdAt : since } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  if (failures.length < SIGN_IN_FAILURE_LIMIT) return;
  const unlocksAt = failures[failures.length - SIGN_IN_FAILURE_LIMIT]!.createdAt.getTime() + SIGN_IN_WINDOW_MS;
  const minutes = Math.max(1, Math.ceil((unlocksAt - now.getTime()) / 60_000));
  throw new AppError("rate_limited", `Too many failed sign-ins for this account: it is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}.`, {
    retryAfterSeconds: Math.ceil((unlocksAt - now.getTime()) / 1000),
  });
}

/**
 * Replaces a hash made at an older cost, now that the password is known to be right.
 * Failing only logs: the sign-in stands, and the next one tries again.
 */
async function rehashPassword(db: Db, account: { id: string; passwordHash: string }, password: string): Promise<void> {
  try {
    const passwordHash = await hashPassword(password);
    // Matching the old hash too: a password changed meanwhile (moderator:add) is not overwritten.
    await db.moderator.updateMany({ where: { id: account.id, passwordHash: account.passwordHash }, data: { passwordHash } });
  } catch (error) {
    console.error(`Could not store the stronger password hash of account ${account.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Checks an e-mail and password. Returns the account, or null for a wrong
 * e-mail or password (one answer for both); throws `rate_limited` while the
 * account is locked. Every attempt is recorded; a right password hashed at an
 * older cost is hashed again at the current one.
 */
export async function signInWithPassword(db: Db, input: SignInAttemptInput, now = new Date()): Promise<SignedInAccount | null> {
  const email = normalizeEmail(input.email);
  if (!email || !input.password) return null;
  await requireSignInAllowed(db, email, now);
  const account = await db.moderator.findUnique({ where: { email } });
  decoyHash ??= hashPassword("decoy password for unknown accounts");
  const isValid = account ? await verifyPassword(input.password, account.passwordHash) : (await verifyPassword(input.password, await decoyHash), false);
  await db.signInAttempt.create({ data: { email, ip: input.ip, succeeded: isValid, createdAt: now } });
  if (!account || !isValid) return null;
  await db.moderator.update({ where: { id: account.id }, data: { lastLoginAt: now } });
  if (needsRehash(account.passwordHash)) await rehashPassword(db, account, input.password);
  return { id: account.id, email: account.email, name: account.name, role: account.role };
}
