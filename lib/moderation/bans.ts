// Banning comment authors: a ban names an e-mail address (and optionally an IP
// address) and stops them posting until it is lifted (the author-ban check
// reads it). Banning can also reject everything they have waiting in the
// pending queue, in the same transaction, each with a logged decision.
import { isIP } from "node:net";
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { LiveBus } from "../live/live-bus";
import { requireValidInput } from "../validation/require-valid-input";

/** Longest reason a moderator can give; the author sees it when refused. */
export const BAN_REASON_MAX = 500;

/** What the ban schema's messages (catalog keys) name: pass to requireValidInput with it. */
export const BAN_MESSAGE_PARAMS = { banReasonMax: BAN_REASON_MAX } as const;

/** The body of `POST /api/v1/moderation/bans`. */
export const banInputSchema = z.object({
  email: z
    .string({ message: "api.moderation.banEmailMissing" })
    .trim()
    .toLowerCase()
    .min(1, "api.moderation.banEmailMissing")
    .max(254, "api.moderation.banEmailTooLong")
    .email("api.moderation.banEmailInvalid"),
  ip: z
    .string({ message: "api.moderation.banIpNotText" })
    .trim()
    .transform((value) => value.replace(/^::ffff:/i, ""))
    .refine((value) => value === "" || isIP(value) !== 0, "api.moderation.banIpInvalid")
    .transform((value) => (value === "" ? undefined : value))
    .nullish(),
  reason: z
    .string({ message: "api.moderation.banReasonMissing" })
    .trim()
    .min(1, "api.moderation.banReasonMissing")
    .max(BAN_REASON_MAX, "api.moderation.banReasonTooLong"),
  rejectPending: z.boolean({ message: "api.moderation.rejectPendingNotBoolean" }).default(false),
});

/** What a moderator sends to ban an author. */
export type BanInput = z.input<typeof banInputSchema>;

/** A ban as the dashboard and the API show it (dates as ISO strings). */
export interface BanRecord {
  id: string;
  email: string | null;
  ip: string | null;
  reason: string;
  createdAt: string;
  expiresAt: string | null;
  liftedAt: string | null;
  /** Neither lifted nor expired: the author cannot post. */
  isActive: boolean;
  /** Who banned; null for bans made outside the dashboard or by a removed account. */
  bannedBy: { id: string; email: string; name: string | null } | null;
}

/** What banning did. */
export interface BanResult {
  ban: BanRecord;
  /** How many pending comments by the author were rejected with the ban. */
  rejectedCount: number;
}

const banSelect = {
  id: true,
  email: true,
  ip: true,
  reason: true,
  createdAt: true,
  expiresAt: true,
  liftedAt: true,
  moderator: { select: { id: true, email: true, name: true } },
} as const;

type BanRow = {
  id: string;
  email: string | null;
  ip: string | null;
  reason: string;
  createdAt: Date;
  expiresAt: Date | null;
  liftedAt: Date | null;
  moderator: { id: string; email: string; name: string | null } | null;
};

function toBanRecord(row: BanRow, now: Date): BanRecord {
  return {
    id: row.id,
    email: row.email,
    ip: row.ip,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    liftedAt: row.liftedAt?.toISOString() ?? null,
    isActive: row.liftedAt === null && (row.expiresAt === null || row.expiresAt > now),
    bannedBy: row.moderator,
  };
}

/** Bans that still stop an author, as a Prisma filter. */
function activeBanWhere(now: Date) {
  return { liftedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/**
 * Bans an author by e-mail (lower-cased) and optionally IP. With
 * `rejectPending`, every pending comment from that e-mail or IP is rejected in
 * the same transaction, each with a decision noting the ban (and `live` is
 * told the queues changed). Throws `validation` for bad input and `duplicate`
 * when the e-mail is already banned.
 */
export async function banAuthor(db: Db, input: BanInput & { moderatorId: string | null }, options: { now?: Date; live?: LiveBus | undefined } = {}): Promise<BanResult> {
  const { email, ip, reason, rejectPending } = requireValidInput(banInputSchema, input, BAN_MESSAGE_PARAMS);
  const moderatorId = input.moderatorId;
  const now = options.now ?? new Date();
  const result = await db.$transaction(async (tx): Promise<BanResult> => {
    const existing = await tx.ban.findFirst({ where: { email: { equals: email, mode: "insensitive" }, ...activeBanWhere(now) }, select: { createdAt: true } });
    if (existing) {
      throw new AppError("duplicate", "api.moderation.alreadyBanned", {
        fields: { email: "api.moderation.alreadyBannedField" },
        params: { email, since: existing.createdAt.toISOString().slice(0, 10) },
      });
    }
    const ban = await tx.ban.create({ data: { email, ip: ip ?? null, reason, moderatorId, createdAt: now }, select: banSelect });
    if (!rejectPending) return { ban: toBanRecord(ban, now), rejectedCount: 0 };

    // Only comments still pending at this moment: one another moderator just approved stays approved.
    const rejected = await tx.comment.updateManyAndReturn({
      where: { status: "pending", OR: [{ authorEmail: { equals: email, mode: "insensitive" } }, ...(ip ? [{ ip }] : [])] },
      data: { status: "rejected" },
      select: { id: true },
    });
    const ids = rejected.map((comment) => comment.id);
    if (ids.length) {
      await tx.moderationDecision.createMany({
        data: ids.map((commentId) => ({ commentId, moderatorId, action: "reject", fromStatus: "pending" as const, toStatus: "rejected" as const, note: `author banned: ${reason}`, createdAt: now })),
      });
      // The rejection answers their reports, as any decision does.
      await tx.report.updateMany({ where: { commentId: { in: ids }, resolvedAt: null }, data: { resolvedAt: now } });
    }
    return { ban: toBanRecord(ban, now), rejectedCount: ids.length };
  });
  if (result.rejectedCount > 0) await options.live?.publish({ type: "queues" });
  return result;
}

/** Lifts a ban so the author can post again; lifting a lifted ban changes nothing. Throws `not_found` for an unknown id. */
export async function liftBan(db: Db, id: string, now = new Date()): Promise<BanRecord> {
  if (id.length > 64) throw new AppError("not_found", "api.moderation.banNotFound", { fields: { id: "api.moderation.noSuchBan" } });
  await db.ban.updateMany({ where: { id, liftedAt: null }, data: { liftedAt: now } });
  const ban = await db.ban.findUnique({ where: { id }, select: banSelect });
  if (!ban) throw new AppError("not_found", "api.moderation.banNotFound", { fields: { id: "api.moderation.noSuchBan" } });
  return toBanRecord(ban, now);
}

/** Bans, newest first, with who made them: all of them, or only the active (`active: true`) or the lifted and expired (`active: false`). */
export async function listBans(db: Db, options: { active?: boolean; limit?: number } = {}, now = new Date()): Promise<BanRecord[]> {
  const where = options.active === undefined ? {} : options.active ? activeBanWhere(now) : { NOT: activeBanWhere(now) };
  const rows = await db.ban.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: options.limit ?? 500, select: banSelect });
  return rows.map((row) => toBanRecord(row, now));
}

/** The query of `GET /api/v1/moderation/bans`: `?active=true|false`, or neither for all. */
export const banListQuerySchema = z.object({
  active: z.enum(["true", "false"], { message: "api.moderation.activeNotBoolean" }).transform((value) => value === "true").optional(),
});
