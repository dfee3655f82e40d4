// The queue's keyboard shortcuts (after Coral's moderation view): one key per
// command, ignored while the moderator is typing or holding a modifier.
import type { MessageKey } from "@/lib/i18n/catalog-types";
import type { DecisionAction } from "@/lib/moderation/queue-names";

/** What a shortcut does. */
export type ShortcutCommand = "next" | "previous" | "approve" | "reject" | "spam" | "ham" | "toggle-feature" | "toggle-select" | "undo" | "help";

/** One shortcut, as the help dialog lists it. */
export interface Shortcut {
  key: string;
  command: ShortcutCommand;
  /** What it does, as a catalog key. */
  description: MessageKey;
}

/** The key that features or unfeatures the current card (an editors' pick). */
export const FEATURE_KEY = "f";

/** Every shortcut, in the order the help dialog shows them. */
export const queueShortcuts: readonly Shortcut[] = [
  { key: "j", command: "next", description: "dashboard.shortcuts.next" },
  { key: "k", command: "previous", description: "dashboard.shortcuts.previous" },
  { key: "a", command: "approve", description: "dashboard.shortcuts.approve" },
  { key: "r", command: "reject", description: "dashboard.shortcuts.reject" },
  { key: "s", command: "spam", description: "dashboard.shortcuts.spam" },
  { key: "h", command: "ham", description: "dashboard.shortcuts.ham" },
  { key: FEATURE_KEY, command: "toggle-feature", description: "dashboard.engagement.shortcut" },
  { key: "x", command: "toggle-select", description: "dashboard.shortcuts.toggleSelect" },
  { key: "u", command: "undo", description: "dashboard.shortcuts.undo" },
  { key: "?", command: "help", description: "dashboard.shortcuts.help" },
];

const commandByKey = new Map(queueShortcuts.map((shortcut) => [shortcut.key, shortcut.command]));

/** The key of each decision, for hints on the buttons. */
export const decisionKeys: Record<DecisionAction, string> = { approve: "a", reject: "r", spam: "s", ham: "h" };

/** The decision a command makes, if it makes one. */
export function toDecisionAction(command: ShortcutCommand): DecisionAction | null {
  return command === "approve" || command === "reject" || command === "spam" || command === "ham" ? command : null;
}

/** The parts of an element that tell whether keys typed there are text. */
export interface KeyTarget {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
}

/** The parts of a keydown event a shortcut depends on. */
export interface ShortcutKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
  target: KeyTarget | null;
}

// Inputs that take no typed text: keys pressed there are shortcuts.
const nonTextInputTypes = new Set(["checkbox", "radio", "button", "submit", "reset", "image", "range", "color", "file"]);

/** Whether keys pressed on the element are typed into it (text inputs, text areas, selects, editable content). */
export function isTypingTarget(target: KeyTarget | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? "").toLowerCase();
  if (tag === "textarea" || tag === "select") return true;
  if (tag === "input") return !nonTextInputTypes.has((target.type ?? "text").toLowerCase());
  return false;
}

/**
 * The command a key press asks for, or null. Ctrl, Meta and Alt combinations
 * belong to the browser; Shift only matters in that it makes "?" (so "J" is
 * not "j").
 */
export function getShortcutCommand(event: ShortcutKey): ShortcutCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  if (isTypingTarget(event.target)) return null;
  return commandByKey.get(event.key) ?? null;
}
