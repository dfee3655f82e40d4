import { describe, expect, it } from "vitest";
import { getAvatarHue, getAvatarInitials } from "@/lib/format/avatar";
import { formatDate, formatExactTime, formatRelativeTime } from "@/lib/format/relative-time";

const now = new Date("2026-11-24T12:00:00.000Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("formatRelativeTime", () => {
  it.each([
    [10, "just now"],
    [90, "1 minute ago"],
    [5 * 60, "5 minutes ago"],
    [3 * 3600, "3 hours ago"],
    [26 * 3600, "yesterday"],
    [3 * 86400, "3 days ago"],
    [14 * 86400, "2 weeks ago"],
    [62 * 86400, "2 months ago"],
    [800 * 86400, "2 years ago"],
  ])("%i seconds ago reads %s", (seconds, expected) => {
    expect(formatRelativeTime(ago(seconds), now)).toBe(expected);
  });
});

describe("formatExactTime and formatDate", () => {
  it("gives the exact time in UTC", () => {
    expect(formatExactTime(new Date("2024-08-12T09:14:00.000Z"))).toBe("12 Aug 2024, 09:14 UTC");
    expect(formatDate(new Date("2024-08-12T09:14:00.000Z"))).toBe("12 Aug 2024");
  });
});

describe("avatars", () => {
  it.each([
    ["Marta Quintero", "MQ"],
    ["tomás herrera", "TH"],
    ["Prince", "P"],
    ["Ana María de la Cruz", "AC"],
    ["  ", "?"],
    ["Ñandú 42", "Ñ4"],
  ])("initials of %j are %s", (name, initials) => {
    expect(getAvatarInitials(name)).toBe(initials);
  });

  it("gives the same name the same hue, in range", () => {
    expect(getAvatarHue("Marta Quintero")).toBe(getAvatarHue("marta quintero"));
    for (const name of ["a", "b", "Daniel Ferreira", "Leonor Ruiz"]) {
      expect(getAvatarHue(name)).toBeGreaterThanOrEqual(0);
      expect(getAvatarHue(name)).toBeLessThan(360);
    }
  });
});
