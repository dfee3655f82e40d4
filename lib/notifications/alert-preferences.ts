// Each moderator's own choice of alerts (the dashboard's Account page).
import type { Db } from "../db";
import { AppError } from "../errors";
import { alertModeInputSchema, toAlertMode, type AlertMode } from "../validation/alert-mode";
import { requireValidInput } from "../validation/require-valid-input";

/** A moderator's alert settings as the page shows them. */
export interface AlertPreferences {
  mode: AlertMode;
  /** When their last digest was put together (null before the first). */
  digestSentAt: Date | null;
}

/** Reads a moderator's alert mode; throws not_found for an unknown account. */
export async function getAlertPreferences(db: Db, moderatorId: string): Promise<AlertPreferences> {
  const moderator = await db.moderator.findUnique({ where: { id: moderatorId }, select: { alertMode: true, alertDigestSentAt: true } });
  if (!moderator) throw new AppError("not_found", "No such account");
  return { mode: toAlertMode(moderator.alertMode), digestSentAt: moderator.alertDigestSentAt };
}

/**
 * Saves a moderator's alert mode. Choosing the digest starts its first hour
 * now, so what they were already alerted about one by one is not listed again.
 */
export async function updateAlertMode(db: Db, moderatorId: string, rawInput: unknown, now: Date = new Date()): Promise<AlertPreferences> {
  const { mode } = requireValidInput(alertModeInputSchema, rawInput);
  const current = await getAlertPreferences(db, moderatorId);
  if (current.mode === mode) return current;
  const digestSentAt = mode === "digest" ? now : current.digestSentAt;
  await db.moderator.update({ where: { id: moderatorId }, data: { alertMode: mode, alertDigestSentAt: digestSentAt } });
  return { mode, digestSentAt };
}
