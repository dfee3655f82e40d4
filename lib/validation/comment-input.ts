// What a reader sends to post a comment: one schema for the form (client) and
// the server (API and server action), so both say the same thing about a field.
import { z } from "zod";
import { COMMENT_LIMITS, REPORT_NOTE_MAX, reportReasons } from "./comment-limits";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter, hasDirectionControl, hasLineControlCharacter, hasVisibleCharacter } from "./text-characters";

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
    .string({ message: "Write a comment" })
    .trim()
    .min(COMMENT_LIMITS.bodyMin, `Your comment must be at least ${COMMENT_LIMITS.bodyMin} characters`)
    .max(COMMENT_LIMITS.bodyMax, `Your comment must be at most ${COMMENT_LIMITS.bodyMax.toLocaleString("en")} characters`)
    .refine((value) => !hasControlCharacter(value), `Your comment ${CONTROL_CHARACTER_MESSAGE}`)
    .refine(hasVisibleCharacter, "Write a comment"),
  authorName: z
    .string({ message: "Enter your name" })
    .trim()
    .min(1, "Enter your name")
    .max(COMMENT_LIMITS.nameMax, `Your name must be at most ${COMMENT_LIMITS.nameMax} characters`)
    .refine((value) => !hasLineControlCharacter(value), `Your name ${CONTROL_CHARACTER_MESSAGE}`)
    .refine((value) => !hasDirectionControl(value), "Your name must not contain characters that change the direction of the text")
    .refine(hasVisibleCharacter, "Enter your name"),
  authorEmail: z
    .string({ message: "Enter your e-mail address" })
    .trim()
    .min(1, "Enter your e-mail address")
    .max(COMMENT_LIMITS.emailMax, "That e-mail address is too long")
    .email("Enter a valid e-mail address, like name@example.com"),
  authorUrl: optionalText(
    z
      .string()
      .max(COMMENT_LIMITS.urlMax, `Your website address must be at most ${COMMENT_LIMITS.urlMax} characters`)
      .refine((value) => !hasLineControlCharacter(value), `Your website address ${CONTROL_CHARACTER_MESSAGE}`)
      .url("Enter a full web address starting with http:// or https://")
      .refine((value) => /^https?:\/\//i.test(value), "Enter a full web address starting with http:// or https://"),
  ),
  captchaAnswer: z.string({ message: "Answer the sum" }).trim().regex(/^-?\d{1,3}$/, "Enter the missing number as digits"),
  /** Honeypot: hidden from people, filled in by naive bots. */
  website: z.string().max(500).optional(),
});

/** The form's values. */
export type CommentFormValues = z.input<typeof commentFormSchema>;

/** The reader's choice of mails (only offered, and only heeded, when mail is on): form checkboxes and the API's booleans. */
export const notificationChoicesSchema = z.object({
  notifyReplies: z.boolean({ message: "notifyReplies must be true or false" }).optional().default(false),
  followThread: z.boolean({ message: "followThread must be true or false" }).optional().default(false),
});

/** The JSON body of POST /api/v1/articles/{slug}/comments (SPEC.md). */
export const commentInputSchema = commentFormSchema.extend({
  ...notificationChoicesSchema.shape,
  // SPEC.md: the answer may come as a JSON number or as a string of digits.
  captchaAnswer: z.preprocess((value) => (typeof value === "number" ? String(value) : value), commentFormSchema.shape.captchaAnswer),
  parentId: optionalText(z.string().regex(COMMENT_ID_PATTERN, "parentId is not a comment id")),
  captchaToken: z.string({ message: "captchaToken is required: get one from GET /api/v1/captcha" }).min(1, "captchaToken is required: get one from GET /api/v1/captcha").max(1000, "captchaToken is not one we issued"),
});

/** A parsed, valid comment submission. */
export type CommentInput = z.infer<typeof commentInputSchema>;

/** The JSON body of POST /api/v1/comments/{id}/reports. */
export const reportInputSchema = z.object({
  reason: z.enum(reportReasons, { message: `reason must be one of ${reportReasons.join(", ")}` }),
  note: optionalText(
    z
      .string()
      .max(REPORT_NOTE_MAX, `note must be at most ${REPORT_NOTE_MAX.toLocaleString("en")} characters`)
      .refine((value) => !hasControlCharacter(value), `note ${CONTROL_CHARACTER_MESSAGE}`),
  ),
});

/** A parsed report. */
export type ReportInput = z.infer<typeof reportInputSchema>;
