import { describe, expect, it } from "vitest";
import { readerTokenFor, readReaderToken } from "@/lib/notifications/reader-tokens";

const SECRET = "unit-test-secret";

describe("readerTokenFor / readReaderToken", () => {
  it("gives back the recipient of a token it signed, for the same purpose", () => {
    expect(readReaderToken(SECRET, "confirm", readerTokenFor(SECRET, "confirm", "cm0recipient1"))).toBe("cm0recipient1");
    expect(readReaderToken(SECRET, "unsubscribe", readerTokenFor(SECRET, "unsubscribe", "cm0recipient1"))).toBe("cm0recipient1");
  });

  const token = readerTokenFor(SECRET, "confirm", "cm0recipient1");
  const cases: Array<[string, unknown]> = [
    ["another purpose's token", readerTokenFor(SECRET, "unsubscribe", "cm0recipient1")],
    ["another secret's token", readerTokenFor("other", "confirm", "cm0recipient1")],
    ["another recipient with this signature", `cm0recipient2.${token.split(".")[1]}`],
    ["a changed signature", token.slice(0, -1) + (token.endsWith("A") ? "B" : "A")],
    ["a signature cut short", token.slice(0, -2)],
    ["no signature", "cm0recipient1"],
    ["an empty string", ""],
    ["not a string", 42],
    ["a very long string", `${"a".repeat(300)}.${"b".repeat(43)}`],
  ];
  it.each(cases)("refuses %s", (_name, candidate) => {
    expect(readReaderToken(SECRET, "confirm", candidate)).toBeNull();
  });
});
