// The only reader of process.env: every setting is validated here once, so a
// bad value fails at start-up with the variable's name rather than mid-request.
import { z } from "zod";
import { parseTrustProxy } from "./client-address";

const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyAsUnset, z.string().optional());

function parsesAs(value: string, protocols: readonly string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

const isSmtpUrl = (value: string) => parsesAs(value, ["smtp:", "smtps:"]);
const isHttpUrl = (value: string) => parsesAs(value, ["http:", "https:"]);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(
    emptyAsUnset,
    z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL (leave it unset for the embedded database)").optional(),
  ),
  /** Where the embedded database keeps its files; `memory://` for a throw-away one (tests). */
  EMBEDDED_DATABASE_DIR: z.preprocess(emptyAsUnset, z.string().default("./data/pglite")),
  DATABASE_POOL_SIZE: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(200).default(10)),
  AUTH_SECRET: optionalString,
  /** The app's public URL for sign-in redirects; unset, it is read from each request's host. */
  NEXTAUTH_URL: optionalString,
  AKISMET_KEY: optionalString,
  AKISMET_BLOG: optionalString,
  AKISMET_HOST: z.preprocess(emptyAsUnset, z.string().default("rest.akismet.com")),
  AKISMET_PROTOCOL: z.preprocess(emptyAsUnset, z.enum(["http", "https"]).default("https")),
  AKISMET_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(60_000).default(3000)),
  /** Which reverse proxies to believe about the client's address (lib/client-address.ts). */
  TRUST_PROXY: z.preprocess(emptyAsUnset, z.string().optional()).transform((value, context) => {
    try {
      return parseTrustProxy(value);
    } catch (error) {
      context.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  }),
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(65_535).default(3000)),
  /** Where notifications go out (lib/mail); unset, no mail is sent. */
  SMTP_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .refine(isSmtpUrl, "SMTP_URL must be an smtp:// or smtps:// URL with a host (smtp://user:pass@host:587)")
      .optional(),
  ),
  /** The sender of every mail; defaults to Tertulia <no-reply@HOST> (PUBLIC_URL's host). */
  MAIL_FROM: optionalString,
  /** The app's public URL for links in mails; unset, links are built from each request's host. */
  PUBLIC_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .refine(isHttpUrl, "PUBLIC_URL must be an absolute http:// or https:// URL (https://comments.example.com)")
      .transform((value) => value.replace(/\/+$/, ""))
      .optional(),
  ),
});

/** The validated configuration of this process. */
export type Env = z.infer<typeof envSchema>;

let cachedEnv: Env | undefined;

/** Returns the validated configuration; throws naming each bad variable. */
export function getEnv(): Env {
  if (cachedEnv) return cachedEnv;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  cachedEnv = parsed.data;
  return cachedEnv;
}

/** Forgets the parsed configuration so the next getEnv() reads process.env again (after scripts load .env files). */
export function resetEnvCache(): void {
  cachedEnv = undefined;
}

/**
 * next-auth reads its own variables: without NEXTAUTH_URL it would assume
 * http://localhost:3000, so it is told to take the origin from the request
 * (our server stamps the host and protocol; behind TRUST_PROXY the proxy does).
 */
export function configureAuthEnvironment(): void {
  const env = getEnv();
  // next-auth's client module parses NEXTAUTH_URL as a URL when it loads: an empty value (unset, as far as we are concerned) would break every page that imports it.
  if (process.env.NEXTAUTH_URL?.trim() === "") delete process.env.NEXTAUTH_URL;
  if (!env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST = "1";
  if (env.AUTH_SECRET && !process.env.NEXTAUTH_SECRET) process.env.NEXTAUTH_SECRET = env.AUTH_SECRET;
}
