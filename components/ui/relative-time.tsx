import { formatExactTime, formatRelativeTime } from "@/lib/format/relative-time";

/** "3 hours ago", with the exact time as a tooltip and machine-readable datetime. */
export function RelativeTime({ iso, now }: { iso: string; now: Date }) {
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={formatExactTime(date)}>
      {formatRelativeTime(date, now)}
    </time>
  );
}
