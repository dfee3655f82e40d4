// Moving threads to new article URLs: a site that changes its permalinks (a
// new domain, /2024/05/slug → /news/slug) keeps every discussion, because the
// thread belongs to the article row and only its URL changes. Either every
// URL under a prefix moves, or an explicit list of old,new pairs (a CSV). A
// move onto a URL another article keeps is refused, naming that article, and
// then nothing moves: two articles on one URL would split its readers'
// discussion between them.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { LiveBus } from "../live/live-bus";
import { readIssueMessage } from "../validation/issue-message";

/** Longest URL an article may have (the same bound as an embed's data-url). */
const MAX_URL_LENGTH = 2048;

/** What to move: every URL starting with `from` (the rest kept), or exact old → new pairs. */
export type RemapRequest = { kind: "prefix"; from: string; to: string } | { kind: "pairs"; pairs: Array<{ from: string; to: string }> };

/** One article's move. */
export interface UrlMove {
  slug: string;
  title: string;
  from: string;
  to: string;
}

/** A move that cannot be made, and why. */
export interface RemapConflict {
  move: UrlMove;
  /** The article that has (or would also get) the URL. */
  holder: { slug: string; title: string };
}

/** What a remap found, and whether it was written. */
export interface RemapResult {
  moves: UrlMove[];
  /** Old URLs of the pairs that no article has. */
  unmatched: string[];
  conflicts: RemapConflict[];
  /** False on a dry run, or when a conflict refused every move. */
  isApplied: boolean;
}

const urlSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value), "must be an http(s) address without spaces");

/** Checks a URL the remap would write; throws validation naming where it came from. */
function requireUrl(value: string, where: string): string {
  const parsed = urlSchema.safeParse(value);
  if (!parsed.success) throw new AppError("validation", `${where}: "${value.slice(0, 100)}" ${readIssueMessage(parsed.error.issues[0])}`, { fields: { [where]: readIssueMessage(parsed.error.issues[0]) } });
  return parsed.data;
}

/** Reads `old,new` lines (an optional `old,new` header, blank lines and # comments skipped); throws validation naming the line. */
export function parseRemapCsv(text: string): Array<{ from: string; to: string }> {
  let records: string[][];
  try {
    records = parse(text, { trim: true, skip_empty_lines: true, comment: "#", relax_column_count: true }) as string[][];
  } catch (error) {
    throw new AppError("validation", `The CSV could not be read: ${error instanceof Error ? error.message : String(error)}`, { fields: { csv: "unreadable" } });
  }
  const [first] = records;
  const hasHeader = first?.[0]?.toLowerCase() === "old" && first[1]?.toLowerCase() === "new";
  if (hasHeader) records = records.slice(1);
  const seen = new Set<string>();
  return records.map((record, index) => {
    // Counted among the records (blank and comment lines are not records), the header included.
    const where = `record ${index + 1 + (hasHeader ? 1 : 0)}`;
    if (record.length !== 2) throw new AppError("validation", `CSV ${where}: expected old,new, found ${record.length} field${record.length === 1 ? "" : "s"}`, { fields: { csv: where } });
    const from = requireUrl(record[0]!, `CSV ${where} (old)`);
    const to = requireUrl(record[1]!, `CSV ${where} (new)`);
    if (seen.has(from)) throw new AppError("validation", `CSV ${where}: ${from} is listed twice`, { fields: { csv: where } });
    seen.add(from);
    return { from, to };
  });
}

/** Checks a prefix move's arguments: both non-empty, the new prefix an http(s) address. */
export function requirePrefixRequest(from: string, to: string): RemapRequest {
  if (from.trim() === "") throw new AppError("validation", "--from must not be empty", { fields: { from: "must not be empty" } });
  return { kind: "prefix", from: from.trim(), to: requireUrl(to, "--to") };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function findMoves(tx: Tx, request: RemapRequest): Promise<{ moves: Array<UrlMove & { id: string }>; unmatched: string[] }> {
  if (request.kind === "prefix") {
    const rows = await tx.article.findMany({ where: { url: { startsWith: request.from } }, orderBy: { url: "asc" }, select: { id: true, slug: true, title: true, url: true } });
    const moves = rows
      // startsWith is a LIKE: check again without its wildcards.
      .filter((row) => row.url.startsWith(request.from))
      .map((row) => ({ id: row.id, slug: row.slug, title: row.title, from: row.url, to: requireUrl(request.to + row.url.slice(request.from.length), `new URL of ${row.slug}`) }));
    return { moves: moves.filter((move) => move.from !== move.to), unmatched: [] };
  }
  const targets = new Map(request.pairs.map((pair) => [pair.from, pair.to]));
  const rows = await tx.article.findMany({ where: { url: { in: [...targets.keys()] } }, orderBy: { url: "asc" }, select: { id: true, slug: true, title: true, url: true } });
  const found = new Set(rows.map((row) => row.url));
  return {
    moves: rows.map((row) => ({ id: row.id, slug: row.slug, title: row.title, from: row.url, to: targets.get(row.url)! })).filter((move) => move.from !== move.to),
    unmatched: request.pairs.map((pair) => pair.from).filter((url) => !found.has(url)),
  };
}

/** Moves that would put two articles on one URL: onto an article that stays, or two moves onto one URL. */
async function findConflicts(tx: Tx, moves: Array<UrlMove & { id: string }>): Promise<RemapConflict[]> {
  const moving = new Set(moves.map((move) => move.id));
  const holders = await tx.article.findMany({ where: { url: { in: [...new Set(moves.map((move) => move.to))] } }, select: { id: true, slug: true, title: true, url: true } });
  // An article that moves away frees its URL (a swap is fine).
  const stayingByUrl = new Map(holders.filter((holder) => !moving.has(holder.id)).map((holder) => [holder.url, holder]));
  const conflicts: RemapConflict[] = [];
  const firstOnto = new Map<string, UrlMove>();
  for (const move of moves) {
    const { id: _id, ...shown } = move;
    const staying = stayingByUrl.get(move.to);
    if (staying) conflicts.push({ move: shown, holder: { slug: staying.slug, title: staying.title } });
    const earlier = firstOnto.get(move.to);
    if (earlier) conflicts.push({ move: shown, holder: { slug: earlier.slug, title: earlier.title } });
    else firstOnto.set(move.to, move);
  }
  return conflicts;
}

/**
 * Plans the moves and, unless `dryRun` or a conflict, writes them in one
 * transaction, then tells live readers each moved thread changed (its page
 * and API name the article's URL).
 */
export async function remapArticleUrls(db: Db, request: RemapRequest, options: { dryRun?: boolean; live?: LiveBus | undefined } = {}): Promise<RemapResult> {
  const result = await db.$transaction(async (tx) => {
    const { moves, unmatched } = await findMoves(tx, request);
    const conflicts = await findConflicts(tx, moves);
    const shown = moves.map(({ id: _id, ...move }) => move);
    if (options.dryRun || conflicts.length > 0 || moves.length === 0) return { moves: shown, unmatched, conflicts, isApplied: false };
    for (const move of moves) await tx.article.update({ where: { id: move.id }, data: { url: move.to } });
    return { moves: shown, unmatched, conflicts, isApplied: true };
  });
  if (result.isApplied && options.live) {
    const live = options.live;
    await Promise.all(result.moves.map((move) => live.publish({ type: "thread", slug: move.slug })));
  }
  return result;
}
