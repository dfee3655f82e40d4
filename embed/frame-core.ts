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
