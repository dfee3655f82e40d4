// The privacy requests' log for the dashboard: what was done, when, by whom,
// and how many comments it covered. It never names the reader.
import type { Db } from "../db";

/** One logged request. */
export interface PrivacyRequestRecord {
  id: string;
  kind: string;
  comments: number;
  createdAt: string;
  /** null: from the command line, or by a removed account. */
  moderator: { name: string | null; email: string } | null;
}

/** The latest requests, newest first. */
export async function listPrivacyRequests(db: Db, options: { limit?: number } = {}): Promise<PrivacyRequestRecord[]> {
  const rows = await db.privacyRequest.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 20,
    include: { moderator: { select: { name: true, email: true } } },
  });
  return rows.map((row) => ({ id: row.id, kind: row.kind, comments: row.comments, createdAt: row.createdAt.toISOString(), moderator: row.moderator }));
}
