// Keeps an unsent comment in the reader's browser so a crash, a lost connection
// or a refused submit never costs them their text. Pure functions over a
// Storage-like object; every access is guarded because localStorage can be
// missing (private modes, disabled storage) or throw (quota, security errors).

/** The part of the Web Storage API the drafts need (window.localStorage fits). */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Who is writing: remembered for the next comment and pre-filled. */
export interface CommentAuthor {
  authorName: string;
  authorEmail: string;
  authorUrl: string;
}

/** An unsent comment: the text and who wrote it. */
export interface CommentDraft extends CommentAuthor {
  body: string;
}

/** Where the remembered name, e-mail and website live. */
export const AUTHOR_STORAGE_KEY = "comments:author";

const DRAFT_KEY_PREFIX = "comments:draft:";
const EMPTY_AUTHOR: CommentAuthor = { authorName: "", authorEmail: "", authorUrl: "" };

/** The storage key of the draft for one article and one reply target (`top` for a new thread). */
export function getDraftKey(slug: string, parentId?: string | null): string {
  return `${DRAFT_KEY_PREFIX}${slug}:${parentId ? parentId : "top"}`;
}

/** The browser's localStorage, or null when it is missing or refuses to be used. */
export function getBrowserStorage(): DraftStorage | null {
  try {
    if (typeof window === "undefined") return null;
    const storage = window.localStorage;
    const probe = `${DRAFT_KEY_PREFIX}probe`;
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

function readJson(storage: DraftStorage | null | undefined, key: string): Record<string, unknown> | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(key);
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Writes a value; false when storage is missing or refused (full, blocked). */
function writeJson(storage: DraftStorage | null | undefined, key: string, value: unknown): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

function remove(storage: DraftStorage | null | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to do: a draft we cannot remove is restored once more at worst.
  }
}

// Stored JSON is not trusted: another tab, an older version or a person may have written it.
const text = (value: unknown): string => (typeof value === "string" ? value : "");

function toAuthor(record: Record<string, unknown>): CommentAuthor {
  return { authorName: text(record.authorName), authorEmail: text(record.authorEmail), authorUrl: text(record.authorUrl) };
}

/** The saved draft for this article and reply target, or null when there is none. */
export function readDraft(storage: DraftStorage | null | undefined, slug: string, parentId?: string | null): CommentDraft | null {
  const record = readJson(storage, getDraftKey(slug, parentId));
  if (!record) return null;
  const draft = { body: text(record.body), ...toAuthor(record) };
  return draft.body.trim() === "" ? null : draft;
}

/**
 * Saves the draft as it stands; a draft without text is removed instead (the
 * author's details are remembered separately). False when it could not be saved.
 */
export function saveDraft(storage: DraftStorage | null | undefined, slug: string, parentId: string | null | undefined, draft: CommentDraft): boolean {
  const key = getDraftKey(slug, parentId);
  if (draft.body.trim() === "") {
    remove(storage, key);
    return true;
  }
  const { body, authorName, authorEmail, authorUrl } = draft;
  return writeJson(storage, key, { body, authorName, authorEmail, authorUrl, savedAt: new Date().toISOString() });
}

/** Forgets the draft: only once the server has accepted the comment. */
export function clearDraft(storage: DraftStorage | null | undefined, slug: string, parentId?: string | null): void {
  remove(storage, getDraftKey(slug, parentId));
}

/** The remembered name, e-mail and website (empty strings when none). */
export function readAuthor(storage: DraftStorage | null | undefined): CommentAuthor {
  const record = readJson(storage, AUTHOR_STORAGE_KEY);
  return record ? toAuthor(record) : { ...EMPTY_AUTHOR };
}

/** Remembers the name, e-mail and website for the next comment. */
export function saveAuthor(storage: DraftStorage | null | undefined, author: CommentAuthor): boolean {
  const { authorName, authorEmail, authorUrl } = author;
  return writeJson(storage, AUTHOR_STORAGE_KEY, { authorName, authorEmail, authorUrl });
}

/** What the form starts with: the draft's fields, with the remembered author filling any the draft left empty. */
export function getInitialDraft(storage: DraftStorage | null | undefined, slug: string, parentId?: string | null): CommentDraft {
  const author = readAuthor(storage);
  const draft = readDraft(storage, slug, parentId);
  if (!draft) return { body: "", ...author };
  return {
    body: draft.body,
    authorName: draft.authorName || author.authorName,
    authorEmail: draft.authorEmail || author.authorEmail,
    authorUrl: draft.authorUrl || author.authorUrl,
  };
}

/** A comment this browser posted that waits for a moderator: shown to its author, after a reload too, until it is decided. */
export interface OwnPendingComment {
  id: string;
  /** The 201's editToken: what lets this browser ask about the comment. */
  editToken: string;
  body: string;
  authorName: string;
  parentId: string | null;
  postedAt: string;
}

const PENDING_KEY_PREFIX = "comments:pending:";
/** A held comment nobody decides on is forgotten after this long. */
const PENDING_KEEP_MS = 30 * 24 * 60 * 60 * 1000;
/** Most held comments kept per article (the newest). */
const MAX_PENDING_PER_ARTICLE = 20;

function toOwnPending(value: unknown): OwnPendingComment | null {
  if (typeof value !== "object" || value === null) return null;
  const record = value as Record<string, unknown>;
  const id = text(record.id);
  const editToken = text(record.editToken);
  if (id === "" || editToken === "" || text(record.body) === "") return null;
  const parentId = text(record.parentId);
  return { id, editToken, body: text(record.body), authorName: text(record.authorName), parentId: parentId === "" ? null : parentId, postedAt: text(record.postedAt) };
}

/** This browser's held comments on the article, oldest first; the expired and the malformed are left out. */
export function readOwnPending(storage: DraftStorage | null | undefined, slug: string, now = new Date()): OwnPendingComment[] {
  const record = readJson(storage, `${PENDING_KEY_PREFIX}${slug}`);
  const list = Array.isArray(record?.comments) ? record.comments : [];
  return list.flatMap((item: unknown) => {
    const comment = toOwnPending(item);
    const postedAt = comment ? Date.parse(comment.postedAt) : Number.NaN;
    return comment && Number.isFinite(postedAt) && now.getTime() - postedAt < PENDING_KEEP_MS ? [comment] : [];
  });
}

function writeOwnPending(storage: DraftStorage | null | undefined, slug: string, comments: readonly OwnPendingComment[]): void {
  const key = `${PENDING_KEY_PREFIX}${slug}`;
  if (comments.length === 0) remove(storage, key);
  else writeJson(storage, key, { comments: comments.slice(-MAX_PENDING_PER_ARTICLE) });
}

/** Keeps a comment the server held, so its author still sees it after a reload. */
export function rememberOwnPending(storage: DraftStorage | null | undefined, slug: string, comment: OwnPendingComment): void {
  writeOwnPending(storage, slug, [...readOwnPending(storage, slug).filter((kept) => kept.id !== comment.id), comment]);
}

/** Forgets a held comment once a moderator has decided (or the server no longer knows it). */
export function forgetOwnPending(storage: DraftStorage | null | undefined, slug: string, id: string): void {
  writeOwnPending(storage, slug, readOwnPending(storage, slug).filter((kept) => kept.id !== id));
}

/**
 * A comment this browser posted, kept while its author may still edit or
 * delete it: the 201's editToken proves authorship, editableUntil (the
 * server's clock) ends the window, and the text is what the edit form starts
 * from. Kept for every article in one list, since the windows are short.
 */
export interface OwnComment {
  id: string;
  editToken: string;
  /** ISO time the server gave: after it, the comment can no longer be changed. */
  editableUntil: string;
  body: string;
  authorName: string;
  parentId: string | null;
  slug: string;
}

/** Where the comments still within their edit window are kept. */
export const OWN_COMMENTS_KEY = "comments:own";
/** Most kept at once (the newest): a window lasts at most a day, so this is plenty. */
const MAX_OWN_COMMENTS = 50;

function toOwnComment(value: unknown): OwnComment | null {
  if (typeof value !== "object" || value === null) return null;
  const record = value as Record<string, unknown>;
  const comment = {
    id: text(record.id),
    editToken: text(record.editToken),
    editableUntil: text(record.editableUntil),
    body: text(record.body),
    authorName: text(record.authorName),
    parentId: text(record.parentId) || null,
    slug: text(record.slug),
  };
  if (comment.id === "" || comment.editToken === "" || comment.slug === "" || !Number.isFinite(Date.parse(comment.editableUntil))) return null;
  return comment;
}

function isWithinWindow(comment: OwnComment, now: Date): boolean {
  return Date.parse(comment.editableUntil) > now.getTime();
}

/** Every kept comment still within its window, on any article, oldest first; the expired and the malformed are left out. */
function readAllOwnComments(storage: DraftStorage | null | undefined, now: Date): OwnComment[] {
  const record = readJson(storage, OWN_COMMENTS_KEY);
  const list = Array.isArray(record?.comments) ? record.comments : [];
  return list.flatMap((item: unknown) => {
    const comment = toOwnComment(item);
    return comment && isWithinWindow(comment, now) ? [comment] : [];
  });
}

function writeOwnComments(storage: DraftStorage | null | undefined, comments: readonly OwnComment[]): void {
  if (comments.length === 0) remove(storage, OWN_COMMENTS_KEY);
  else writeJson(storage, OWN_COMMENTS_KEY, { comments: comments.slice(-MAX_OWN_COMMENTS) });
}

/** This browser's comments on the article that it may still edit or delete, oldest first. */
export function readOwnComments(storage: DraftStorage | null | undefined, slug: string, now = new Date()): OwnComment[] {
  return readAllOwnComments(storage, now).filter((comment) => comment.slug === slug);
}

/** Keeps (or replaces, by id) a comment this browser posted; one whose window has already passed is not kept. Expired ones are dropped on the way. */
export function rememberOwnComment(storage: DraftStorage | null | undefined, comment: OwnComment, now = new Date()): void {
  const kept = readAllOwnComments(storage, now).filter((other) => other.id !== comment.id);
  writeOwnComments(storage, isWithinWindow(comment, now) ? [...kept, comment] : kept);
}

/** Forgets a kept comment: deleted, or the server no longer lets it change. */
export function forgetOwnComment(storage: DraftStorage | null | undefined, id: string, now = new Date()): void {
  writeOwnComments(
    storage,
    readAllOwnComments(storage, now).filter((comment) => comment.id !== id),
  );
}
