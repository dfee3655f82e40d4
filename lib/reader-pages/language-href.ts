// Reader pages keep the language a reader chose in the address: a page reached
// with `?lang=es` links to the others with it, so the choice survives
// navigation (without it each page goes back to the site's or browser's).
import { isLocale } from "../i18n/locales";

/** `href` with `lang` added when it names a language and the address has none yet (the hash stays last). */
export function withLanguageParam(href: string, lang: string | null | undefined): string {
  if (!isLocale(lang)) return href;
  const hashAt = href.indexOf("#");
  const path = hashAt === -1 ? href : href.slice(0, hashAt);
  const hash = hashAt === -1 ? "" : href.slice(hashAt);
  if (/[?&]lang=/.test(path)) return href;
  return `${path}${path.includes("?") ? "&" : "?"}lang=${lang}${hash}`;
}
