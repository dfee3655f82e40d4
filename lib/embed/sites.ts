// Sites that embed threads: looked up by the key in `/embed/{siteKey}/…`.
import type { Db } from "../db";
import { AppError } from "../errors";
import { getLiveBus, type LiveBus } from "../live/live-bus";
import { framePolicyFor } from "./frame-policy";

/** A site as the framed thread needs it. */
export interface EmbedSite {
  id: string;
  key: string;
  name: string;
  allowedOrigins: string[];
  /** The site's own style sheet for the frame (checked against the origins when used: getThemeStylesheet). */
  themeStylesheetUrl: string | null;
}

/** Longest site key we look up. */
export const MAX_SITE_KEY_LENGTH = 100;

/** Whether a value could be a site key: 1–100 characters, no control characters or slashes. */
export function isPossibleSiteKey(value: string): boolean {
  return value.length > 0 && value.length <= MAX_SITE_KEY_LENGTH && !/[\u0000-\u001f\u007f/\\]/.test(value);
}

/** Loads a site by key, or null when there is none. */
export async function findSite(db: Db, siteKey: string): Promise<EmbedSite | null> {
  if (!isPossibleSiteKey(siteKey)) return null;
  return db.site.findUnique({ where: { key: siteKey }, select: { id: true, key: true, name: true, allowedOrigins: true, themeStylesheetUrl: true } });
}

/** Loads a site by key; throws not_found when there is none. */
export async function requireSite(db: Db, siteKey: string): Promise<EmbedSite> {
  const site = await findSite(db, siteKey);
  if (!site) throw new AppError("not_found", `No site with key "${siteKey.slice(0, MAX_SITE_KEY_LENGTH)}"`, { fields: { siteKey: "no such site" } });
  return site;
}

/**
 * How long a site's frame-ancestors value is reused. A change to a site's
 * origins clears the cache in every instance at once (a "sites" event on the
 * live bus); this bounds how stale it can be if that notice is lost.
 */
export const FRAME_POLICY_TTL_MS = 2_000;
const MAX_CACHED_SITES = 1_000;

const framePolicyCache = new Map<string, { value: string; expiresAt: number }>();

// The bus this module's cache listens to: once per process (per bus, should the database be reopened).
let watchedBus: LiveBus | undefined;

/**
 * Clears the cache whenever a site changes anywhere. (After a lost listening
 * connection, "resync", the TTL alone bounds what was missed: it is as short
 * as a reconnection.)
 */
function watchSiteChanges(): void {
  let bus: LiveBus;
  try {
    bus = getLiveBus();
  } catch (error) {
    // Without a bus the TTL alone keeps the cache honest.
    console.error(`Frame policies: no live updates, relying on the ${FRAME_POLICY_TTL_MS} ms cache: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (bus === watchedBus) return;
  watchedBus = bus;
  bus.subscribe((message) => {
    if (message.type === "sites") framePolicyCache.clear();
  });
}

/**
 * The `Content-Security-Policy` value for a site's framed pages, cached a few
 * seconds per key so every framed request does not cost a query. An unknown
 * site, or a lookup that fails, gets `'self'` only: the frame is never opened
 * to other origins by accident.
 */
export async function getFramePolicy(db: Db, siteKey: string, now = Date.now()): Promise<string> {
  watchSiteChanges();
  const cached = framePolicyCache.get(siteKey);
  if (cached && cached.expiresAt > now) return cached.value;
  let value: string;
  try {
    value = framePolicyFor(await findSite(db, siteKey));
  } catch (error) {
    console.error(`Could not load the frame policy of site "${siteKey.slice(0, MAX_SITE_KEY_LENGTH)}": ${error instanceof Error ? error.message : String(error)}`);
    return framePolicyFor(null);
  }
  // Unknown keys are cached too (a burst of made-up keys stays cheap), but the cache stays bounded.
  if (framePolicyCache.size >= MAX_CACHED_SITES) framePolicyCache.clear();
  framePolicyCache.set(siteKey, { value, expiresAt: now + FRAME_POLICY_TTL_MS });
  return value;
}

/** Forgets cached frame policies (tests; a settings change that must count at once). */
export function clearFramePolicyCache(): void {
  framePolicyCache.clear();
}
