// What a privacy request names: the commenter's e-mail address. One schema for
// the command, the API and the dashboard's form, so all three refuse the same
// input with the same words.
import { z } from "zod";

/** A commenter's e-mail address, trimmed and lower-cased (comments are matched case-insensitively anyway). */
export const commenterEmailSchema = z
  .string({ message: "dashboard.privacy.emailRequired" })
  .trim()
  .toLowerCase()
  .min(1, "dashboard.privacy.emailRequired")
  .max(254, "dashboard.privacy.emailTooLong")
  .email("dashboard.privacy.emailInvalid");

/** The body of POST /api/v1/moderation/privacy/export. */
export const privacyExportInputSchema = z.object({ email: commenterEmailSchema }, { message: "Send a JSON object with the e-mail address" });

/** A parsed export request. */
export type PrivacyExportInput = z.infer<typeof privacyExportInputSchema>;

/** The body of POST /api/v1/moderation/privacy/erase: `confirm: true` because erasure cannot be undone. */
export const privacyEraseInputSchema = z.object(
  {
    email: commenterEmailSchema,
    confirm: z.literal(true, { message: "Erasure cannot be undone: send confirm: true to go ahead" }),
  },
  { message: "Send a JSON object with the e-mail address and confirm: true" },
);

/** A parsed erase request. */
export type PrivacyEraseInput = z.infer<typeof privacyEraseInputSchema>;
