// A zod issue's message as people read it: schema messages may be catalog keys
// (lib/i18n), so anything that prints one — the command-line tools, logs —
// writes it out, in English unless told otherwise, with the limits it names.
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";
import { VALIDATION_MESSAGE_PARAMS } from "./message-params";

/** An issue's message written out in a language (English by default). */
export function readIssueMessage(issue: { message: string } | undefined, locale: Locale = DEFAULT_LOCALE): string {
  return issue ? translate(locale, issue.message, VALIDATION_MESSAGE_PARAMS) : translate(locale, "api.invalidInput");
}
