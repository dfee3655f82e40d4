// The proof that a browser wrote a comment: an HMAC of the comment's id under
// the app's secret, handed to the poster in the 201 (`editToken`, SPEC.md) and
// kept in their browser. Nothing is stored: any instance sharing AUTH_SECRET
// can check it, and it says nothing about the comment to anyone else.
import { createHmac, timingSafeEqual } from "node:crypto";

/** The token that proves authorship of one comment. */
export function authorTokenFor(secret: string, commentId: string): string {
  return createHmac("sha256", secret).update(`comment-author:${commentId}`).digest("base64url");
}

/** Whether `token` is the author token of the comment (compared in constant time). */
export function isAuthorToken(secret: string, commentId: string, token: string): boolean {
  const expected = Buffer.from(authorTokenFor(secret, commentId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
