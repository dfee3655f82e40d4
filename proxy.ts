import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { canModerate, findAccount } from "@/lib/auth/moderators";
import { getDb } from "@/lib/db";
import { getEmbedSiteKey } from "@/lib/embed/frame-policy";
import { getFramePolicy } from "@/lib/embed/sites";
import { configureAuthEnvironment, getEnv } from "@/lib/env";
import { negotiateLocale } from "@/lib/i18n/negotiate-locale";
import type { MessageKey } from "@/lib/i18n/catalog-types";
import type { Locale } from "@/lib/i18n/locales";
import { LOCALE_HEADER, readRequestLocale } from "@/lib/i18n/request-locale";
import { findSiteLanguageForPath } from "@/lib/i18n/site-language";
import { translate, type MessageParams } from "@/lib/i18n/translate";

/** The API's error shape (SPEC.md), its message and fields' problems in the request's language. */
function apiError(status: number, code: string, locale: Locale, message: MessageKey, options: { fields?: Record<string, MessageKey>; params?: MessageParams } = {}): NextResponse {
  const fields = options.fields && Object.fromEntries(Object.entries(options.fields).map(([field, problem]) => [field, translate(locale, problem, options.params)]));
  return NextResponse.json({ error: { code, message: translate(locale, message, options.params), ...(fields ? { fields } : {}) } }, { status });
}

/**
 * A path with broken percent-encoding (say `/articles/%E0%A4%A`) makes Next.js
 * fail while decoding route params and answer a bare 500, and so does a NUL
 * byte in a path or a parameter once it reaches PostgreSQL. Answer them here
 * instead: the API's 400 error shape, or the 404 page for readers.
 */
function answerMalformedPath(request: NextRequest): NextResponse | undefined {
  // Before the site's language is looked up (the path may name nothing): `?lang=`, then the browser's.
  const locale = () => negotiateLocale({ query: request.nextUrl.searchParams.get("lang"), acceptLanguage: request.headers.get("accept-language") });
  const refuse = (field: string, message: MessageKey, problem: MessageKey, params?: MessageParams) =>
    request.nextUrl.pathname.startsWith("/api/")
      ? apiError(400, "validation", locale(), message, { fields: { [field]: problem }, ...(params ? { params } : {}) })
      : NextResponse.rewrite(new URL("/malformed-address", request.url));
  let path: string;
  try {
    path = decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return refuse("path", "api.request.badPath", "api.request.badPercentEncoding");
  }
  // PostgreSQL refuses a NUL byte in text: one in an id or a parameter would otherwise reach a query and come back as a 500.
  // A path with control characters names nothing of ours.
  if (/[\u0000-\u001F\u007F]/.test(path)) {
    return request.nextUrl.pathname.startsWith("/api/")
      ? apiError(404, "not_found", locale(), "api.request.nothingHere")
      : NextResponse.rewrite(new URL("/malformed-address", request.url));
  }
  for (const [name, value] of request.nextUrl.searchParams) {
    if (name.includes("\u0000") || value.includes("\u0000")) {
      const field = name.replace(/\u0000/g, "");
      return refuse(field, "api.request.paramHasNul", "api.request.noNul", { name: field });
    }
  }
  return undefined;
}

/**
 * A state-changing request must come from our own pages: browsers say where a
 * request comes from (Sec-Fetch-Site, Origin), and a cross-site one is refused.
 * Clients that are not browsers send neither and cannot be tricked into
 * sending a moderator's cookie; the session cookie is also SameSite=Lax.
 */
