import { describe, expect, it } from "vitest";
import { getShortcutCommand, isTypingTarget, queueShortcuts, toDecisionAction, type ShortcutKey } from "@/components/moderation/queue/queue-shortcuts";

const press = (key: string, extra: Partial<ShortcutKey> = {}): ShortcutKey => ({ key, ctrlKey: false, metaKey: false, altKey: false, target: { tagName: "BODY" }, ...extra });

describe("getShortcutCommand", () => {
  it.each([
    ["j", "next"],
    ["k", "previous"],
    ["a", "approve"],
    ["r", "reject"],
    ["s", "spam"],
    ["h", "ham"],
    ["f", "toggle-feature"],
    ["x", "toggle-select"],
    ["u", "undo"],
    ["?", "help"],
  ])("maps %s to %s", (key, command) => {
    expect(getShortcutCommand(press(key))).toBe(command);
  });

  it.each([
    ["Ctrl", { ctrlKey: true }],
    ["Meta", { metaKey: true }],
    ["Alt", { altKey: true }],
    ["an IME composition", { isComposing: true }],
  ])("ignores keys pressed with %s", (_name, extra) => {
    expect(getShortcutCommand(press("a", extra))).toBeNull();
  });

  it("tells shifted letters from plain ones", () => {
    expect(getShortcutCommand(press("J"))).toBeNull();
  });

  it("ignores keys it does not know", () => {
    expect(getShortcutCommand(press("q"))).toBeNull();
    expect(getShortcutCommand(press("Enter"))).toBeNull();
  });

  it("ignores keys typed into a field", () => {
    expect(getShortcutCommand(press("a", { target: { tagName: "INPUT", type: "text" } }))).toBeNull();
    expect(getShortcutCommand(press("?", { target: { tagName: "TEXTAREA" } }))).toBeNull();
  });

  it("acts on keys pressed on a checkbox or a button", () => {
    expect(getShortcutCommand(press("j", { target: { tagName: "INPUT", type: "checkbox" } }))).toBe("next");
    expect(getShortcutCommand(press("a", { target: { tagName: "BUTTON", type: "button" } }))).toBe("approve");
  });
});

describe("isTypingTarget", () => {
  it.each([
    [{ tagName: "INPUT" }, true],
    [{ tagName: "INPUT", type: "email" }, true],
    [{ tagName: "INPUT", type: "search" }, true],
    [{ tagName: "TEXTAREA" }, true],
    [{ tagName: "SELECT" }, true],
    [{ tagName: "DIV", isContentEditable: true }, true],
    [{ tagName: "INPUT", type: "checkbox" }, false],
    [{ tagName: "INPUT", type: "radio" }, false],
    [{ tagName: "BUTTON" }, false],
    [{ tagName: "ARTICLE" }, false],
  ])("%o → %s", (target, expected) => {
    expect(isTypingTarget(target)).toBe(expected);
  });

  it("is false without a target", () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe("queueShortcuts", () => {
  it("gives every key one command", () => {
    const keys = queueShortcuts.map((shortcut) => shortcut.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("names the decision behind each decision key", () => {
    expect(toDecisionAction("ham")).toBe("ham");
    expect(toDecisionAction("next")).toBeNull();
  });
});
