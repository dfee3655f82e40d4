// Sites for embedding: the publications whose pages may frame threads. An
// administrator (dashboard or `npm run site:add`) gives each a name and the
// origins allowed to embed it; the key goes into the site owner's snippet. A
// secret (command line only) makes the site accept only signed embeds; it is
// stored, never shown: records say only whether there is one.
import { randomInt } from "node:crypto";
import type { Db } from "../db";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { LiveBus } from "../live/live-bus";
import { siteInputSchema, siteThemeProblem, siteUpdateSchema, type SiteInput, type SiteUpdate, type ValidSiteInput } from "../validation/site-input";
import { requireValidInput } from "../validation/require-valid-input";
import { loaderUrl } from "./assets";
import { requireSiteSecret } from "./embed-signature";

/** A site as the dashboard and the API show it (dates as ISO strings). */
export interface SiteRecord {
  id: string;
  key: string;
  name: string;
  allowedOrigins: string[];
  createdAt: string;
  updatedAt: string;
  /** Articles known for the site (created by the embed on first load, or by the seed). */
  articleCount: number;
  /** Published comments across those articles. */
  approvedCommentCount: number;
  /** Whether the site has a secret, so only signed embeds create its articles (the secret itself is never shown). */
  hasSecret: boolean;
  /** The language of the site's pages and frame ("en", "es"); null: each reader's browser decides. */
  language: string | null;
  /** The site's own style sheet, linked by the framed thread after its own; null: none. */
  themeStylesheetUrl: string | null;
}

/** How long a generated key is: 36¹² keys, so guessing one is hopeless and collisions are retried anyway. */
const GENERATED_KEY_LENGTH = 12;
const KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A random site key that satisfies SITE_KEY_PATTERN (URL-safe, lower-case). */
export function generateSiteKey(): string {
  let key = "";
  for (let index = 0; index < GENERATED_KEY_LENGTH; index += 1) key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return key;
}

const siteSelect = { id: true, key: true, name: true, allowedOrigins: true, secret: true, language: true, themeStylesheetUrl: true, createdAt: true, updatedAt: true, _count: { select: { articles: true } } } as const;

type SiteRow = Prisma.SiteGetPayload<{ select: typeof siteSelect }>;

/** Approved comments per site (less those their authors deleted), in one grouped query (comments know their article, not their site). */
async function countApprovedBySite(db: Db, siteIds: string[]): Promise<Map<string, number>> {
  if (siteIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ siteId: string; count: number }>>`
    SELECT a."siteId" AS "siteId", count(c."id")::int AS "count"
    FROM "Article" a
    JOIN "Comment" c ON c."articleId" = a."id" AND c."status" = 'approved' AND c."deletedAt" IS NULL
    WHERE a."siteId" IN (${Prisma.join(siteIds)})
    GROUP BY a."siteId"`;
  return new Map(rows.map((row) => [row.siteId, Number(row.count)]));
}

async function toRecords(db: Db, rows: SiteRow[]): Promise<SiteRecord[]> {
  const approved = await countApprovedBySite(
    db,
    rows.map((row) => row.id),
  );
  // Field by field: the secret must not ride along in a spread.
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    name: row.name,
    allowedOrigins: row.allowedOrigins,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    articleCount: row._count.articles,
    approvedCommentCount: approved.get(row.id) ?? 0,
    hasSecret: row.secret !== null,
    language: row.language,
    themeStylesheetUrl: row.themeStylesheetUrl,
  }));
}

async function toRecord(db: Db, row: SiteRow): Promise<SiteRecord> {
  const [record] = await toRecords(db, [row]);
  return record!;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function duplicateKey(key: string): AppError {
  return new AppError("duplicate", `A site with the key “${key}” already exists. Choose another key, or edit that site.`, { fields: { key: "This key is already taken" } });
}

/** Who hears that a site changed (cached frame policies and site languages, in every instance). */
export interface SiteChangeOptions {
  live?: LiveBus | undefined;
}

/** Every site, oldest first (the demo site leads), with its article and approved-comment counts. */
export async function listSites(db: Db): Promise<SiteRecord[]> {
  const rows = await db.site.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: siteSelect });
  return toRecords(db, rows);
}

/** Creates a site; without a key one is generated. Throws `validation` for bad input and `duplicate` when the key is taken. */
export async function createSite(db: Db, input: SiteInput, options: SiteChangeOptions = {}): Promise<SiteRecord> {
  return insertSite(db, requireValidInput(siteInputSchema, input), null, options);
}

