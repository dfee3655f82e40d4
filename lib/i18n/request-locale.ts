// How a request's language travels: the proxy (proxy.ts) works it out once —
// `?lang=`, the site's or moderator's setting, Accept-Language — and stamps it
// on the request as a header (replacing any a client sent), which layouts,
// pages and route handlers read.
import { pickAcceptedLocale, readLocaleParam } from "./negotiate-locale";
import { DEFAULT_LOCALE, type Locale } from "./locales";

/** The request header carrying the language the proxy chose. */
export const LOCALE_HEADER = "x-locale";

/** A request's language: the proxy's choice, else the browser's, else English. */
export function readRequestLocale(headers: { get(name: string): string | null }): Locale {
  return readLocaleParam(headers.get(LOCALE_HEADER)) ?? pickAcceptedLocale(headers.get("accept-language")) ?? DEFAULT_LOCALE;
}
