// The framed thread script's decisions, kept free of the DOM so they can be
// tested in Node: how a cloned form's ids are renamed, and the note that
// survives the reload after a comment is published. embed/frame.ts wires
// these to the page.

/** The renaming of one form's ids: `comment-body` → `reply-42-body`. */
export interface IdPrefixChange {
  from: string;
  to: string;
}

/**
 * An id, or a space-separated list of ids (`aria-describedby`), with the
 * form's prefix swapped. Ids without the prefix are kept as they are.
 */
export function renameIds(value: string, change: IdPrefixChange): string {
  return value
    .split(" ")
    .map((id) => (id.startsWith(`${change.from}-`) ? `${change.to}${id.slice(change.from.length)}` : id))
    .join(" ");
}

/** The prefix of a reply form's ids: ids are unique per comment, whatever characters the comment id holds. */
export function replyFormPrefix(commentId: string): string {
  return `reply-${commentId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** The prefix of a report form's ids. */
export function reportFormPrefix(commentId: string): string {
  return `report-${commentId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** What the frame keeps across the reload that shows a just-published comment. */
export interface PublishedNote {
  id: string;
  message: string;
  /** The comment it replies to, whose status line carries the note; absent for a top-level comment. */
  parentId?: string | undefined;
}

/** Where the note is kept (sessionStorage, this tab only). */
export const PUBLISHED_NOTE_KEY = "comments:frame-published";

/** The note as stored, or null for anything else (stored text is not trusted). */
export function readPublishedNote(raw: string | null): PublishedNote | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return null;
    const { id, message, parentId } = value as Record<string, unknown>;
    if (typeof id !== "string" || id === "" || typeof message !== "string") return null;
    return { id, message, parentId: typeof parentId === "string" && parentId !== "" ? parentId : undefined };
  } catch {
    return null;
  }
}

/** The frame's own messages as the server wrote them into the page (the `frame` section of its language's catalog). */
export type FrameMessages = Readonly<Record<string, unknown>>;

/** What the server tells the frame script: its language and its messages. */
export interface FrameSettings {
  locale: string;
  messages: FrameMessages;
}

/** The settings from the page's JSON blob; when it is missing or unreadable, English with no messages (keys then show as they are). */
export function readFrameSettings(raw: string | null | undefined): FrameSettings {
  try {
    const value: unknown = JSON.parse(raw ?? "");
    if (typeof value === "object" && value !== null) {
      const { locale, messages } = value as Record<string, unknown>;
      if (typeof locale === "string" && typeof messages === "object" && messages !== null) return { locale, messages: messages as FrameMessages };
    }
  } catch {
    // Falls through to the keys themselves: still usable, never blank.
  }
  return { locale: "en", messages: {} };
}

/** A frame message by key ("captchaWords.minus"), with `{name}` filled and `count` choosing a plural form (Intl.PluralRules), numbers written in the language's way. */
export type FrameTranslator = (key: string, params?: Readonly<Record<string, string | number>>) => string;

/**
 * The frame script's translator over the messages the server sent: the same
 * rules as lib/i18n/translate.ts, without shipping every catalog to readers.
 */
export function createFrameTranslator(settings: FrameSettings): FrameTranslator {
  const plurals = new Intl.PluralRules(settings.locale);
  const numbers = new Intl.NumberFormat(settings.locale);
  return (key, params = {}) => {
    let node: unknown = settings.messages;
    for (const part of key.split(".")) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    let template = key;
    if (typeof node === "string") template = node;
    else if (typeof node === "object" && node !== null) {
      const forms = node as Record<string, unknown>;
      const count = typeof params.count === "number" ? params.count : NaN;
      const form = count === 0 && typeof forms.zero === "string" ? forms.zero : forms[plurals.select(count)] ?? forms.other;
      if (typeof form === "string") template = form;
    }
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : typeof value === "number" ? numbers.format(value) : value;
    });
  };
}


/**
 * A request address with the frame's language added (`lang=es`), for this
 * server's `/api/v1/…` only: the API then writes its errors in the frame's
 * language. Any other address is returned as it is.
 */
export function withFrameLanguage(url: string, locale: string, base: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    return url;
  }
  if (parsed.origin !== new URL(base).origin || !parsed.pathname.startsWith("/api/v1/") || parsed.searchParams.has("lang")) return url;
  parsed.searchParams.set("lang", locale);
  return /^https?:/i.test(url) ? parsed.href : `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
