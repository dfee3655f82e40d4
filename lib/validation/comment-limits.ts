// The comment and report limits and report reasons as plain values, free of
// zod, so the framed thread's small script can show the same limits and
// choices without shipping the schema library. The schemas in comment-input.ts
// are built from these and remain the one judge of a submission.
import type { MessageKey } from "../i18n/catalog-types";

/** Limits shown to readers and enforced by the server. */
export const COMMENT_LIMITS = {
  bodyMin: 2,
  bodyMax: 5000,
  nameMax: 80,
  emailMax: 254,
  urlMax: 300,
} as const;

/** The longest note a report may carry. */
export const REPORT_NOTE_MAX = 1000;

/** Reasons a reader can give when reporting a comment (SPEC.md). */
export const reportReasons = ["ad_hominem", "abuse", "defamation", "disruption", "spam", "illegal", "other"] as const;

/** One of the report reasons. */
export type ReportReason = (typeof reportReasons)[number];

/** Whether a value is one of the report reasons. */
export function isReportReason(value: string): value is ReportReason {
  return (reportReasons as readonly string[]).includes(value);
}

/** The report reasons' labels as catalog keys (lib/i18n, `form.report.reasons`): translate them in the reader's language. */
export const reportReasonLabels = {
  ad_hominem: "form.report.reasons.adHominem",
  abuse: "form.report.reasons.abuse",
  defamation: "form.report.reasons.defamation",
  disruption: "form.report.reasons.disruption",
  spam: "form.report.reasons.spam",
  illegal: "form.report.reasons.illegal",
  other: "form.report.reasons.somethingElse",
} as const satisfies Record<ReportReason, MessageKey>;
