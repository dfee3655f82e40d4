// The embed loader's decisions, kept free of the DOM so they can be tested in
// Node: which article a page is about, the framed thread's address, which
// messages to trust, and how counts are fetched and shown. embed/loader.ts
// wires these to the page. Everything here ships to every reader: keep it small.

/** The `type` of the message a framed thread posts to its parent when its height changes. */
export const HEIGHT_MESSAGE_TYPE = "tertulia:height";

/** A framed thread is never made taller than this, whatever a message claims. */
export const MAX_FRAME_HEIGHT = 100_000;

/** A count request's address is kept under this length, so no proxy truncates it. */
export const MAX_COUNTS_URL_LENGTH = 2000;

/** The counts API's limits (COUNTS_LIMITS in lib/embed/counts.ts): keys per request, and a key's length. */
export const COUNTS_API_LIMITS = { keysMax: 100, keyMaxLength: 200 } as const;

/** The page's address without its fragment: `#comment-12` is still the same article. */
export function stripHash(href: string): string {
  const index = href.indexOf("#");
  return index < 0 ? href : href.slice(0, index);
}

/** The article a thread belongs to: data-article, else the canonical URL, else the page's address. */
export function resolveArticleKey(dataArticle: string | null | undefined, canonicalHref: string | null | undefined, locationHref: string): string {
  return dataArticle?.trim() || canonicalHref?.trim() || stripHash(locationHref);
}

/** What the framed thread is told about the embedding page. */
export interface FrameParams {
  url?: string | null | undefined;
  title?: string | null | undefined;
  origin: string;
  /** data-signature: the site's HMAC of `article|url|title`, which a site with a secret requires to create the article. */
  signature?: string | null | undefined;
  /** data-lang: the frame's language (`?lang=`), over the site's setting and the reader's browser. */
  lang?: string | null | undefined;
  /** data-theme: light or dark forces the frame's colour scheme; auto (or nothing) follows the reader's system. */
  theme?: string | null | undefined;
}

/** What a thread element says about its page (its data-url, data-title and data-signature) and how the frame should look (data-lang, data-theme). */
export interface ThreadData {
  url?: string | undefined;
  title?: string | undefined;
  signature?: string | undefined;
  lang?: string | undefined;
  theme?: string | undefined;
}

/** What the loader knows about the page itself. */
export interface PageFacts {
  canonicalHref?: string | undefined;
  locationHref: string;
  documentTitle: string;
  origin: string;
}

/**
 * The page as the frame is told it. A missing data-url or data-title is taken
 * from the page, except in a signed embed: its signature covers the values the
 * page gave, so they go as they are.
 */
export function readFrameParams(data: ThreadData, page: PageFacts): FrameParams {
  const lang = readEmbedLanguage(data.lang);
  const look = { ...(lang ? { lang } : {}), ...(data.theme === "light" || data.theme === "dark" ? { theme: data.theme } : {}) };
  if (data.signature) return { url: data.url, title: data.title, origin: page.origin, signature: data.signature, ...look };
  return { url: data.url || page.canonicalHref || stripHash(page.locationHref), title: data.title || page.documentTitle, origin: page.origin, ...look };
}

