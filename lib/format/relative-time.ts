// Times as readers see them: "3 hours ago" / "hace 3 horas", with the exact
// time on hover, in the reader's language through Intl.
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";

const units: Array<{ unit: Intl.RelativeTimeFormatUnit; seconds: number }> = [
  { unit: "year", seconds: 365 * 24 * 3600 },
  { unit: "month", seconds: 30 * 24 * 3600 },
  { unit: "week", seconds: 7 * 24 * 3600 },
  { unit: "day", seconds: 24 * 3600 },
  { unit: "hour", seconds: 3600 },
  { unit: "minute", seconds: 60 },
];

// Intl's formatters are costly to build and safe to share: one of each per language.
const formatters = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat>();
function memo<T extends Intl.RelativeTimeFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

// "en-GB" for English keeps day-month-year, which the pages have always shown.
const dateLocale = (locale: Locale) => (locale === "en" ? "en-GB" : locale);

/** "just now", "5 minutes ago", "yesterday", "2 years ago" (or the language's own); future times read "in …". */
export function formatRelativeTime(date: Date, now: Date, locale: Locale = DEFAULT_LOCALE): string {
  const elapsedSeconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (Math.abs(elapsedSeconds) < 45) return translate(locale, "common.justNow");
  const relativeFormat = memo(`relative ${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  for (const { unit, seconds } of units) {
    if (Math.abs(elapsedSeconds) >= seconds) return relativeFormat.format(-Math.floor(elapsedSeconds / seconds), unit);
  }
  return relativeFormat.format(-Math.max(1, Math.round(elapsedSeconds / 60)), "minute");
}

/** The exact time for tooltips, e.g. "12 Aug 2024, 09:14 UTC". */
export function formatExactTime(date: Date, locale: Locale = DEFAULT_LOCALE): string {
  return memo(`exact ${locale}`, () =>
    new Intl.DateTimeFormat(dateLocale(locale), { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" }),
  ).format(date);
}

/** A publication date, e.g. "12 Aug 2024" / "12 ago 2024". */
export function formatDate(date: Date, locale: Locale = DEFAULT_LOCALE): string {
  return memo(`date ${locale}`, () => new Intl.DateTimeFormat(dateLocale(locale), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })).format(date);
}
