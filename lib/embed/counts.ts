// Published-comment counts for many articles at once: the embed loader's count
// badges (`?site=KEY&articles=a,b`, by the embedding page's article keys) and
// other pages listing this app's articles (`?slugs=a,b`). One grouped query
// answers every key; an unknown key counts 0. Pages on a site's allowed
// origins may read the answer across origins (CORS).
import type { Db } from "../db";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";

/** Limits of one counts request. */
export const COUNTS_LIMITS = { keysMax: 100, keyMaxLength: 200 } as const;

/** What is being counted: the app's article slugs, or one site's article keys (Article.externalId). */
export type CountsQuery = { kind: "slugs"; slugs: string[] } | { kind: "site"; siteKey: string; articles: string[] };

/** Approved comments per requested key, and the origin that may read them (null: no CORS header). */
export interface ApprovedCounts {
  counts: Record<string, number>;
  allowedOrigin: string | null;
}

function invalid(field: string, message: string): AppError {
  return new AppError("validation", `Invalid ${field}: ${message}`, { fields: { [field]: message } });
}

/**
 * The keys of a comma-separated list (or of several): trimmed, blanks and
 * repeats dropped. Split after decoding: Next.js hands route handlers a
 * re-encoded query string in which `,` and `%2C` look the same, so a key
 * cannot hold a comma.
 */
function readKeyList(field: string, values: string[]): string[] {
  const keys = [...new Set(values.flatMap((value) => value.split(",")).map((key) => key.trim()).filter((key) => key !== ""))];
  if (keys.length > COUNTS_LIMITS.keysMax) throw invalid(field, `ask for at most ${COUNTS_LIMITS.keysMax} keys at once`);
  const long = keys.find((key) => key.length > COUNTS_LIMITS.keyMaxLength);
  if (long) throw invalid(field, `“${long.slice(0, 30)}…” is longer than ${COUNTS_LIMITS.keyMaxLength} characters`);
  return keys;
}

/**
 * Reads the query (`?slugs=a,b` or `?site=KEY&articles=a,b`); throws
 * `validation` naming the missing, empty or bad field.
 */
export function requireCountsQuery(params: URLSearchParams): CountsQuery {
  const hasSiteForm = params.has("site") || params.has("articles");
  if (params.has("slugs") && hasSiteForm) throw invalid("slugs", "use either slugs=…, or site=…&articles=…, not both");
  if (!hasSiteForm) {
    const slugs = readKeyList("slugs", params.getAll("slugs"));
    if (slugs.length === 0) throw invalid("slugs", "give slugs=a,b (article slugs), or site=KEY&articles=a,b (a site's article keys)");
    return { kind: "slugs", slugs };
  }
  const siteKey = (params.get("site") ?? "").trim();
  if (!siteKey) throw invalid("site", "give the site key (site=KEY) with articles");
  if (siteKey.length > COUNTS_LIMITS.keyMaxLength) throw invalid("site", `is longer than ${COUNTS_LIMITS.keyMaxLength} characters`);
  const articles = readKeyList("articles", params.getAll("articles"));
  if (articles.length === 0) throw invalid("articles", "give the article keys, comma-separated (articles=a,b)");
  return { kind: "site", siteKey, articles };
}

// PostgreSQL text cannot hold NUL: such a key matches no article and never reaches the database.
const storable = (keys: string[]) => keys.filter((key) => !key.includes("\u0000"));

function toCounts(keys: string[], rows: Array<{ key: string; count: number }>): Record<string, number> {
  const found = new Map(rows.map((row) => [row.key, Number(row.count)]));
  // fromEntries defines own properties, so a key such as "__proto__" is a key like any other.
  return Object.fromEntries(keys.map((key) => [key, found.get(key) ?? 0]));
}

async function requireSite(db: Db, siteKey: string): Promise<{ id: string; allowedOrigins: string[] }> {
  const site = storable([siteKey]).length ? await db.site.findUnique({ where: { key: siteKey }, select: { id: true, allowedOrigins: true } }) : null;
  if (!site) throw new AppError("not_found", `No site with the key “${siteKey.slice(0, 64)}”`, { fields: { site: "unknown site key" } });
  return site;
}

/**
 * The origin allowed to read a counts answer across origins: the request's
 * Origin when it is one of the site's allowed origins (`site=`), or of the
 * sites of the requested articles (`slugs=`); else null. Throws `not_found`
 * for an unknown site.
 */
export async function findAllowedOrigin(db: Db, query: CountsQuery, origin: string | null): Promise<string | null> {
  if (query.kind === "site") {
    const site = await requireSite(db, query.siteKey);
    return origin && site.allowedOrigins.includes(origin) ? origin : null;
  }
  const slugs = storable(query.slugs);
  if (!origin || slugs.length === 0) return null;
  const site = await db.site.findFirst({ where: { allowedOrigins: { has: origin }, articles: { some: { slug: { in: slugs } } } }, select: { id: true } });
  return site ? origin : null;
}

/** Approved comments (less those their authors deleted) for every requested key (0 for unknown ones), and who may read them across origins. */
export async function getApprovedCounts(db: Db, query: CountsQuery, options: { origin: string | null }): Promise<ApprovedCounts> {
  if (query.kind === "site") {
    const site = await requireSite(db, query.siteKey);
    const articles = storable(query.articles);
    const rows = articles.length
      ? await db.$queryRaw<Array<{ key: string; count: number }>>`
          SELECT a."externalId" AS "key", count(c."id")::int AS "count"
          FROM "Article" a
          JOIN "Comment" c ON c."articleId" = a."id" AND c."status" = 'approved' AND c."deletedAt" IS NULL
          WHERE a."siteId" = ${site.id} AND a."externalId" IN (${Prisma.join(articles)})
          GROUP BY a."externalId"`
      : [];
    const allowedOrigin = options.origin && site.allowedOrigins.includes(options.origin) ? options.origin : null;
    return { counts: toCounts(query.articles, rows), allowedOrigin };
  }
  const slugs = storable(query.slugs);
  const [rows, allowedOrigin] = await Promise.all([
    slugs.length
      ? db.$queryRaw<Array<{ key: string; count: number }>>`
          SELECT a."slug" AS "key", count(c."id")::int AS "count"
          FROM "Article" a
          JOIN "Comment" c ON c."articleId" = a."id" AND c."status" = 'approved' AND c."deletedAt" IS NULL
          WHERE a."slug" IN (${Prisma.join(slugs)})
          GROUP BY a."slug"`
      : Promise.resolve([]),
    findAllowedOrigin(db, query, options.origin),
  ]);
  return { counts: toCounts(query.slugs, rows), allowedOrigin };
}
