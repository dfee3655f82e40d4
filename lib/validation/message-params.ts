// The values validation messages name ("at most {nameMax} characters"): schema
// messages are catalog keys (lib/i18n), written out with these wherever they
// are shown — in the API's error answer and beside a form's field.
import { COMMENT_LIMITS, REPORT_NOTE_MAX, reportReasons } from "./comment-limits";

/** Every limit a validation message may name, by its placeholder. */
export const VALIDATION_MESSAGE_PARAMS = {
  ...COMMENT_LIMITS,
  noteMax: REPORT_NOTE_MAX,
  reportReasons: reportReasons.join(", "),
} as const;
