// Signed embeds (SPEC.md, Embed): a site with a secret accepts new articles only
// from embeds whose data-signature is the hex HMAC-SHA256 of
// `article|url|title` with that secret, so nobody else can create articles or
// titles in its name. The secret stays on the server: the dashboard and the API
// only say whether a site has one.
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors";

/** How long a site's secret may be: short secrets could be guessed from a signature on a public page. */
export const SITE_SECRET_LIMITS = { minLength: 16, maxLength: 200 } as const;

/** What an embed signs: its article key, page URL and title exactly as the page gives them. */
export interface SignedEmbedParts {
  articleKey: string;
  url: string;
  title: string;
}

/** The text a site signs for an embed: `article|url|title`. */
export function getEmbedSigningText(parts: SignedEmbedParts): string {
  return `${parts.articleKey}|${parts.url}|${parts.title}`;
}

/** An embed's data-signature: the hex HMAC-SHA256 of its signing text (UTF-8) with the site's secret. */
export function signEmbed(secret: string, parts: SignedEmbedParts): string {
  return createHmac("sha256", secret).update(getEmbedSigningText(parts), "utf8").digest("hex");
}

/** Whether `signature` (hex, either case) is the embed's signature with `secret`; compared in constant time. */
export function isValidEmbedSignature(secret: string, parts: SignedEmbedParts, signature: string | null | undefined): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signEmbed(secret, parts), "hex"), Buffer.from(signature, "hex"));
}

/**
 * A secret to store: 16–200 printable characters without spaces (so it
 * survives being pasted into a shell or a configuration file); throws
 * `validation` naming the `secret` field.
 */
export function requireSiteSecret(value: string): string {
  const { minLength, maxLength } = SITE_SECRET_LIMITS;
  const problem =
    value.length < minLength || value.length > maxLength
      ? `Use ${minLength}–${maxLength} characters (a random one: openssl rand -hex 32)`
      : /[\s\u0000-\u001f\u007f-\u009f]/.test(value)
        ? "Use no spaces or control characters"
        : null;
  if (problem) throw new AppError("validation", `Invalid secret: ${problem}`, { fields: { secret: problem } });
  return value;
}
