// The overview chart's arithmetic, kept apart from its markup so it can be
// tested: the y-axis scale, where each day's stacked bar goes, which days get
// a date label, and the sentence that describes the chart to screen readers.
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import type { OverviewDay, OverviewStatus } from "@/lib/moderation/overview";

/** The statuses bottom to top in each bar, and left to right in the legend. */
export const chartStatuses: readonly OverviewStatus[] = ["approved", "pending", "spam", "rejected"];

/** A status's name as the chart shows it ("Approved"), in the given language. */
export function getStatusName(status: OverviewStatus, locale: Locale = "en"): string {
  return createTranslator(locale)(`dashboard.statuses.${status}`);
}

/** A y-axis: its top value, the step between gridlines, and every gridline's value from 0 up. */
export interface AxisScale {
  max: number;
  step: number;
  ticks: number[];
}

/** A whole-number axis from 0 that fits `maxValue` in about `targetTicks` steps of 1, 2 or 5 × 10ⁿ. */
export function niceScale(maxValue: number, targetTicks = 4): AxisScale {
  const top = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 0;
  const rough = top / targetTicks;
  let step = 1;
  if (rough > 1) {
    const magnitude = 10 ** Math.floor(Math.log10(rough));
    const normalized = rough / magnitude;
    step = (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude;
  }
  // An empty chart still gets a few gridlines rather than a single one at 0.
  const max = top === 0 ? targetTicks * step : Math.ceil(top / step) * step;
  const ticks = Array.from({ length: max / step + 1 }, (_, index) => index * step);
  return { max, step, ticks };
}

/** One status's part of a bar: `y` and `height` in pixels. */
export interface BarSegment {
  status: OverviewStatus;
  value: number;
  y: number;
  height: number;
}

/** One day's bar: `x` and `width` in percent of the chart's width, so it stretches with the page. */
export interface Bar {
  date: string;
  total: number;
  x: number;
  width: number;
  segments: BarSegment[];
}

/** Where the bars stand: the plot's top edge and height in pixels, and the share of each day's slot left empty between bars. */
export interface PlotArea {
  top: number;
  height: number;
  gap?: number;
}

/** Lays the days out left to right as bars stacked bottom-up in `chartStatuses` order; statuses with no comments get no segment. */
export function layoutBars(days: readonly OverviewDay[], scale: AxisScale, plot: PlotArea): Bar[] {
  const slot = days.length === 0 ? 0 : 100 / days.length;
  const gap = plot.gap ?? 0.3;
  const bottom = plot.top + plot.height;
  return days.map((day, index) => {
    let stacked = 0;
    const segments: BarSegment[] = [];
    for (const status of chartStatuses) {
      const value = day[status];
      if (value <= 0) continue;
      const height = (value / scale.max) * plot.height;
      stacked += height;
      segments.push({ status, value, y: bottom - stacked, height });
    }
    const total = chartStatuses.reduce((sum, status) => sum + day[status], 0);
    return { date: day.date, total, x: index * slot + (slot * gap) / 2, width: slot * (1 - gap), segments };
  });
}

/** The indexes of the days that get a date label: every `every`th day counting back from the last (today), so today is always labelled. */
export function dateTickIndexes(dayCount: number, every = 5): number[] {
  const indexes: number[] = [];
  for (let index = dayCount - 1; index >= 0; index -= every) indexes.unshift(index);
  return indexes;
}

// "en-GB" keeps English day-month order, as the rest of the dashboard writes dates.
const intlLocale = (locale: Locale) => (locale === "en" ? "en-GB" : locale);
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();
const fullDayFormats = new Map<Locale, Intl.DateTimeFormat>();

function formatWith(cache: Map<Locale, Intl.DateTimeFormat>, locale: Locale, options: Intl.DateTimeFormatOptions, date: string): string {
  let format = cache.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: "UTC" });
    cache.set(locale, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

/** "12 Aug" (or "12 ago") for "2024-08-12" (the dates are UTC days). */
export function formatDayLabel(date: string, locale: Locale = "en"): string {
  return formatWith(dayFormats, locale, { day: "numeric", month: "short" }, date);
}

/** "12 Aug 2024" for "2024-08-12". */
export function formatFullDay(date: string, locale: Locale = "en"): string {
  return formatWith(fullDayFormats, locale, { day: "numeric", month: "short", year: "numeric" }, date);
}

/** The chart in one sentence, for its accessible name. */
export function describeChart(days: readonly OverviewDay[], locale: Locale = "en"): string {
  const t = createTranslator(locale);
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return t("dashboard.overview.chartNoDays");
  const range = { from: formatDayLabel(first.date, locale), to: formatFullDay(last.date, locale) };
  const totals = chartStatuses.map((status) => ({ status, count: days.reduce((sum, day) => sum + day[status], 0) }));
  const all = totals.reduce((sum, entry) => sum + entry.count, 0);
  if (all === 0) return t("dashboard.overview.chartNone", range);
  const parts = totals.map((entry) => t("dashboard.overview.statusCount", { count: entry.count, status: getStatusName(entry.status, locale).toLowerCase() })).join(", ");
  let busiest = first;
  let busiestTotal = -1;
  for (const day of days) {
    const total = chartStatuses.reduce((sum, status) => sum + day[status], 0);
    if (total > busiestTotal) {
      busiest = day;
      busiestTotal = total;
    }
  }
  return t("dashboard.overview.chartSummary", {
    ...range,
    total: t("dashboard.queue.commentsCount", { count: all }),
    parts,
    busiest: formatDayLabel(busiest.date, locale),
    busiestTotal: t("dashboard.queue.commentsCount", { count: busiestTotal }),
  });
}
