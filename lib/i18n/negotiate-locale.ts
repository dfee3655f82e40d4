// Which language a request gets (SPEC.md "Languages"): `?lang=`, then the
// site's setting, then the browser's Accept-Language, then English.
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./locales";

/** The best of our languages for an Accept-Language header (q-values honoured, "es-MX" matches "es"); null when none is acceptable. */
export function pickAcceptedLocale(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .slice(0, 32)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const qParam = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0 && entry.tag !== "")
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "*") return DEFAULT_LOCALE;
    const primary = tag.split("-")[0];
    const match = LOCALES.find((locale) => locale === tag || locale === primary);
    if (match) return match;
  }
  return null;
}

/** A `?lang=` value as one of our languages; null when absent or unknown (an unknown one is ignored, not refused). */
export function readLocaleParam(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const normalized = value.trim().toLowerCase();
  return isLocale(normalized) ? normalized : null;
}

/** What decides a request's language, strongest first. */
export interface LocaleInputs {
  /** `?lang=` from the address. */
  query?: string | null | undefined;
  /** The site's configured language, or for the dashboard the moderator's own. */
  preferred?: string | null | undefined;
  /** The Accept-Language header. */
  acceptLanguage?: string | null | undefined;
}

/** The request's language. */
export function negotiateLocale(inputs: LocaleInputs): Locale {
  return readLocaleParam(inputs.query) ?? readLocaleParam(inputs.preferred) ?? pickAcceptedLocale(inputs.acceptLanguage) ?? DEFAULT_LOCALE;
}
