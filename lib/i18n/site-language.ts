// The site's language setting for a request's path (an article's page or API,
// or a framed thread), which comes between `?lang=` and Accept-Language. Cached
// a couple of seconds per path, and dropped whenever a site changes anywhere
// (a "sites" event on the live bus), so pages do not each cost a query.
import { LRUCache } from "lru-cache";
import type { Db } from "../db";
import { getLiveBus, type LiveBus } from "../live/live-bus";

/** How long a path's site language is reused when no change is heard of. */
export const SITE_LANGUAGE_TTL_MS = 2_000;

const languageByPath = new LRUCache<string, { language: string | null }>({ max: 2_000, ttl: SITE_LANGUAGE_TTL_MS });
let watchedBus: LiveBus | undefined;

function watchSiteChanges(): void {
  let bus: LiveBus;
  try {
    bus = getLiveBus();
  } catch {
    return; // Without a bus the TTL alone keeps the cache honest.
  }
  if (bus === watchedBus) return;
  watchedBus = bus;
  bus.subscribe((message) => {
    if (message.type === "sites") languageByPath.clear();
  });
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Which site a path belongs to: by article slug, by a comment's id (its article's site) or by site key; null when the path names none. */
export function readSiteOfPath(pathname: string): { slug: string } | { commentId: string } | { siteKey: string } | null {
  const article = /^\/(?:api\/v1\/)?articles\/([^/]+)/.exec(pathname);
  if (article) {
    const slug = decode(article[1] ?? "");
    return slug ? { slug } : null;
  }
  // A reader's request about one comment (a report, its status): the language of the site it was posted on.
  const comment = /^\/api\/v1\/comments\/([A-Za-z0-9_-]{1,64})(?:\/|$)/.exec(pathname);
  if (comment) return { commentId: comment[1]! };
  const frame = /^\/embed\/([^/]+)\/[^/]+/.exec(pathname);
  if (frame) {
    const siteKey = decode(frame[1] ?? "");
    return siteKey ? { siteKey } : null;
  }
  return null;
}

/** The configured language of the site a path belongs to; null when it has none, the path names no site, or the lookup fails. */
export async function findSiteLanguageForPath(db: Db, pathname: string): Promise<string | null> {
  const owner = readSiteOfPath(pathname);
  if (!owner) return null;
  watchSiteChanges();
  const key = "slug" in owner ? `a ${owner.slug}` : "commentId" in owner ? `c ${owner.commentId}` : `s ${owner.siteKey}`;
  const cached = languageByPath.get(key);
  if (cached) return cached.language;
  try {
    const site =
      "slug" in owner
        ? (await db.article.findUnique({ where: { slug: owner.slug.slice(0, 200) }, select: { site: { select: { language: true } } } }))?.site
        : "commentId" in owner
          ? (await db.comment.findUnique({ where: { id: owner.commentId }, select: { article: { select: { site: { select: { language: true } } } } } }))?.article.site
          : await db.site.findUnique({ where: { key: owner.siteKey.slice(0, 100) }, select: { language: true } });
    const language = site?.language ?? null;
    languageByPath.set(key, { language });
    return language;
  } catch (error) {
    console.error(`Could not read the site language for ${pathname.slice(0, 200)}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** Forgets cached site languages (tests). */
export function clearSiteLanguageCache(): void {
  languageByPath.clear();
}
