// Who may frame a site's threads, and where a framed request comes from. Pure
// functions: the proxy, the framed page and the tests share them.

/** The part of a site the framing policy needs. */
export interface FramingSite {
  allowedOrigins: string[];
  /** The site's own style sheet for the frame, if any: its origin is the one other place styles may come from. */
  themeStylesheetUrl?: string | null | undefined;
}

/** Longest origin we parse; longer values are never an allowed origin. */
export const MAX_ORIGIN_LENGTH = 300;

// What a normalised origin looks like: nothing else may reach a CSP header.
// (WHATWG URLs accept `;`, `,`, `'` and `*` in host names; a header must not.)
const SAFE_ORIGIN = /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/**
 * `scheme://host[:port]` of an http(s) URL or origin, lower-cased with the
 * default port dropped, or null for anything else (other schemes, credentials,
 * a path, query or fragment on an origin, characters a header cannot carry).
 */
export function normalizeOrigin(value: string | null | undefined): string | null {
  if (!value || value.length > MAX_ORIGIN_LENGTH) return null;
  const url = parseUrl(value);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
  if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) return null;
  return SAFE_ORIGIN.test(url.origin) ? url.origin : null;
}

/** The origin of any http(s) URL (a Referer, a page address), normalised, or null. */
export function getUrlOrigin(value: string | null | undefined): string | null {
  if (!value || value.length > 4096) return null;
  const url = parseUrl(value);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
  return normalizeOrigin(url.origin);
}

/** The site's allowed origins that are valid, normalised and without repeats; invalid entries are ignored. */
export function getAllowedOrigins(site: FramingSite): string[] {
  const origins = site.allowedOrigins.map((origin) => normalizeOrigin(origin.trim()));
  return [...new Set(origins.filter((origin): origin is string => origin !== null))];
}

/** Whether `origin` is exactly one of the site's allowed origins (scheme, host and port). */
export function isAllowedOrigin(site: FramingSite, origin: string | null | undefined): boolean {
  const normalized = normalizeOrigin(origin);
  return normalized !== null && getAllowedOrigins(site).includes(normalized);
}

/** The `Content-Security-Policy` value for a site's framed pages: this app and the site's allowed origins. */
export function frameAncestorsFor(site: FramingSite | null): string {
  return ["frame-ancestors", "'self'", ...(site ? getAllowedOrigins(site) : [])].join(" ");
}

/**
 * The site's style sheet address when the frame may link it: an http(s) URL
 * whose origin is one of the site's allowed origins (the sites form checks
 * this too; a site whose origins changed since is simply not styled). Null otherwise.
 */
export function getThemeStylesheet(site: FramingSite): { url: string; origin: string } | null {
  const origin = getUrlOrigin(site.themeStylesheetUrl);
  if (!site.themeStylesheetUrl || origin === null || !getAllowedOrigins(site).includes(origin)) return null;
  return { url: site.themeStylesheetUrl, origin };
}

/**
 * The whole `Content-Security-Policy` of a site's framed pages: who may frame
 * them (frameAncestorsFor) and, for a site with its own style sheet, that
 * styles come only from this app and that sheet's origin (style attributes,
 * which avatars use, stay allowed).
 */
export function framePolicyFor(site: FramingSite | null): string {
  const stylesheet = site ? getThemeStylesheet(site) : null;
  const ancestors = frameAncestorsFor(site);
  return stylesheet ? `${ancestors}; style-src 'self' ${stylesheet.origin}; style-src-attr 'unsafe-inline'` : ancestors;
}

/**
 * Where a framed request comes from: the origin of its Referer (browsers send
 * the embedding page's origin to a cross-origin frame by default). The
 * frame's `origin` query parameter is deliberately not an input: it is only a
 * claim anyone can write in a URL, so without a Referer there is no request
 * origin, whatever the query says (and with one, the Referer says it already).
 */
export function getRequestOrigin(referer: string | null | undefined): string | null {
  return getUrlOrigin(referer);
}

/**
 * The origin the frame posts its height to. The request origin when it is
 * allowed; otherwise (navigation inside the frame, where the Referer is the
 * frame itself, or a host page that sends no Referer) the claimed origin if
 * it is allowed — safe for a message target, because frame-ancestors already
 * limits the parent to those origins and a message to any other is dropped.
 * Null when neither is allowed: the frame then posts nothing.
 */
export function getParentOrigin(site: FramingSite, request: { requestOrigin: string | null; claimedOrigin?: string | null | undefined }): string | null {
  if (isAllowedOrigin(site, request.requestOrigin)) return normalizeOrigin(request.requestOrigin);
  if (isAllowedOrigin(site, request.claimedOrigin)) return normalizeOrigin(request.claimedOrigin);
  return null;
}

/** The site key of a framed thread's path (`/embed/{siteKey}/…`), decoded; null for other paths (`/embed.js` among them). */
export function getEmbedSiteKey(pathname: string): string | null {
  const match = /^\/embed\/([^/]+)\/[^/]/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
