// What a reader sends to respect a comment or take the respect back: the
// opaque token their browser keeps (SPEC.md "Reader engagement"). One schema
// for the browser that makes tokens and the API that takes them.
import { z } from "zod";

/** A reader token: what the browser makes (32 random bytes, base64url) or anything like it, 16 to 200 characters. */
export const READER_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,200}$/;

/** The JSON body of POST and DELETE /api/v1/comments/{id}/respect; a body that is no object is read as an empty one, so the refusal names readerToken. */
export const respectInputSchema = z.preprocess(
  (value) => (typeof value === "object" && value !== null && !Array.isArray(value) ? value : {}),
  z.object({
    readerToken: z.string({ message: "api.engagement.readerTokenInvalid" }).regex(READER_TOKEN_PATTERN, "api.engagement.readerTokenInvalid"),
  }),
);

/** A parsed respect request. */
export type RespectInput = z.infer<typeof respectInputSchema>;
