// The log of privacy requests keeps who asked only as a keyed hash of the
// e-mail: an erased commenter's address must not survive in the very record
// that says it was erased, yet a second request for the same address can be
// recognised (same hash) by anyone holding the app's secret.
import { createHmac, randomBytes } from "node:crypto";
import type { Db } from "../db";
import { getEnv } from "../env";

/** What a privacy request did. */
export type PrivacyRequestKind = "export" | "erase";

let fallbackSecret: string | undefined;

/** AUTH_SECRET, the secret sessions and captcha tokens are signed with; without it (tests), one per process, so hashes only match within it. */
export function getPrivacyLogSecret(): string {
  const secret = getEnv().AUTH_SECRET;
  if (secret) return secret;
  fallbackSecret ??= randomBytes(32).toString("base64url");
  return fallbackSecret;
}

/** HMAC-SHA256 (hex) of the lower-cased, trimmed e-mail under the secret. */
export function hashEmailForLog(email: string, secret: string = getPrivacyLogSecret()): string {
  return createHmac("sha256", secret).update(email.trim().toLowerCase()).digest("hex");
}

/** Records one request in the PrivacyRequest log. */
export async function recordPrivacyRequest(
  db: Pick<Db, "privacyRequest">,
  request: { kind: PrivacyRequestKind; email: string; moderatorId: string | null; comments: number; secret?: string | undefined; now: Date },
): Promise<void> {
  await db.privacyRequest.create({
    data: { kind: request.kind, emailHash: hashEmailForLog(request.email, request.secret), moderatorId: request.moderatorId, comments: request.comments, createdAt: request.now },
  });
}
