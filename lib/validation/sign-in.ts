// What the sign-in form sends, and where it may send the moderator afterwards:
// shared by the login page (server) and its form (browser). Messages are
// catalog keys (lib/i18n), written out in the page's language where shown.
import { z } from "zod";

/** The sign-in form's fields. */
export const signInFormSchema = z.object({
  email: z.string().trim().min(1, "dashboard.login.emailRequired").max(254, "dashboard.login.emailTooLong").email("dashboard.login.emailInvalid"),
  password: z.string().min(1, "dashboard.login.passwordRequired").max(200, "dashboard.login.passwordTooLong"),
});

/** The sign-in form's values. */
export type SignInFormValues = z.input<typeof signInFormSchema>;

/** Where a moderator lands after signing in when the link did not say. */
export const DEFAULT_SIGN_IN_DESTINATION = "/moderation";

/**
 * The callbackUrl to follow after signing in, reduced to a path on this site:
 * `/moderation/queue/pending?x=1` as is, an absolute URL only when its host is
 * this site's (next-auth puts absolute ones in its own redirects), anything
 * else (`//evil.example`, `https://evil.example/`, `javascript:`) the default.
 */
export function toSameSitePath(raw: string | null | undefined, siteHost?: string | null): string {
  const value = (raw ?? "").trim();
  const hasControlOrBackslash = [...value].some((char) => char.charCodeAt(0) < 0x20 || char === "\\");
  if (!value || value.length > 2000 || hasControlOrBackslash) return DEFAULT_SIGN_IN_DESTINATION;
  if (value.startsWith("/")) return value.startsWith("//") ? DEFAULT_SIGN_IN_DESTINATION : value;
  if (!siteHost) return DEFAULT_SIGN_IN_DESTINATION;
  try {
    const url = new URL(value);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.host !== siteHost) return DEFAULT_SIGN_IN_DESTINATION;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return DEFAULT_SIGN_IN_DESTINATION;
  }
}

/** The message (a catalog key) for a wrong e-mail or password (next-auth's `CredentialsSignin`). */
export const WRONG_CREDENTIALS_MESSAGE = "dashboard.login.wrongCredentials";

/** A sign-in error as a catalog key and its parameters, or other text to show as it is. */
export interface SignInErrorMessage {
  message: string;
  params?: { count: number };
}

/**
 * What to tell the moderator about a next-auth sign-in error, from `signIn()`'s
 * result or the `?error=` of a redirect. next-auth's own errors are one-word
 * codes; a sentence is a message our sign-in threw: the lock-out notice is
 * recognised and given in the page's language, anything else shown as it is.
 */
export function describeSignInError(error: string | null | undefined): SignInErrorMessage | null {
  const value = (error ?? "").trim();
  if (!value) return null;
  if (value === "CredentialsSignin") return { message: WRONG_CREDENTIALS_MESSAGE };
  if (value === "SessionRequired") return { message: "dashboard.login.sessionRequired" };
  if (/^[A-Za-z]+$/.test(value)) return { message: "dashboard.login.failed" };
  const lockedFor = /locked for (\d+) more minutes?/.exec(value);
  if (lockedFor) return { message: "dashboard.login.lockedOut", params: { count: Number(lockedFor[1]) } };
  return { message: value.length > 300 ? `${value.slice(0, 300)}…` : value };
}
