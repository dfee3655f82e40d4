import { describe, expect, it } from "vitest";
import { dateTickIndexes, describeChart, formatDayLabel, layoutBars, niceScale } from "@/components/moderation/overview/chart-geometry";
import { formatCount, formatDuration, formatPercent } from "@/components/moderation/overview/format-figures";
import type { OverviewDay } from "@/lib/moderation/overview";

function day(date: string, counts: Partial<Omit<OverviewDay, "date">> = {}): OverviewDay {
  return { date, approved: 0, pending: 0, spam: 0, rejected: 0, ...counts };
}

describe("niceScale", () => {
  it.each([
    { maxValue: 0, max: 4, step: 1 },
    { maxValue: 1, max: 1, step: 1 },
    { maxValue: 3, max: 3, step: 1 },
    { maxValue: 4, max: 4, step: 1 },
    { maxValue: 7, max: 8, step: 2 },
    { maxValue: 40, max: 40, step: 10 },
    { maxValue: 41, max: 60, step: 20 },
    { maxValue: 95, max: 100, step: 50 },
    { maxValue: 180, max: 200, step: 50 },
    { maxValue: 9_999, max: 10_000, step: 5_000 },
  ])("fits $maxValue under a top of $max in steps of $step", ({ maxValue, max, step }) => {
    const scale = niceScale(maxValue);
    expect(scale).toMatchObject({ max, step });
    expect(scale.ticks[0]).toBe(0);
    expect(scale.ticks.at(-1)).toBe(max);
    expect(scale.ticks.length).toBeLessThanOrEqual(6);
  });

  it("treats a negative or non-finite maximum as an empty chart", () => {
    expect(niceScale(-3)).toEqual(niceScale(0));
    expect(niceScale(Number.NaN)).toEqual(niceScale(0));
  });

  it("uses whole-number steps only", () => {
    for (let value = 1; value <= 500; value += 1) expect(Number.isInteger(niceScale(value).step)).toBe(true);
  });
});

describe("layoutBars", () => {
  const plot = { top: 20, height: 100, gap: 0.2 };

  it("gives each day an equal slot across the full width, with the gap split either side", () => {
    const bars = layoutBars([day("2024-08-10"), day("2024-08-11"), day("2024-08-12"), day("2024-08-13")], niceScale(4), plot);
    expect(bars.map((bar) => bar.x)).toEqual([2.5, 27.5, 52.5, 77.5]);
    expect(bars.every((bar) => bar.width === 20)).toBe(true);
  });

  it("stacks approved, pending, spam, rejected from the bottom up, in proportion to the scale", () => {
    const [bar] = layoutBars([day("2024-08-12", { approved: 2, pending: 1, spam: 0, rejected: 1 })], niceScale(4), plot);
    expect(bar!.total).toBe(4);
    expect(bar!.segments).toEqual([
      { status: "approved", value: 2, y: 70, height: 50 },
      { status: "pending", value: 1, y: 45, height: 25 },
      { status: "rejected", value: 1, y: 20, height: 25 },
    ]);
  });

  it("draws nothing for a day without comments", () => {
    const [bar] = layoutBars([day("2024-08-12")], niceScale(0), plot);
    expect(bar).toMatchObject({ total: 0, segments: [] });
  });

  it("keeps every bar inside the plot", () => {
    const days = Array.from({ length: 30 }, (_, index) => day(`2024-08-${String(index + 1).padStart(2, "0")}`, { approved: index, spam: 30 - index, rejected: index % 3 }));
    const scale = niceScale(Math.max(...days.map((entry) => entry.approved + entry.spam + entry.rejected)));
    for (const bar of layoutBars(days, scale, plot)) {
      for (const segment of bar.segments) {
        expect(segment.y).toBeGreaterThanOrEqual(plot.top - 1e-9);
        expect(segment.y + segment.height).toBeLessThanOrEqual(plot.top + plot.height + 1e-9);
      }
      expect(bar.x + bar.width).toBeLessThanOrEqual(100);
    }
  });
});

describe("dateTickIndexes", () => {
  it("labels every fifth day counting back from today", () => {
    expect(dateTickIndexes(30)).toEqual([4, 9, 14, 19, 24, 29]);
  });

  it("always labels the last day, even for short ranges", () => {
    expect(dateTickIndexes(3)).toEqual([2]);
    expect(dateTickIndexes(0)).toEqual([]);
  });
});

describe("formatDayLabel", () => {
  it("reads a UTC date as a short day and month", () => {
    expect(formatDayLabel("2024-08-12")).toBe("12 Aug");
    expect(formatDayLabel("2025-01-01")).toBe("1 Jan");
  });
});

describe("describeChart", () => {
  it("sums the outcomes and names the busiest day", () => {
    const text = describeChart([day("2024-08-10", { approved: 1 }), day("2024-08-11", { approved: 2, spam: 1, rejected: 1 }), day("2024-08-12", { pending: 1 })]);
    expect(text).toBe(
      "Comments per day from 10 Aug to 12 Aug 2024, stacked by outcome: 6 comments in all (3 approved, 1 pending, 1 spam, 1 rejected). Busiest day 11 Aug with 4 comments.",
    );
  });

  it("says so when nothing was posted", () => {
    expect(describeChart([day("2024-08-11"), day("2024-08-12")])).toBe("Comments per day from 11 Aug to 12 Aug 2024: none were posted.");
  });
});

describe("formatDuration", () => {
  it.each([
    { ms: null, text: "—" },
    { ms: undefined, text: "—" },
    { ms: Number.NaN, text: "—" },
    { ms: -5_000, text: "0 s" },
    { ms: 0, text: "0 s" },
    { ms: 45_000, text: "45 s" },
    { ms: 59_600, text: "1 min" },
    { ms: 4 * 60_000, text: "4 min" },
    { ms: 4 * 60_000 + 20_000, text: "4 min" },
    { ms: 59 * 60_000 + 40_000, text: "1 h" },
    { ms: 2.5 * 3_600_000, text: "2.5 h" },
    { ms: 2.46 * 3_600_000, text: "2.5 h" },
    { ms: 3 * 3_600_000, text: "3 h" },
    { ms: 23.97 * 3_600_000, text: "1 day" },
    { ms: 36 * 3_600_000, text: "1.5 days" },
    { ms: 10 * 86_400_000, text: "10 days" },
  ])("reads $ms ms as $text", ({ ms, text }) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatPercent", () => {
  it.each([
    { rate: 0, text: "0%" },
    { rate: Number.NaN, text: "0%" },
    { rate: 0.0001, text: "<0.1%" },
    { rate: 0.025, text: "2.5%" },
    { rate: 2 / 7, text: "28.6%" },
    { rate: 0.5, text: "50%" },
    { rate: 1, text: "100%" },
  ])("reads $rate as $text", ({ rate, text }) => {
    expect(formatPercent(rate)).toBe(text);
  });
});

describe("formatCount", () => {
  it("groups thousands", () => {
    expect(formatCount(10_000)).toBe("10,000");
  });
});
