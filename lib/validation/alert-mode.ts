// A moderator's choice of alerts about held and reported comments: shared by
// the Account page's form (browser) and the API that saves it.
import { z } from "zod";

/** Every alert at once, one digest an hour, or none. */
export const alertModes = ["immediate", "digest", "off"] as const;

/** How a moderator wants to hear about held and reported comments. */
export type AlertMode = (typeof alertModes)[number];

/** What the form sends. */
export const alertModeInputSchema = z.object({
  mode: z.enum(alertModes, { error: "Choose immediately, an hourly digest, or no alerts" }),
});

/** The form's value. */
export type AlertModeInput = z.infer<typeof alertModeInputSchema>;

/** How the dashboard names each mode. */
export const alertModeLabels: Record<AlertMode, { label: string; hint: string }> = {
  immediate: { label: "Immediately", hint: "One mail for each comment that is held or reported, as it happens." },
  digest: { label: "Hourly digest", hint: "At most one mail an hour, listing what was held or reported since the last one." },
  off: { label: "No alerts", hint: "Nothing by mail; the dashboard still shows the queues." },
};

/** A stored mode as one of the known ones (an unknown value counts as the default). */
export function toAlertMode(value: string): AlertMode {
  return (alertModes as readonly string[]).includes(value) ? (value as AlertMode) : "immediate";
}