function isCrossSite(request: NextRequest): boolean {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * The dashboard and its API are for moderators only. Checked here for every
 * path under them, against the account as it is now in the database (a
 * moderator demoted or removed while their cookie lasts is refused at once),
 * so a new page or route is covered without remembering to, and no page of
 * the dashboard renders (nor streams its data) for anyone else. Pages and
 * handlers check the account again themselves.
 */
async function guardModeration(request: NextRequest, requestHeaders: Headers): Promise<NextResponse | undefined> {
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/v1/moderation");
  if (!isApi && pathname !== "/moderation" && !pathname.startsWith("/moderation/")) return undefined;
  if (isApi && isCrossSite(request)) return apiError(403, "forbidden", readRequestLocale(requestHeaders), "api.request.crossSite");
  configureAuthEnvironment();
  const token = await getToken({
    req: request,
    secret: getEnv().AUTH_SECRET,
    secureCookie: request.headers.get("x-forwarded-proto") === "https",
  });
  const account = typeof token?.accountId === "string" && token.accountId ? await findAccount(getDb(), token.accountId) : null;
  if (!account) {
    if (isApi) return apiError(401, "unauthorized", readRequestLocale(requestHeaders), "api.request.signInFirst");
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${request.nextUrl.search}`);
    return NextResponse.redirect(login);
  }
  // The dashboard speaks the moderator's chosen language unless the address asks for another.
  const accountLanguage = account.language ?? null;
  if (accountLanguage)
    requestHeaders.set(LOCALE_HEADER, negotiateLocale({ query: request.nextUrl.searchParams.get("lang"), preferred: accountLanguage, acceptLanguage: request.headers.get("accept-language") }));
  if (canModerate(account)) return NextResponse.next({ request: { headers: requestHeaders } });
  if (isApi) return apiError(403, "forbidden", readRequestLocale(requestHeaders), "api.request.noModerationRights");
  // The router's requests for a page's payload get nothing (it then loads the page as a document). A page
  // itself goes on: its layout and the page answer 403 with the notice, before reading anything. (A
  // rewrite to /forbidden would lose the status.)
  // The notice at /forbidden in place of the page, with 403, for a document or the router's payload alike.
  // (The address is the request's own: one with another origin would be fetched as an outside URL.)
  const notice = request.nextUrl.clone();
  notice.pathname = "/forbidden";
  notice.search = "";
  return NextResponse.rewrite(notice, { status: 403, request: { headers: requestHeaders } });
}

/**
 * A framed thread (`/embed/{siteKey}/…`, not the `/embed.js` loader) may be
 * framed only by its site's allowed origins: every response under it carries
 * `Content-Security-Policy: frame-ancestors 'self' <origins>` (just `'self'`
 * for an unknown site, whose page then answers 404).
 */
async function answerEmbedFrame(request: NextRequest, requestHeaders: Headers): Promise<NextResponse | undefined> {
  const siteKey = getEmbedSiteKey(request.nextUrl.pathname);
  if (siteKey === null) return undefined;
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", await getFramePolicy(getDb(), siteKey));
  return response;
}

/**
 * The request's language (SPEC.md "Languages"): `?lang=`, then the site's
 * setting for an article's or a frame's path, then Accept-Language. Stamped on
 * the request for the layout, pages and handlers, over any value a client sent.
 */
async function stampLocale(request: NextRequest): Promise<Headers> {
  const headers = new Headers(request.headers);
  const siteLanguage = await findSiteLanguageForPath(getDb(), request.nextUrl.pathname);
  headers.set(LOCALE_HEADER, negotiateLocale({ query: request.nextUrl.searchParams.get("lang"), preferred: siteLanguage, acceptLanguage: request.headers.get("accept-language") }));
  return headers;
}

export async function proxy(request: NextRequest): Promise<NextResponse | undefined> {
  const malformed = answerMalformedPath(request);
  if (malformed) return malformed;
  const requestHeaders = await stampLocale(request);
  return (await answerEmbedFrame(request, requestHeaders)) ?? (await guardModeration(request, requestHeaders)) ?? NextResponse.next({ request: { headers: requestHeaders } });
}

// Every page and route but the framework's own files and the embed loader's static assets.
export const config = { matcher: ["/((?!_next/|favicon\\.ico|icon\\.svg|embed\\.js|embed-frame\\.(?:js|css)).*)"] };
