import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import type { OverviewDay } from "@/lib/moderation/overview";
import { chartStatuses, dateTickIndexes, describeChart, formatDayLabel, formatFullDay, getStatusName, layoutBars, niceScale } from "./chart-geometry";
import { formatCount } from "./format-figures";

const HEIGHT = 240;
const PLOT_TOP = 12;
const PLOT_HEIGHT = 198;
const PLOT_BOTTOM = PLOT_TOP + PLOT_HEIGHT;
const TICK_EVERY = 5;

/** Percent coordinates keep the bars stretching with the page while text keeps its size (no viewBox scaling). */
function percent(value: number): string {
  return `${Math.round(value * 1000) / 1000}%`;
}

function pixels(value: number): number {
  return Math.round(value * 100) / 100;
}

function dayTotal(day: OverviewDay): number {
  return chartStatuses.reduce((sum, status) => sum + day[status], 0);
}

/** Comments per day over the overview's window, stacked by the status they hold now; the numbers also sit in a table beneath. */
export function OverviewChart({ days, locale }: { days: OverviewDay[]; locale: Locale }) {
  const t = createTranslator(locale);
  const statusName = (status: (typeof chartStatuses)[number]) => getStatusName(status, locale);
  const scale = niceScale(Math.max(0, ...days.map(dayTotal)));
  const bars = layoutBars(days, scale, { top: PLOT_TOP, height: PLOT_HEIGHT });
  const labelled = new Set(dateTickIndexes(days.length, TICK_EVERY));
  const isEmpty = bars.every((bar) => bar.total === 0);
  return (
    <figure className="ov-chart">
      <figcaption className="ov-chart-head">
        <h3 className="ov-chart-title">{t("dashboard.overview.chartTitle")}</h3>
        <ul className="ov-legend" aria-label={t("dashboard.overview.legend")}>
          {chartStatuses.map((status) => (
            <li key={status}>
              <span className={`ov-swatch ov-fill-${status}`} aria-hidden="true" />
              {statusName(status)}
            </li>
          ))}
        </ul>
      </figcaption>
      <svg className="ov-chart-svg" role="img" aria-label={describeChart(days, locale)} width="100%" height={HEIGHT}>
        <g className="ov-grid" aria-hidden="true">
          {scale.ticks.map((tick) => {
            const y = pixels(PLOT_BOTTOM - (tick / scale.max) * PLOT_HEIGHT);
            return <line key={tick} x1="0" x2="100%" y1={y} y2={y} className={tick === 0 ? "ov-baseline" : undefined} />;
          })}
        </g>
        <g className="ov-bars">
          {bars.map((bar) => (
            <g key={bar.date}>
              <title>{`${formatFullDay(bar.date, locale)}: ${bar.total === 0 ? t("dashboard.overview.noComments") : bar.segments.map((segment) => t("dashboard.overview.statusCount", { count: segment.value, status: statusName(segment.status).toLowerCase() })).join(", ")}`}</title>
              {/* An invisible full-height column so the tooltip answers anywhere above the day, even on empty days. */}
              <rect x={percent(bar.x)} width={percent(bar.width)} y={PLOT_TOP} height={PLOT_HEIGHT} className="ov-hit" />
              {bar.segments.map((segment) => (
                <rect key={segment.status} x={percent(bar.x)} width={percent(bar.width)} y={pixels(segment.y)} height={pixels(segment.height)} className={`ov-fill-${segment.status}`} />
              ))}
            </g>
          ))}
        </g>
        {/* Drawn in the svg's left padding (overflow visible), so the gridlines' values never sit on a bar. */}
        <g className="ov-y-labels" aria-hidden="true">
          {scale.ticks.map((tick) => (
            <text key={tick} x="-8" y={pixels(PLOT_BOTTOM - (tick / scale.max) * PLOT_HEIGHT)} textAnchor="end" dominantBaseline="middle">
              {formatCount(tick, locale)}
            </text>
          ))}
        </g>
        <g className="ov-x-labels" aria-hidden="true">
          {bars.map((bar, index) => {
            if (!labelled.has(index)) return null;
            const isLast = index === bars.length - 1;
            // Every other label (counting back from today) steps aside on narrow screens.
            const isMinor = ((bars.length - 1 - index) / TICK_EVERY) % 2 === 1;
            return (
              <text
                key={bar.date}
                x={isLast ? "100%" : percent(bar.x + bar.width / 2)}
                y={HEIGHT - 8}
                textAnchor={isLast ? "end" : "middle"}
                className={isMinor ? "ov-tick-minor" : undefined}
              >
                {formatDayLabel(bar.date, locale)}
              </text>
            );
          })}
        </g>
      </svg>
      {isEmpty ? <p className="ov-empty">{t("dashboard.overview.emptyWindow")}</p> : null}
      <details className="ov-table">
        <summary>{t("dashboard.overview.showTable")}</summary>
        <div className="ov-table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("dashboard.overview.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.overview.day")}</th>
                {chartStatuses.map((status) => (
                  <th key={status} scope="col" className="ov-num">
                    {statusName(status)}
                  </th>
                ))}
                <th scope="col" className="ov-num">
                  {t("dashboard.overview.all")}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((day) => (
                <tr key={day.date}>
                  <th scope="row">
                    <time dateTime={day.date}>{formatDayLabel(day.date, locale)}</time>
                  </th>
                  {chartStatuses.map((status) => (
                    <td key={status} className="ov-num">
                      {formatCount(day[status], locale)}
                    </td>
                  ))}
                  <td className="ov-num">{formatCount(dayTotal(day), locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
