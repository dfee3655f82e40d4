// The readers' controls of a thread, written once for the article page
// (static-thread.tsx) and the framed thread (embed/frame.ts): Respect under
// each comment, the order the reader chose, collapsing a subthread, and the
// rest of a long run of replies fetched on request. Both pages draw the thread
// as static HTML that every reader shares and caches keep, so what is one
// reader's own (the comments they respected, their order) lives in this
// browser's localStorage and is applied here, never in the HTML. No framework
// and no catalogs: the frame's script bundles this file, and its words come in
// by name (`words`, keys in lib/reader-pages/thread-control-messages.ts). The
// markup (thread-markup.tsx, comment-list.tsx, sort-control.tsx) carries the
// data-* attributes named below.
import type { ThreadControlMessageName } from "@/lib/reader-pages/thread-control-messages";
import type { ThreadSort } from "@/lib/validation/thread-query";
import { respectComment, withdrawRespect, type ApiResult, type RespectCount } from "./comments-api";
import type { DraftStorage } from "./draft-storage";

/** Where this browser's reader token for respects is kept (SPEC.md: an opaque string the browser keeps). */
export const READER_TOKEN_KEY = "comments:reader-token";
/** Where the ids of the comments this browser respected are kept. */
export const RESPECTED_KEY = "comments:respected";
/** Where the reader's chosen order of threads is kept. */
export const SORT_KEY = "comments:sort";

/** The order a thread has when its address names none. */
export const DEFAULT_SORT: ThreadSort = "oldest";
/** Every order a thread can be read in (lib/validation/thread-query.ts; kept here so the frame's script does not bundle zod). */
export const KNOWN_SORTS: readonly ThreadSort[] = ["oldest", "newest", "best", "replies"];

/** Most respected ids remembered; the oldest go first (a reader who respected thousands of comments forgets the earliest). */
export const MAX_REMEMBERED_RESPECTS = 2_000;

/** The `data-action` of a comment's Respect button (beside Reply and Report in its actions). */
export const RESPECT_ACTION = "respect";
/** Marks the button that collapses and expands a comment's replies; `aria-controls` names the list. */
export const REPLIES_TOGGLE_ATTRIBUTE = "data-replies-toggle";
/** Marks the "Show N more replies" button; with `data-href` (where the rest is fetched) and `data-hidden-ids` (which comments it holds). */
export const MORE_REPLIES_ATTRIBUTE = "data-more-replies";
/** Marks the sort control; each of its links names its order in `data-sort`, the current one with aria-current. */
export const SORT_CONTROL_ATTRIBUTE = "data-sort-control";
export const SORT_ATTRIBUTE = "data-sort";
/** Dispatched on the discussion (bubbling) once fetched replies are in the page, `detail.items` their list items: other scripts that decorate comments (a reader's own Edit and Delete) do them too. */
export const REPLIES_SHOWN_EVENT = "comments:replies-shown";
/** Set on the discussion once its controls answer. */
export const READY_ATTRIBUTE = "data-thread-controls";
/** Asks the thread to show a comment it holds in a run not fetched yet (see requestCommentReveal). */
export const REVEAL_COMMENT_EVENT = "comments:reveal";

const READER_TOKEN_BYTES = 32;
const READER_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MESSAGE_ATTRIBUTE = "data-thread-control-message";
/** A comment id as the thread writes it; anything else in storage is dropped. */
const COMMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Writes one of the controls' messages in the page's language, `count` choosing the plural form. */
export type ThreadControlWords = (name: ThreadControlMessageName, params?: Readonly<Record<string, string | number>>) => string;

function readItem(storage: DraftStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeItem(storage: DraftStorage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Full or refused storage: the reader's choice lasts as long as the page.
  }
}

/** Bytes as base64url without padding (RFC 4648 §5). */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A new reader token: 32 random bytes, base64url. */
export function createReaderToken(fillRandom: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  return encodeBase64Url(fillRandom(new Uint8Array(READER_TOKEN_BYTES)));
}

/** This browser's reader token, made and kept on first use; anything else found under its key is replaced. */
export function getReaderToken(storage: DraftStorage | null, fillRandom?: (bytes: Uint8Array) => Uint8Array): string {
  const stored = readItem(storage, READER_TOKEN_KEY);
  if (stored !== null && READER_TOKEN_PATTERN.test(stored)) return stored;
  const token = createReaderToken(fillRandom);
  writeItem(storage, READER_TOKEN_KEY, token);
  return token;
}

