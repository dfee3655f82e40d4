// Each moderator's own choices (the dashboard's Account page): their alerts,
// and the language of the dashboard and of those alerts.
import type { Db } from "../db";
import { AppError } from "../errors";
import { accountLanguageInputSchema, alertModeInputSchema, toAccountLanguage, toAlertMode, type AccountLanguageInput, type AlertMode } from "../validation/alert-mode";
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

/** A moderator's chosen language: "en", "es", or null for the browser's; throws not_found for an unknown account. */
export async function getModeratorLanguage(db: Db, moderatorId: string): Promise<AccountLanguageInput["language"]> {
  const moderator = await db.moderator.findUnique({ where: { id: moderatorId }, select: { language: true } });
  if (!moderator) throw new AppError("not_found", "No such account");
  return toAccountLanguage(moderator.language);
}

/** Saves a moderator's language (null: follow the browser); the dashboard and their alert mails use it from then on. */
export async function updateModeratorLanguage(db: Db, moderatorId: string, rawInput: unknown): Promise<AccountLanguageInput["language"]> {
  const { language } = requireValidInput(accountLanguageInputSchema, rawInput);
  await getModeratorLanguage(db, moderatorId);
  await db.moderator.update({ where: { id: moderatorId }, data: { language } });
  return language;
}
