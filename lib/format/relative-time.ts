// Times as readers see them: "3 hours ago", with the exact time on hover.

const units: Array<{ unit: Intl.RelativeTimeFormatUnit; seconds: number }> = [
  { unit: "year", seconds: 365 * 24 * 3600 },
  { unit: "month", seconds: 30 * 24 * 3600 },
  { unit: "week", seconds: 7 * 24 * 3600 },
  { unit: "day", seconds: 24 * 3600 },
  { unit: "hour", seconds: 3600 },
  { unit: "minute", seconds: 60 },
];

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const exactFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "just now", "5 minutes ago", "yesterday", "2 years ago"; future times read "in …". */
export function formatRelativeTime(date: Date, now: Date): string {
  const elapsedSeconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (Math.abs(elapsedSeconds) < 45) return "just now";
  for (const { unit, seconds } of units) {
    if (Math.abs(elapsedSeconds) >= seconds) return relativeFormat.format(-Math.floor(elapsedSeconds / seconds), unit);
  }
  return relativeFormat.format(-Math.max(1, Math.round(elapsedSeconds / 60)), "minute");
}

/** The exact time for tooltips, e.g. "12 Aug 2024, 09:14 UTC". */
export function formatExactTime(date: Date): string {
  return exactFormat.format(date);
}

/** A publication date, e.g. "12 Aug 2024". */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}
