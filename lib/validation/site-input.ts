// What makes a site for embedding: one set of field rules for the sites form
// (client), the sites API and `npm run site:add`, so all three say the same
// thing about a field. The form edits origins as one-per-line text; the API and
// the command line take them as a list. Messages are catalog keys (the `sites`
// section), written in the reader's language where they are shown; an origin's
// problem names the entry and stays in English.
import { z } from "zod";

/** Limits shown on the form and enforced by the server. */
export const SITE_LIMITS = {
  nameMax: 100,
  originsMax: 20,
  originMaxLength: 200,
  keyMin: 3,
  keyMax: 64,
} as const;

/** The characters a site key may use: it appears in embed snippets and URLs as it is. */
export const SITE_KEY_PATTERN = /^[a-z0-9-]+$/;

/** A normalised origin, or why the entry is not one. */
export type OriginCheck = { origin: string } | { problem: string };

/**
 * Reads one allowed-origin entry: `scheme://host[:port]` with http or https and
 * nothing after it (a single trailing slash and upper-case letters are
 * tolerated). Anything that does not come back unchanged from `new URL(x).origin`
 * (a path, a query, a default port, a user name, an international name not in
 * its punycode form) is refused, with the form to use when there is one, so
 * the list always holds exactly what browsers send in their Origin header.
 */
