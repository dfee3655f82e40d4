// Everything stored about one commenter, for their right of access: their
// comments as written (with where, when and from which address and browser,
// and every earlier text of those they edited or deleted),
// the labels our checks gave them, and the bans on their address. Reports and
// decisions are the moderators' data about a comment, not the commenter's,
// and are left out; so are other people's replies.
import type { Db } from "../db";
import { recordPrivacyRequest } from "./privacy-log";

/** One of the commenter's comments, as stored. */
export interface ExportedComment {
  id: string;
  article: { slug: string; title: string; url: string };
  parentId: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  status: string;
  createdAt: string;
  editedAt: string | null;
  /** When they deleted it themselves (its text then reads "[deleted]"; what it said is among the revisions). */
  deletedAt: string | null;
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
  /** What the moderation checks said about it (their evidence is for moderators and may quote others). */
  verdicts: Array<{ check: string; label: string; action: string; createdAt: string }>;
  /** Its earlier texts, oldest first: what it said before each edit, or before its deletion. */
  revisions: Array<{ body: string; writtenAt: string; replacedAt: string }>;
}

/** A ban on the commenter's e-mail address. */
export interface ExportedBan {
  id: string;
  email: string | null;
  ip: string | null;
  reason: string;
  createdAt: string;
  expiresAt: string | null;
  liftedAt: string | null;
}

/** The answer to a request for one's data. */
export interface CommenterData {
  email: string;
  exportedAt: string;
  comments: ExportedComment[];
  bans: ExportedBan[];
}

/** Who asked for the export, for the log (null: the command line). */
export interface PrivacyRequestOptions {
  moderatorId?: string | null | undefined;
  /** The log's hashing secret (lib/privacy/privacy-log.ts); AUTH_SECRET by default. */
  secret?: string | undefined;
  now?: Date | undefined;
}

/** Everything stored about the commenter with this e-mail (any case), oldest comment first; logged as an export request. */
export async function exportCommenterData(db: Db, email: string, options: PrivacyRequestOptions = {}): Promise<CommenterData> {
  const now = options.now ?? new Date();
  const address = email.trim().toLowerCase();
  const [comments, bans] = await Promise.all([
    db.comment.findMany({
      where: { authorEmail: { equals: address, mode: "insensitive" } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: {
        article: { select: { slug: true, title: true, url: true } },
        verdicts: { orderBy: { createdAt: "asc" }, select: { check: true, label: true, action: true, createdAt: true } },
        revisions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { body: true, writtenAt: true, createdAt: true } },
      },
    }),
    db.ban.findMany({ where: { email: { equals: address, mode: "insensitive" } }, orderBy: { createdAt: "asc" } }),
  ]);
  await recordPrivacyRequest(db, { kind: "export", email: address, moderatorId: options.moderatorId ?? null, comments: comments.length, secret: options.secret, now });
  return {
    email: address,
    exportedAt: now.toISOString(),
    comments: comments.map((comment) => ({
      id: comment.id,
      article: comment.article,
      parentId: comment.parentId,
      authorName: comment.authorName,
      authorEmail: comment.authorEmail,
      authorUrl: comment.authorUrl,
      body: comment.body,
      status: comment.status,
      createdAt: comment.createdAt.toISOString(),
      editedAt: comment.editedAt?.toISOString() ?? null,
      deletedAt: comment.deletedAt?.toISOString() ?? null,
      ip: comment.ip,
      userAgent: comment.userAgent,
      referrer: comment.referrer,
      verdicts: comment.verdicts.map((verdict) => ({ check: verdict.check, label: verdict.label, action: verdict.action, createdAt: verdict.createdAt.toISOString() })),
      revisions: comment.revisions.map((revision) => ({ body: revision.body, writtenAt: revision.writtenAt.toISOString(), replacedAt: revision.createdAt.toISOString() })),
    })),
    bans: bans.map((ban) => ({
      id: ban.id,
      email: ban.email,
      ip: ban.ip,
      reason: ban.reason,
      createdAt: ban.createdAt.toISOString(),
      expiresAt: ban.expiresAt?.toISOString() ?? null,
      liftedAt: ban.liftedAt?.toISOString() ?? null,
    })),
  };
}
