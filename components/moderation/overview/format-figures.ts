// How the overview's figures read: durations in the unit a person would use,
// rates as percentages.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** At most one decimal, without a trailing ".0". */
function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** "45 s", "4 min", "2.5 h", "3 days"; "—" when there is no duration. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const safe = Math.max(0, ms);
  if (Math.round(safe / SECOND) < 60) return `${Math.round(safe / SECOND)} s`;
  if (Math.round(safe / MINUTE) < 60) return `${Math.round(safe / MINUTE)} min`;
  if (Math.round((safe / HOUR) * 10) / 10 < 24) return `${oneDecimal(safe / HOUR)} h`;
  const days = oneDecimal(safe / DAY);
  return `${days} ${days === "1" ? "day" : "days"}`;
}

/** A share from 0 to 1 as "12.5%" (one decimal at most). */
export function formatPercent(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return "0%";
  // A little spam is still some spam: never round it away to "0%".
  if (rate < 0.0005) return "<0.1%";
  return `${oneDecimal(rate * 100)}%`;
}

/** A count with thousands separators: "10,000". */
export function formatCount(count: number): string {
  return count.toLocaleString("en-GB");
}
