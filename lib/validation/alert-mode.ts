// A moderator's own choices on the Account page — alerts about held and
// reported comments, and the language of the dashboard and those mails:
// shared by the page's forms (browser) and the API that saves them. Messages
// are catalog keys (lib/i18n), written out in the request's language.
import { z } from "zod";

/** Every alert at once, one digest an hour, or none. */
export const alertModes = ["immediate", "digest", "off"] as const;

/** How a moderator wants to hear about held and reported comments. */
export type AlertMode = (typeof alertModes)[number];

/** What the form sends. */
export const alertModeInputSchema = z.object({
  mode: z.enum(alertModes, { error: "dashboard.account.modeInvalid" }),
});

/** The form's value. */
export type AlertModeInput = z.infer<typeof alertModeInputSchema>;

/** The languages a moderator may choose; null follows the browser's. */
export const accountLanguages = ["en", "es"] as const;

/** What the language form sends: a language, or null for the browser's. */
export const accountLanguageInputSchema = z.object({
  language: z.enum(accountLanguages, { error: "dashboard.account.languageInvalid" }).nullable(),
});

/** The language form's value. */
export type AccountLanguageInput = z.infer<typeof accountLanguageInputSchema>;

/** A stored language as one of the known ones (anything else: the browser's). */
export function toAccountLanguage(value: string | null | undefined): AccountLanguageInput["language"] {
  return (accountLanguages as readonly unknown[]).includes(value) ? (value as AccountLanguageInput["language"]) : null;
}

/** A stored mode as one of the known ones (an unknown value counts as the default). */
export function toAlertMode(value: string): AlertMode {
  return (alertModes as readonly string[]).includes(value) ? (value as AlertMode) : "immediate";
}