/** A data-lang value as a language tag the server may know ("es", "es-MX" → "es"); null for none. */
export function readEmbedLanguage(value: string | null | undefined): string | null {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/** The framed thread's address: `/embed/{site}/{article}?url=&title=&origin=&signature=&lang=&theme=` on the comments server. */
export function buildFrameUrl(server: string, site: string, articleKey: string, params: FrameParams): string {
  let query = "";
  const fields = [["url", params.url], ["title", params.title], ["origin", params.origin], ["signature", params.signature], ["lang", params.lang], ["theme", params.theme]] as const;
  for (const [name, value] of fields) {
    if (value) query += `${query ? "&" : "?"}${name}=${encodeURIComponent(value)}`;
  }
  return `${server}/embed/${encodeURIComponent(site)}/${encodeURIComponent(articleKey)}${query}`;
}

/** What the loader writes on the host page itself, per language (the frame's own words come from the server). */
const LOADER_TEXTS = {
  en: { frameTitle: "Comments", none: "No comments yet", one: "1 comment", other: "{count} comments" },
  es: { frameTitle: "Comentarios", none: "Todavía no hay comentarios", one: "1 comentario", other: "{count} comentarios" },
} as const;

function loaderTexts(lang: string | null | undefined) {
  return readEmbedLanguage(lang) === "es" ? LOADER_TEXTS.es : LOADER_TEXTS.en;
}

/** The frame's title (what screen readers call the iframe) in the embed's language. */
export function formatFrameTitle(lang: string | null | undefined): string {
  return loaderTexts(lang).frameTitle;
}

/** The text of a count element: the number alone when asked, otherwise a short phrase, in the element's language (data-lang, else the page's). */
export function formatCountText(count: number, isCountOnly: boolean, lang?: string | null): string {
  const number = new Intl.NumberFormat(readEmbedLanguage(lang) ?? "en").format(count);
  if (isCountOnly) return number;
  const texts = loaderTexts(lang);
  if (count === 0) return texts.none;
  return count === 1 ? texts.one : texts.other.replace("{count}", number);
}

/** The parts of a `message` event the loader looks at. */
export interface MessageLike {
  origin: string;
  source: unknown;
  data: unknown;
}

/** A frame the loader inserted, as far as message checking is concerned. */
export interface FrameLike {
  contentWindow: unknown;
}

/**
 * The frame to resize and its new height, or null for any message that is not
 * a height report from one of our own frames: other scripts on the page, and
 * other frames of the comments server, must not be able to resize ours.
 */
export function readHeightMessage<F extends FrameLike>(event: MessageLike, serverOrigin: string, frames: Iterable<F>): { frame: F; height: number } | null {
  if (event.origin !== serverOrigin || !event.source) return null;
  const data = event.data as { type?: unknown; height?: unknown } | null;
  if (!data || typeof data !== "object" || data.type !== HEIGHT_MESSAGE_TYPE) return null;
  const height = data.height;
  if (typeof height !== "number" || !(height >= 0)) return null;
  for (const frame of frames) {
    if (frame.contentWindow === event.source) return { frame, height: Math.min(Math.ceil(height), MAX_FRAME_HEIGHT) };
  }
  return null;
}

/** One count element's question: which article of which site. */
export interface CountTarget {
  site: string;
  article: string;
}

/** One request to the counts API; its answer covers only this site's articles. */
export interface CountRequest {
  site: string;
  url: string;
}

/**
 * The counts API requests for a page's count elements: one per site (the API
 * takes one site per request), each article asked once, split only past the
 * API's key limit or MAX_COUNTS_URL_LENGTH. A key longer than the API takes
 * names no article and would fail the whole request: it is left out.
 */
export function planCountRequests(server: string, targets: Iterable<CountTarget>): CountRequest[] {
  const bySite = new Map<string, Set<string>>();
  for (const { site, article } of targets) {
    if (!site || !article || article.length > COUNTS_API_LIMITS.keyMaxLength) continue;
    const articles = bySite.get(site) ?? new Set<string>();
    articles.add(article);
    bySite.set(site, articles);
  }
  const requests: CountRequest[] = [];
  for (const [site, articles] of bySite) {
    const base = `${server}/api/v1/counts?site=${encodeURIComponent(site)}&articles=`;
    let list = "";
    let count = 0;
    for (const article of articles) {
      const encoded = encodeURIComponent(article);
      if (list && (count === COUNTS_API_LIMITS.keysMax || base.length + list.length + encoded.length + 1 > MAX_COUNTS_URL_LENGTH)) {
        requests.push({ site, url: base + list });
        list = "";
        count = 0;
      }
      list += (list ? "," : "") + encoded;
      count += 1;
    }
    if (list) requests.push({ site, url: base + list });
  }
  return requests;
}
