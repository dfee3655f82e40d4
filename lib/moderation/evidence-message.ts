// What a check found, in a moderator's language. A check writes its evidence's
// `message` in English (stored with the verdict, read by logs, exports and
// older code) and, where it can, the catalog key and values it was written
// from, so the dashboard and the alert mails can say it in another language.
// Evidence stored before keys existed, or written without one, reads as stored.
import type { MessageKey } from "../i18n/catalog-types";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { isMessageKey, translate, type MessageParams } from "../i18n/translate";

/** The evidence fields that say a finding in words: English text, and the key it came from. */
export type EvidenceMessage = {
  message: string;
  messageKey?: string;
  messageParams?: MessageParams;
};

/** Evidence words from a catalog key: the English message and the key with its values. */
export function evidenceMessage(key: MessageKey, params?: MessageParams): EvidenceMessage {
  return { message: translate(DEFAULT_LOCALE, key, params), messageKey: key, ...(params ? { messageParams: params } : {}) };
}

function isParams(value: unknown): value is MessageParams {
  return typeof value === "object" && value !== null && Object.values(value).every((item) => typeof item === "string" || typeof item === "number");
}

/** A stored verdict's evidence message in a language; "" when the evidence has none. */
export function evidenceMessageIn(locale: Locale, evidence: unknown): string {
  if (typeof evidence !== "object" || evidence === null) return "";
  const { message, messageKey, messageParams } = evidence as Record<string, unknown>;
  if (typeof messageKey === "string" && isMessageKey(messageKey)) return translate(locale, messageKey, isParams(messageParams) ? messageParams : undefined);
  return typeof message === "string" ? message : "";
}
