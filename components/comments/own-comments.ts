// The decisions behind a reader editing or deleting their own comment, kept
// free of the DOM so they can be tested in Node: which comments this browser
// may still change, when the next window closes, what an answer of the API
// means for the reader, and the note that carries an outcome across the
// thread's refresh (the frame reloads; the article page fetches the markup
// again). own-comment-controls.ts wires these to the page.
import type { ApiResult, EditedComment, PostedComment } from "./comments-api";
import { rememberOwnComment, readOwnComments, type DraftStorage, type OwnComment } from "./draft-storage";
import { placeServerError, type MessageWriter, type PlacedServerError } from "./reader-messages";

/** Keeps a comment the server has just accepted, published or held, while its author may still change it; without a token or a window there is nothing to keep. */
export function keepOwnComment(storage: DraftStorage | null | undefined, slug: string, posted: PostedComment, written: { body: string; authorName: string; parentId?: string | null | undefined }, now = new Date()): void {
  if (posted.editToken === "" || !Number.isFinite(Date.parse(posted.editableUntil))) return;
  rememberOwnComment(storage, { id: posted.id, editToken: posted.editToken, editableUntil: posted.editableUntil, body: written.body, authorName: written.authorName, parentId: written.parentId ?? null, slug }, now);
}

/** The kept comments of the article that the thread shows (and so may carry Edit and Delete), by id. */
export function findControllableComments(storage: DraftStorage | null | undefined, slug: string, isShown: (id: string) => boolean, now = new Date()): Map<string, OwnComment> {
  return new Map(readOwnComments(storage, slug, now).filter((comment) => isShown(comment.id)).map((comment) => [comment.id, comment]));
}

/** Milliseconds until the first of these windows closes (at least 0), or null when there is none. */
export function getNextExpiryDelay(comments: Iterable<OwnComment>, now = new Date()): number | null {
  let first = Number.POSITIVE_INFINITY;
  for (const comment of comments) first = Math.min(first, Date.parse(comment.editableUntil));
  return Number.isFinite(first) ? Math.max(0, first - now.getTime()) : null;
}

/** What to tell the reader after Save. */
export type EditVerdict =
  /** Published with the new text. */
  | { kind: "updated" }
  /** Held for a moderator: it leaves the public thread and is shown to its author as awaiting moderation. */
  | { kind: "held"; message: string }
  /** The server no longer lets this comment change (the window passed, the token no longer proves it, or it is gone): the buttons go. */
  | { kind: "closed" }
  /** Refused as it stands (too short, too long, too many edits): messages under the field and over the form. */
  | { kind: "refused"; placed: PlacedServerError }
  /** The server could not be reached; the text stays in the box. */
  | { kind: "network" };

/** Whether a refusal means the comment can no longer be changed by this browser. */
function isClosed(status: number): boolean {
  return status === 403 || status === 404;
}

/** Reads the API's answer to an edit. */
export function judgeEditAnswer(result: ApiResult<EditedComment>, t: MessageWriter): EditVerdict {
  if (result.kind === "network") return { kind: "network" };
  if (result.kind === "error") return isClosed(result.error.status) ? { kind: "closed" } : { kind: "refused", placed: placeServerError(result.error, t) };
  return result.value.status === "approved" ? { kind: "updated" } : { kind: "held", message: result.value.message };
}

/** What to tell the reader after confirming a deletion. */
export type DeleteVerdict = { kind: "deleted" } | { kind: "closed" } | { kind: "refused"; message: string } | { kind: "network" };

/** Reads the API's answer to a deletion. */
export function judgeDeleteAnswer(result: ApiResult<true>): DeleteVerdict {
  if (result.kind === "network") return { kind: "network" };
  if (result.kind === "error") return isClosed(result.error.status) ? { kind: "closed" } : { kind: "refused", message: result.error.message };
  return { kind: "deleted" };
}

/** What became of one's own comment, said once the thread shows the change. */
export interface OwnCommentOutcome {
  kind: "updated" | "held" | "deleted";
  id: string;
  /** The article: a note is said on its own thread only. */
  slug: string;
  /** Where the comment stood, to say it there if it has left the thread: the comment before it in its list, and the one it answers. */
  previousId: string | null;
  parentId: string | null;
  /** When it was written (ms): a note nobody showed soon after is stale. */
  savedAt: number;
}

/** Where the outcome waits while the thread refreshes (sessionStorage: this tab only). */
export const OUTCOME_NOTE_KEY = "comments:own-outcome";
/** A note older than this is dropped unshown: the reader has moved on. */
const OUTCOME_NOTE_MAX_AGE_MS = 60_000;

/** The note as stored for this article, or null for anything else or anything stale (stored text is not trusted). */
export function readOutcomeNote(raw: string | null, slug: string, now = Date.now()): OwnCommentOutcome | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return null;
    const { kind, id, previousId, parentId, savedAt, slug: noteSlug } = value as Record<string, unknown>;
    if ((kind !== "updated" && kind !== "held" && kind !== "deleted") || typeof id !== "string" || id === "" || typeof savedAt !== "number" || noteSlug !== slug) return null;
    if (now - savedAt > OUTCOME_NOTE_MAX_AGE_MS || savedAt > now + OUTCOME_NOTE_MAX_AGE_MS) return null;
    const optionalId = (item: unknown) => (typeof item === "string" && item !== "" ? item : null);
    return { kind, id, slug, previousId: optionalId(previousId), parentId: optionalId(parentId), savedAt };
  } catch {
    return null;
  }
}
