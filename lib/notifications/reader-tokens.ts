// The tokens in readers' mail links: the recipient's id and an HMAC of it under
// the app's secret, one purpose per token, so a confirm link cannot unsubscribe
// and nobody can make a link for an address they do not read. Nothing is
// stored; any instance sharing AUTH_SECRET checks them.
import { createHmac, timingSafeEqual } from "node:crypto";

/** What a token lets its holder do. */
export type ReaderTokenPurpose = "confirm" | "unsubscribe";

function signatureOf(secret: string, purpose: ReaderTokenPurpose, recipientId: string): string {
  return createHmac("sha256", secret).update(`reader-mail:${purpose}:${recipientId}`).digest("base64url");
}

/** The token for one recipient and purpose: `{recipientId}.{signature}`. */
export function readerTokenFor(secret: string, purpose: ReaderTokenPurpose, recipientId: string): string {
  return `${recipientId}.${signatureOf(secret, purpose, recipientId)}`;
}

/** The recipient a token names when its signature holds (compared in constant time), else null. */
export function readReaderToken(secret: string, purpose: ReaderTokenPurpose, token: unknown): string | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const match = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(signatureOf(secret, purpose, match[1]!));
  const given = Buffer.from(match[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? match[1]! : null;
}