/** The ids of the comments this browser respected, oldest first (stored text is not trusted: anything malformed is left out). */
export function readRespectedIds(storage: DraftStorage | null): string[] {
  try {
    const value: unknown = JSON.parse(readItem(storage, RESPECTED_KEY) ?? "[]");
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string" && COMMENT_ID_PATTERN.test(id)) : [];
  } catch {
    return [];
  }
}

/** Remembers that this browser respects a comment, or no longer does; the list keeps the latest MAX_REMEMBERED_RESPECTS. */
export function rememberRespect(storage: DraftStorage | null, commentId: string, isRespected: boolean): void {
  const others = readRespectedIds(storage).filter((id) => id !== commentId);
  const next = isRespected && COMMENT_ID_PATTERN.test(commentId) ? [...others, commentId] : others;
  writeItem(storage, RESPECTED_KEY, JSON.stringify(next.slice(-MAX_REMEMBERED_RESPECTS)));
}

/** A text as an order of the thread, or null. */
export function readSort(value: string | null | undefined): ThreadSort | null {
  return KNOWN_SORTS.find((sort) => sort === value) ?? null;
}

/** The order the reader chose last, or null. */
export function readStoredSort(storage: DraftStorage | null): ThreadSort | null {
  return readSort(readItem(storage, SORT_KEY));
}

/** Remembers the order the reader chose. */
export function storeSort(storage: DraftStorage | null, sort: ThreadSort): void {
  writeItem(storage, SORT_KEY, sort);
}

/**
 * Where a thread opened without an order in its address should go to be read
 * in the reader's remembered order: the same address with `sort=` (and no
 * cursor, which belongs to another order), or null to stay. An address that
 * names an order is never redirected, so following the answer cannot loop;
 * nor is one when the remembered order is the default or the shown one.
 */
export function findStoredSortAddress(href: string, stored: ThreadSort | null, shown: ThreadSort): string | null {
  if (stored === null || stored === DEFAULT_SORT || stored === shown) return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.searchParams.has("sort")) return null;
  url.searchParams.set("sort", stored);
  url.searchParams.delete("cursor");
  return url.href;
}

/** What to tell a reader whose respect did not go through. The API's own messages come in the page's language; the client's fallbacks ("form.messages.…") do not, so they get the controls' words. */
export function describeRespectFailure(result: Exclude<ApiResult<RespectCount>, { kind: "ok" }>, words: ThreadControlWords): string {
  if (result.kind === "network") return words("respectNetworkFailure");
  const { error } = result;
  return error.status >= 500 || error.message.startsWith("form.messages.") ? words("respectFailed") : error.message;
}

/** Asks the thread (attachThreadControls) to fetch the run of replies that holds a comment, so that `#comment-{id}` exists. */
export function requestCommentReveal(commentId: string): void {
  document.dispatchEvent(new CustomEvent(REVEAL_COMMENT_EVENT, { detail: { id: commentId } }));
}

/** Whether a comment is in the page only as an id of a run of replies not fetched yet. */
export function isHiddenInRun(commentId: string): boolean {
  return document.querySelector(`[${MORE_REPLIES_ATTRIBUTE}][data-hidden-ids~="${CSS.escape(commentId)}"]`) !== null;
}

/**
 * Goes to the reader's remembered order when the thread was opened without
 * one (location.replace: the address without an order leaves no entry in the
 * history). Only where the thread offers a choice of order. True when it is
 * leaving the page.
 */
export function followStoredSort(root: ParentNode, storage: DraftStorage | null, location: Pick<Location, "href" | "replace"> = window.location): boolean {
  const control = root.querySelector(`[${SORT_CONTROL_ATTRIBUTE}]`);
  if (!control) return false;
  const shown = readSort(control.querySelector(`[${SORT_ATTRIBUTE}][aria-current="true"]`)?.getAttribute(SORT_ATTRIBUTE)) ?? DEFAULT_SORT;
  const target = findStoredSortAddress(location.href, readStoredSort(storage), shown);
  if (target === null) return false;
  location.replace(target);
  return true;
}

/** What the controls need from their page. */
export interface ThreadControlsOptions {
  /** The discussion: the sort control and the thread's markup. */
  root: HTMLElement;
  storage: DraftStorage | null;
  words: ThreadControlWords;
}

/** The controls attached to a page's thread. */
export interface ThreadControls {
  /** Applies what this browser remembers (its respects) to the markup as it is now: call after the thread's markup is replaced. */
  refresh(): void;
  /** Makes a comment visible (fetching the run that holds it, expanding collapsed replies around it); its element, or null when the thread has no such comment. */
  showComment(commentId: string): Promise<HTMLElement | null>;
  /** Stops answering the thread's controls. */
  detach(): void;
}

