// What a reader sends to post a comment: one schema for the form (client) and
// the server (API and server action), so both say the same thing about a field.
// Messages are catalog keys (lib/i18n, section `form.errors`), written out in the
// reader's language with the limits they name (message-params.ts).
import { z } from "zod";
import { COMMENT_LIMITS, REPORT_NOTE_MAX, reportReasons } from "./comment-limits";
import { hasControlCharacter, hasDirectionControl, hasLineControlCharacter, hasVisibleCharacter } from "./text-characters";

export { COMMENT_LIMITS, reportReasonLabels, reportReasons } from "./comment-limits";

/** An optional text field: blank means absent. Input stays `string | undefined` so forms type cleanly. */
const optionalText = <Output>(schema: z.ZodType<Output, string>) =>
  z
    .string()
    .trim()
    .pipe(z.union([z.literal(""), schema]))
    .transform((value) => (value === "" ? undefined : (value as Output)))
    .optional();

/** What a comment id can look like (Prisma's cuids, and the ids of imported comments): anything else is no comment of ours. */
export const COMMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The fields a reader fills in (the form's values). */
export const commentFormSchema = z.object({
  body: z
    .string({ message: "form.errors.bodyRequired" })
    .trim()
    .min(COMMENT_LIMITS.bodyMin, "form.errors.bodyMin")
    .max(COMMENT_LIMITS.bodyMax, "form.errors.bodyMax")
    .refine((value) => !hasControlCharacter(value), "form.errors.bodyControl")
    .refine(hasVisibleCharacter, "form.errors.bodyRequired"),
  authorName: z
    .string({ message: "form.errors.nameRequired" })
    .trim()
    .min(1, "form.errors.nameRequired")
    .max(COMMENT_LIMITS.nameMax, "form.errors.nameMax")
    .refine((value) => !hasLineControlCharacter(value), "form.errors.nameControl")
    .refine((value) => !hasDirectionControl(value), "form.errors.nameDirection")
    .refine(hasVisibleCharacter, "form.errors.nameRequired"),
  authorEmail: z
    .string({ message: "form.errors.emailRequired" })
    .trim()
    .min(1, "form.errors.emailRequired")
    .max(COMMENT_LIMITS.emailMax, "form.errors.emailMax")
    .email("form.errors.emailInvalid"),
  authorUrl: optionalText(
    z
      .string()
      .max(COMMENT_LIMITS.urlMax, "form.errors.urlMax")
      .refine((value) => !hasLineControlCharacter(value), "form.errors.urlControl")
      .url("form.errors.urlInvalid")
      .refine((value) => /^https?:\/\//i.test(value), "form.errors.urlInvalid"),
  ),
  captchaAnswer: z.string({ message: "form.errors.captchaRequired" }).trim().regex(/^-?\d{1,3}$/, "form.errors.captchaDigits"),
  /** Honeypot: hidden from people, filled in by naive bots. */
  website: z.string().max(500).optional(),
});

/** The form's values. */
export type CommentFormValues = z.input<typeof commentFormSchema>;

/** The reader's choice of mails (only offered, and only heeded, when mail is on): form checkboxes and the API's booleans. */
export const notificationChoicesSchema = z.object({
  notifyReplies: z.boolean({ message: "form.errors.notifyReplies" }).optional().default(false),
  followThread: z.boolean({ message: "form.errors.followThread" }).optional().default(false),
});

/** The JSON body of POST /api/v1/articles/{slug}/comments (SPEC.md). */
export const commentInputSchema = commentFormSchema.extend({
  ...notificationChoicesSchema.shape,
  // SPEC.md: the answer may come as a JSON number or as a string of digits.
  captchaAnswer: z.preprocess((value) => (typeof value === "number" ? String(value) : value), commentFormSchema.shape.captchaAnswer),
  parentId: optionalText(z.string().regex(COMMENT_ID_PATTERN, "form.errors.parentId")),
  captchaToken: z.string({ message: "form.errors.captchaTokenRequired" }).min(1, "form.errors.captchaTokenRequired").max(1000, "form.errors.captchaTokenUnknown"),
});

/** A parsed, valid comment submission. */
export type CommentInput = z.infer<typeof commentInputSchema>;

/** The JSON body of POST /api/v1/comments/{id}/reports. */
export const reportInputSchema = z.object({
  reason: z.enum(reportReasons, { message: "form.errors.reason" }),
  note: optionalText(
    z
      .string()
      .max(REPORT_NOTE_MAX, "form.errors.noteMax")
      .refine((value) => !hasControlCharacter(value), "form.errors.noteControl"),
  ),
});

/** A parsed report. */
export type ReportInput = z.infer<typeof reportInputSchema>;
