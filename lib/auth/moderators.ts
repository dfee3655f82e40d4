// Accounts for the dashboard: created or updated from the command line
// (`npm run moderator:add`), looked up on every request that needs one.
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { hashPassword } from "./password";
import { normalizeEmail, type SignedInAccount } from "./sign-in";

/** The roles an account can have. */
export const accountRoles = ["admin", "moderator", "member"] as const;

/** Input of `moderator:add`. */
export const moderatorInputSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address").max(254),
  password: z.string().min(10, "Use at least 10 characters").max(200, "Use at most 200 characters"),
  /** Left out: a new account is a moderator, an existing one keeps its role. */
  role: z.enum(accountRoles).optional(),
  name: z.string().trim().max(100).optional(),
});

/** What `moderator:add` takes. */
export type ModeratorInput = z.input<typeof moderatorInputSchema>;

/** Creates the account, or updates its password, role and name. */
export async function upsertModerator(db: Db, input: ModeratorInput): Promise<{ account: SignedInAccount; created: boolean }> {
  const parsed = moderatorInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? "input"), issue.message]));
    throw new AppError("validation", `Invalid account: ${Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join("; ")}`, { fields });
  }
  const { email, password, role, name } = parsed.data;
  const passwordHash = await hashPassword(password);
  const existing = await db.moderator.findUnique({ where: { email } });
  const saved = existing
    ? await db.moderator.update({ where: { email }, data: { passwordHash, ...(role ? { role } : {}), ...(name !== undefined ? { name } : {}) } })
    : await db.moderator.create({ data: { email, passwordHash, role: role ?? "moderator", name: name ?? null } });
  return { account: { id: saved.id, email: saved.email, name: saved.name, role: saved.role }, created: !existing };
}

/** The account behind a session, as it is now (a removed account or a changed role counts at once). */
export async function findAccount(db: Db, id: string): Promise<SignedInAccount | null> {
  const account = await db.moderator.findUnique({ where: { id } });
  return account ? { id: account.id, email: normalizeEmail(account.email), name: account.name, role: account.role, language: account.language } : null;
}

/** Whether an account may moderate. */
export function canModerate(account: SignedInAccount | null): boolean {
  return account?.role === "admin" || account?.role === "moderator";
}

/**
 * The account, if it may moderate (and, with `admin`, change settings):
 * throws `unauthorized` without one and `forbidden` without the role.
 */
export function requireModeratorRole(account: SignedInAccount | null, options: { admin?: boolean } = {}): SignedInAccount {
  if (!account) throw new AppError("unauthorized", "Sign in as a moderator to do this.");
  if (options.admin ? account.role !== "admin" : !canModerate(account)) {
    throw new AppError("forbidden", options.admin ? "Only administrators can do this." : "Your account has no moderation rights.");
  }
  return account;
}
