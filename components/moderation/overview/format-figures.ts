// How the overview's figures read: durations in the unit a person would use,
// rates as percentages, numbers in the dashboard's language.
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** At most one decimal, without a trailing ".0". */
function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}

/** "45 s", "4 min", "2.5 h", "3 days" (or "2,5 h", "3 días"); "—" when there is no duration. */
export function formatDuration(ms: number | null | undefined, locale: Locale = "en"): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const t = createTranslator(locale);
  const safe = Math.max(0, ms);
  if (Math.round(safe / SECOND) < 60) return t("dashboard.overview.seconds", { count: Math.round(safe / SECOND) });
  if (Math.round(safe / MINUTE) < 60) return t("dashboard.overview.minutes", { count: Math.round(safe / MINUTE) });
  if (oneDecimal(safe / HOUR) < 24) return t("dashboard.overview.hours", { count: oneDecimal(safe / HOUR) });
  return t("dashboard.overview.days", { count: oneDecimal(safe / DAY) });
}

/** A share from 0 to 1 as "12.5%" ("12,5 %" in Spanish), one decimal at most. */
export function formatPercent(rate: number, locale: Locale = "en"): string {
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  if (!Number.isFinite(rate) || rate <= 0) return percent.format(0);
  // A little spam is still some spam: never round it away to "0%".
  if (rate < 0.0005) return `<${percent.format(0.001)}`;
  return percent.format(oneDecimal(rate * 100) / 100);
}

/** A count with thousands separators: "10,000" ("10.000" in Spanish). */
export function formatCount(count: number, locale: Locale = "en"): string {
  return count.toLocaleString(locale === "en" ? "en-GB" : locale);
}
