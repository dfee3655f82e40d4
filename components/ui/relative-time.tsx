import { formatExactTime, formatRelativeTime } from "@/lib/format/relative-time";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";

/** "3 hours ago", with the exact time as a tooltip and machine-readable datetime. */
export function RelativeTime({ iso, now, locale = DEFAULT_LOCALE }: { iso: string; now: Date; locale?: Locale }) {
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={formatExactTime(date, locale)}>
      {formatRelativeTime(date, now, locale)}
    </time>
  );
}