export function checkOrigin(entry: string): OriginCheck {
  const quoted = `“${entry.length > 60 ? `${entry.slice(0, 60)}…` : entry}”`;
  if (entry.length > SITE_LIMITS.originMaxLength) return { problem: `${quoted} is longer than ${SITE_LIMITS.originMaxLength} characters` };
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return { problem: `${quoted} is not an origin: write it as https://news.example (scheme and host, optionally :port)` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { problem: `${quoted} must start with http:// or https://` };
  if (url.hostname.includes("*")) return { problem: `${quoted}: wildcards are not supported; list each origin` };
  const { origin } = url;
  if (url.username || url.password) return { problem: `${quoted} must not hold a user name or password; use ${origin}` };
  const bare = entry.endsWith("/") ? entry.slice(0, -1) : entry;
  if (bare.toLowerCase() !== origin) {
    const hasMore = url.pathname !== "/" || url.search || url.hash || /[?#]/.test(entry);
    return { problem: `${quoted} is not an origin: ${hasMore ? "remove the path, query or fragment, as in" : "write it as"} ${origin}` };
  }
  return { origin };
}

/**
 * The allowed origins: blanks dropped, each entry checked and normalised,
 * duplicates dropped. Problems are reported on the list itself, naming the bad
 * entry, so the form shows them next to its textarea and the API under
 * `allowedOrigins`.
 */
export const allowedOriginsSchema = z
  // Checked as a whole (not per element) so that every problem is reported under `allowedOrigins` itself.
  .custom<string[]>((value) => Array.isArray(value), { message: "sites.errors.originsList" })
  .refine((entries) => entries.every((entry) => typeof entry === "string"), { message: "sites.errors.originText", abort: true })
  .superRefine((entries, context) => {
    const problems = entries.map((entry) => entry.trim()).filter(Boolean).map(checkOrigin).flatMap((check) => ("problem" in check ? [check.problem] : []));
    if (problems.length === 0) return;
    const more = problems.length > 1 ? `. ${problems.length - 1} more ${problems.length === 2 ? "entry needs" : "entries need"} fixing too.` : "";
    context.addIssue({ code: "custom", message: `${problems[0]}${more}` });
  })
  .transform((entries) => [...new Set(entries.map((entry) => entry.trim()).filter(Boolean).map((entry) => (checkOrigin(entry) as { origin: string }).origin))])
  .pipe(
    z
      .array(z.string())
      .min(1, "sites.errors.originsMin")
      .max(SITE_LIMITS.originsMax, "sites.errors.originsMax"),
  );

/** The site's name as the dashboard shows it. */
export const siteNameSchema = z
  .string({ message: "sites.errors.name" })
  .trim()
  .min(1, "sites.errors.name")
  .max(SITE_LIMITS.nameMax, "sites.errors.nameMax");

const keyMessage = "sites.errors.key";

/** A site key given by hand; left out or empty, one is generated. */
export const siteKeySchema = z
  .string({ message: keyMessage })
  .trim()
  .transform((key) => (key === "" ? undefined : key))
  .pipe(z.string().min(SITE_LIMITS.keyMin, keyMessage).max(SITE_LIMITS.keyMax, keyMessage).regex(SITE_KEY_PATTERN, keyMessage).optional())
  .nullish()
  .transform((key) => key ?? undefined);

/** The languages a site may be set to; null (or "" from the form): each reader's browser decides. */
export const SITE_LANGUAGES = ["en", "es"] as const;

/** A site's language: "en", "es", or null for the reader's browser. */
export const siteLanguageSchema = z
  .union([z.enum(SITE_LANGUAGES, { message: "sites.errors.language" }), z.literal(""), z.null()], { message: "sites.errors.language" })
  .transform((language) => (language === "" ? null : language));

/** The longest style sheet address taken. */
export const THEME_STYLESHEET_URL_MAX = 2048;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * A site's own style sheet for the framed thread: an absolute https address
 * (http only on this machine, for trying it out) without credentials or a
 * fragment; null (or "") for none. Whether it is on one of the site's origins
 * is checked with the origins (siteThemeProblem).
 */
export const themeStylesheetUrlSchema = z
  .union([z.string({ message: "sites.errors.stylesheetUrl" }), z.null()], { message: "sites.errors.stylesheetUrl" })
  .transform((value) => (value === null ? null : value.trim() || null))
  .superRefine((value, context) => {
    if (value === null) return;
    const problem = checkStylesheetUrl(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

/** Why a style sheet address cannot be used, as a catalog key; null when it can. */
export function checkStylesheetUrl(value: string): string | null {
  if (value.length > THEME_STYLESHEET_URL_MAX) return "sites.errors.stylesheetTooLong";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "sites.errors.stylesheetUrl";
  }
  if (url.username || url.password || url.hash) return "sites.errors.stylesheetUrl";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) return null;
  return "sites.errors.stylesheetHttps";
}

/** Why the style sheet is not on one of the site's origins (a catalog key), or null when it is (or there is none). */
export function siteThemeProblem(themeStylesheetUrl: string | null | undefined, allowedOrigins: readonly string[]): string | null {
  if (!themeStylesheetUrl) return null;
  try {
    return allowedOrigins.includes(new URL(themeStylesheetUrl).origin) ? null : "sites.errors.stylesheetOrigin";
  } catch {
    return "sites.errors.stylesheetUrl";
  }
}

/** The body of `POST /api/v1/moderation/sites` and the input of `npm run site:add`. */
export const siteInputSchema = z
  .object({
    name: siteNameSchema,
    allowedOrigins: allowedOriginsSchema,
    key: siteKeySchema,
    language: siteLanguageSchema.optional(),
    themeStylesheetUrl: themeStylesheetUrlSchema.optional(),
  })
  .superRefine((input, context) => {
    const problem = siteThemeProblem(input.themeStylesheetUrl, input.allowedOrigins);
    if (problem) context.addIssue({ code: "custom", path: ["themeStylesheetUrl"], message: problem });
  });

/** What creating a site takes. */
export type SiteInput = z.input<typeof siteInputSchema>;

/** A checked site: origins normalised, key present only when chosen. */
export type ValidSiteInput = z.output<typeof siteInputSchema>;

/**
 * The body of `PATCH /api/v1/moderation/sites/{id}`: any of a new name, new
 * origins, a language (null: the reader's browser) and a style sheet (null:
 * none). The key never changes: pages embed it. (A style sheet is checked
 * against the origins the site will have: see updateSite.)
 */
export const siteUpdateSchema = z
  .object({
    name: siteNameSchema.optional(),
    allowedOrigins: allowedOriginsSchema.optional(),
    language: siteLanguageSchema.optional(),
    themeStylesheetUrl: themeStylesheetUrlSchema.optional(),
    key: z.never({ message: "sites.errors.keyFixed" }).optional(),
  })
  .refine(
    (input) => input.name !== undefined || input.allowedOrigins !== undefined || input.language !== undefined || input.themeStylesheetUrl !== undefined,
    "sites.errors.nothingToChange",
  );

/** What editing a site takes. */
export type SiteUpdate = z.input<typeof siteUpdateSchema>;

/** A checked edit. */
export type ValidSiteUpdate = z.output<typeof siteUpdateSchema>;

const originLinesSchema = z
  .string({ message: "sites.errors.originLines" })
  .transform((text) => text.split(/\r?\n/))
  .pipe(allowedOriginsSchema);

/** The sites form: origins as one-per-line text, the language as the select's value ("" for the reader's browser). Its output is a valid POST body (and, without the key, a valid PATCH body). */
export const siteFormSchema = z
  .object({
    name: siteNameSchema,
    allowedOrigins: originLinesSchema,
    key: siteKeySchema,
    language: siteLanguageSchema.default(null),
    themeStylesheetUrl: themeStylesheetUrlSchema.default(null),
  })
  .superRefine((input, context) => {
    const problem = siteThemeProblem(input.themeStylesheetUrl, input.allowedOrigins);
    if (problem) context.addIssue({ code: "custom", path: ["themeStylesheetUrl"], message: problem });
  });

/** What the sites form holds. */
export type SiteFormValues = z.input<typeof siteFormSchema>;

/** What the sites form sends. */
export type SiteFormOutput = z.output<typeof siteFormSchema>;