/** Inserts a site from valid fields, with its secret if any; a generated key that happens to be taken is drawn again. */
async function insertSite(db: Db, fields: ValidSiteInput, secret: string | null, options: SiteChangeOptions): Promise<SiteRecord> {
  const { name, allowedOrigins, key } = fields;
  const language = fields.language ?? null;
  const themeStylesheetUrl = fields.themeStylesheetUrl ?? null;
  // A chosen key that is taken is the caller's to change.
  for (let attempt = 0; ; attempt += 1) {
    const candidate = key ?? generateSiteKey();
    try {
      const row = await db.site.create({ data: { key: candidate, name, allowedOrigins, secret, language, themeStylesheetUrl }, select: siteSelect });
      // A key framed before it existed has its refusal cached.
      await options.live?.publish({ type: "sites" });
      return await toRecord(db, row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (key !== undefined || attempt >= 3) throw duplicateKey(candidate);
    }
  }
}

/** The command line's site: the form's fields, and the secret (absent: kept as it is; null: removed). */
export type SiteCommandInput = SiteInput & { secret?: string | null | undefined };

/**
 * Creates the site, or, when a site with the given key exists, sets its name
 * and origins, its language and style sheet when given (null clears them),
 * and its secret when one is given or null removes it (the command line's
 * create-or-update). Throws `validation` for bad input.
 */
export async function createOrUpdateSite(db: Db, input: SiteCommandInput, options: SiteChangeOptions = {}): Promise<{ site: SiteRecord; created: boolean }> {
  const fields = requireValidInput(siteInputSchema, input);
  const { name, allowedOrigins, key, language, themeStylesheetUrl } = fields;
  const secret = typeof input.secret === "string" ? requireSiteSecret(input.secret) : input.secret;
  const secretChange = secret === undefined ? {} : { secret };
  if (key === undefined) return { site: await insertSite(db, fields, secret ?? null, options), created: true };
  const existing = await db.site.findUnique({ where: { key }, select: { id: true, allowedOrigins: true, themeStylesheetUrl: true } });
  // An update that leaves the style sheet alone still needs it on the site's new origins.
  const keptStylesheet = themeStylesheetUrl === undefined ? existing?.themeStylesheetUrl : undefined;
  const problem = siteThemeProblem(keptStylesheet, allowedOrigins);
  if (problem) throw new AppError("validation", "api.invalidFields", { fields: { themeStylesheetUrl: problem }, params: { fields: "themeStylesheetUrl", problem } });
  const settings = { ...(language !== undefined ? { language } : {}), ...(themeStylesheetUrl !== undefined ? { themeStylesheetUrl } : {}) };
  const row = await db.site.upsert({
    where: { key },
    create: { key, name, allowedOrigins, ...settings, ...secretChange },
    update: { name, allowedOrigins, ...settings, ...secretChange },
    select: siteSelect,
  });
  await options.live?.publish({ type: "sites" });
  return { site: await toRecord(db, row), created: !existing };
}

/**
 * Changes a site's name, allowed origins, language and/or style sheet (never
 * its key). The style sheet must be on one of the origins the site has after
 * the change. Throws `validation` for bad input and `not_found` for an unknown id.
 */
export async function updateSite(db: Db, id: string, input: SiteUpdate, options: SiteChangeOptions = {}): Promise<SiteRecord> {
  const { name, allowedOrigins, language, themeStylesheetUrl } = requireValidInput(siteUpdateSchema, input);
  try {
    if (allowedOrigins !== undefined || themeStylesheetUrl !== undefined) {
      const current = await db.site.findUnique({ where: { id }, select: { allowedOrigins: true, themeStylesheetUrl: true } });
      if (!current) throw new AppError("not_found", "No site with this id");
      const problem = siteThemeProblem(themeStylesheetUrl === undefined ? current.themeStylesheetUrl : themeStylesheetUrl, allowedOrigins ?? current.allowedOrigins);
      if (problem) throw new AppError("validation", "api.invalidFields", { fields: { themeStylesheetUrl: problem }, params: { fields: "themeStylesheetUrl", problem } });
    }
    const row = await db.site.update({
      where: { id },
      data: {
        ...(name !== undefined ? { name } : {}),
        ...(allowedOrigins !== undefined ? { allowedOrigins } : {}),
        ...(language !== undefined ? { language } : {}),
        ...(themeStylesheetUrl !== undefined ? { themeStylesheetUrl } : {}),
      },
      select: siteSelect,
    });
    // Frame policies (origins, the style sheet's origin) and site languages are cached per instance: they drop theirs.
    if (allowedOrigins !== undefined || language !== undefined || themeStylesheetUrl !== undefined) await options.live?.publish({ type: "sites" });
    return await toRecord(db, row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw new AppError("not_found", "No site with this id");
    throw error;
  }
}

/**
 * The address of the embed loader on a server: versioned by the built loader's
 * hash (lib/embed/assets.ts), or plain `/embed.js` when it is not built
 * here (say, `site:add` on a fresh clone); both serve the current loader.
 */
export function embedScriptUrl(origin: string): string {
  try {
    return loaderUrl(origin);
  } catch {
    return `${origin}/embed.js`;
  }
}

/** What a site owner pastes into their pages: the thread and a comment count. */
export interface EmbedSnippets {
  thread: string;
  count: string;
}

/**
 * The snippets for a site (SPEC.md, Embed), loading the script from `scriptUrl`
 * (embedScriptUrl); a site with a secret also needs each page's data-signature.
 */
export function buildEmbedSnippets(scriptUrl: string, siteKey: string, options: { isSigned?: boolean } = {}): EmbedSnippets {
  const signature = options.isSigned ? ' data-signature="…"' : "";
  return {
    thread: `<div data-comments data-site="${siteKey}" data-article="stable-id" data-url="https://…" data-title="…"${signature}></div>\n<script src="${scriptUrl}" async></script>`,
    count: `<span data-comments-count data-site="${siteKey}" data-article="stable-id"></span>`,
  };
}

/**
 * This server's public origin: the configured public URL when there is one,
 * else the request's forwarded (or own) host and protocol; null when none of
 * them makes an http(s) origin.
 */
export function readPublicOrigin(request: { configuredUrl?: string | undefined; forwardedProto?: string | null; forwardedHost?: string | null; host?: string | null }): string | null {
  const first = (value: string | null | undefined) => value?.split(",")[0]?.trim() || undefined;
  const candidates: string[] = [];
  if (request.configuredUrl) candidates.push(request.configuredUrl);
  const host = first(request.forwardedHost) ?? first(request.host);
  const proto = first(request.forwardedProto)?.toLowerCase();
  if (host) candidates.push(`${proto === "https" || proto === "http" ? proto : "http"}://${host}`);
  for (const candidate of candidates) {
    try {
      const url = new URL(candidate);
      if (url.protocol === "http:" || url.protocol === "https:") return url.origin;
    } catch {
      // Not a URL: try the next source.
    }
  }
  return null;
}