/** Answers the thread's controls in `root` (one click listener) and applies this browser's respects; see the file's comment. */
export function attachThreadControls(options: ThreadControlsOptions): ThreadControls {
  const { root, storage, words } = options;
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  // Answers of this page view, over what storage says (it may refuse to keep them).
  const respectedHere = new Map<string, boolean>();
  const loadingRuns = new Map<HTMLButtonElement, Promise<HTMLElement[] | null>>();
  let readerToken: string | null = null;
  // Kept for the page's lifetime, so a browser without storage can still take back what it gave.
  const getToken = () => (readerToken ??= getReaderToken(storage));

  const showRespect = (button: HTMLButtonElement, isRespected: boolean, count: number | null) => {
    button.setAttribute("aria-pressed", String(isRespected));
    if (count === null) return;
    const countElement = button.querySelector(".respect-count");
    if (countElement) countElement.textContent = numbers.format(count);
    const label = button.querySelector(".respect-label")?.textContent ?? "";
    const name = button.closest<HTMLElement>("[data-comment-actions]")?.dataset.authorName ?? "";
    button.setAttribute("aria-label", words("respectName", { label, count, name }));
  };

  const refresh = () => {
    const respected = new Set(readRespectedIds(storage));
    for (const button of root.querySelectorAll<HTMLButtonElement>(`button[data-action="${RESPECT_ACTION}"]`)) {
      const id = button.closest<HTMLElement>("[data-comment-actions]")?.dataset.commentId ?? "";
      showRespect(button, respectedHere.get(id) ?? respected.has(id), null);
    }
  };

  /** Says something in a comment's status region (or clears what this module said there), beside what the page's own scripts say. */
  const say = (actions: HTMLElement, message: string | null) => {
    const status = actions.querySelector(".comment-actions-status");
    if (!status) return;
    let line = status.querySelector<HTMLElement>(`[${MESSAGE_ATTRIBUTE}]`);
    if (message === null) {
      line?.remove();
      return;
    }
    if (!line) {
      line = document.createElement("p");
      line.className = "thread-control-message";
      line.setAttribute(MESSAGE_ATTRIBUTE, "");
      status.append(line);
    }
    line.textContent = message;
  };

  const toggleRespect = async (button: HTMLButtonElement) => {
    const actions = button.closest<HTMLElement>("[data-comment-actions]");
    const commentId = actions?.dataset.commentId;
    if (!actions || !commentId || button.getAttribute("aria-busy") === "true") return;
    const wasRespected = button.getAttribute("aria-pressed") === "true";
    button.setAttribute("aria-busy", "true");
    say(actions, null);
    const result = await (wasRespected ? withdrawRespect : respectComment)(commentId, getToken());
    button.removeAttribute("aria-busy");
    if (result.kind !== "ok") {
      say(actions, describeRespectFailure(result, words));
      return;
    }
    respectedHere.set(commentId, !wasRespected);
    rememberRespect(storage, commentId, !wasRespected);
    showRespect(button, !wasRespected, result.value.respects);
  };

  const setRepliesExpanded = (button: HTMLButtonElement, list: HTMLElement, isExpanded: boolean) => {
    list.hidden = !isExpanded;
    button.setAttribute("aria-expanded", String(isExpanded));
    const count = Number(button.dataset.replyCount ?? "0");
    const name = button.dataset.authorName ?? "";
    const label = button.querySelector(".replies-toggle-label") ?? button;
    label.textContent = isExpanded ? words("hideReplies") : words("showReplies", { count });
    button.setAttribute("aria-label", isExpanded ? words("hideRepliesTo", { name }) : words("showRepliesTo", { count, name }));
  };

  const findToggle = (list: HTMLElement) => root.querySelector<HTMLButtonElement>(`button[${REPLIES_TOGGLE_ATTRIBUTE}][aria-controls="${CSS.escape(list.id)}"]`);

  const toggleReplies = (button: HTMLButtonElement) => {
    const list = document.getElementById(button.getAttribute("aria-controls") ?? "");
    if (list) setRepliesExpanded(button, list, button.getAttribute("aria-expanded") !== "true");
  };

  /** Opens every collapsed list of replies around a comment. */
  const expandAround = (element: HTMLElement) => {
    for (let list = element.closest<HTMLElement>("ol[hidden]"); list && root.contains(list); list = list.parentElement?.closest<HTMLElement>("ol[hidden]") ?? null) {
      const toggle = findToggle(list);
      if (toggle) setRepliesExpanded(toggle, list, true);
      else list.hidden = false;
    }
  };

  const fetchRun = async (button: HTMLButtonElement): Promise<HTMLElement[] | null> => {
    const item = button.closest("li");
    const status = item?.querySelector(".more-replies-status");
    const url = new URL(button.dataset.href ?? "", window.location.href);
    // Only this server's own fragments are put in the page.
    if (!item || url.origin !== window.location.origin) return null;
    button.setAttribute("aria-busy", "true");
    if (status) status.textContent = words("loadingReplies");
    let html: string | null = null;
    try {
      const response = await fetch(url.href, { headers: { accept: "text/html" } });
      if (response.ok) html = await response.text();
    } catch {
      html = null;
    }
    button.removeAttribute("aria-busy");
    if (html === null) {
      if (status) status.textContent = words("repliesFailed");
      return null;
    }
    const template = document.createElement("template");
    template.innerHTML = html;
    const items = [...(template.content.querySelector("ol")?.children ?? [])].filter((node): node is HTMLElement => node.tagName === "LI");
    const list = item.parentElement;
    item.replaceWith(...items);
    refresh();
    root.dispatchEvent(new CustomEvent(REPLIES_SHOWN_EVENT, { bubbles: true, detail: { items } }));
    if (list && items.length === 0) findToggle(list)?.focus();
    return items;
  };

  /** Fetches the rest of a run once, however often it is asked for meanwhile. */
  const showMoreReplies = (button: HTMLButtonElement): Promise<HTMLElement[] | null> => {
    let loading = loadingRuns.get(button);
    if (!loading) {
      loading = fetchRun(button).finally(() => loadingRuns.delete(button));
      loadingRuns.set(button, loading);
    }
    return loading;
  };

  const showComment = async (commentId: string): Promise<HTMLElement | null> => {
    // A run may hold the comment in a run of its own: each fetch brings it one level closer.
    for (;;) {
      const element = document.getElementById(`comment-${commentId}`);
      if (element && root.contains(element)) {
        expandAround(element);
        return element;
      }
      const run = root.querySelector<HTMLButtonElement>(`button[${MORE_REPLIES_ATTRIBUTE}][data-hidden-ids~="${CSS.escape(commentId)}"]`);
      if (!run || (await showMoreReplies(run)) === null) return null;
    }
  };

  const onClick = (event: MouseEvent) => {
    if (!(event.target instanceof Element)) return;
    const sortLink = event.target.closest(`a[${SORT_ATTRIBUTE}]`);
    if (sortLink && root.contains(sortLink)) {
      const sort = readSort(sortLink.getAttribute(SORT_ATTRIBUTE));
      if (sort) storeSort(storage, sort);
      return;
    }
    const button = event.target.closest("button");
    if (!button || !root.contains(button)) return;
    if (button.dataset.action === RESPECT_ACTION) void toggleRespect(button);
    else if (button.hasAttribute(REPLIES_TOGGLE_ATTRIBUTE)) toggleReplies(button);
    else if (button.hasAttribute(MORE_REPLIES_ATTRIBUTE)) {
      void showMoreReplies(button).then((items) => {
        // The button is gone: the reader goes on at the first reply it brought.
        const first = items?.[0]?.querySelector<HTMLElement>("article.comment");
        if (!first) return;
        first.tabIndex = -1;
        first.focus();
      });
    }
  };

  /** A permalink to a comment the page holds only in a run not fetched yet (or in collapsed replies): show it and go there. */
  const followHash = () => {
    const match = /^#comment-(.+)$/.exec(window.location.hash);
    if (!match?.[1]) return;
    let commentId: string;
    try {
      commentId = decodeURIComponent(match[1]);
    } catch {
      return;
    }
    const existing = document.getElementById(`comment-${commentId}`);
    if (existing && !existing.closest("ol[hidden]")) return;
    void showComment(commentId).then((element) => element?.scrollIntoView({ block: "center" }));
  };

  const onReveal = (event: Event) => {
    const id = (event as CustomEvent<{ id?: unknown }>).detail?.id;
    if (typeof id === "string") void showComment(id);
  };

  root.addEventListener("click", onClick);
  window.addEventListener("hashchange", followHash);
  document.addEventListener(REVEAL_COMMENT_EVENT, onReveal);
  refresh();
  followHash();
  // Says the controls answer from now on (tests and styles can tell).
  root.setAttribute(READY_ATTRIBUTE, "");
  return {
    refresh,
    showComment,
    detach: () => {
      root.removeAttribute(READY_ATTRIBUTE);
      root.removeEventListener("click", onClick);
      window.removeEventListener("hashchange", followHash);
      document.removeEventListener(REVEAL_COMMENT_EVENT, onReveal);
    },
  };
}
