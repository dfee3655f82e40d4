"use client";

// The article page's thread: static markup (thread-markup.tsx) that reaches
// the page's HTML without a second copy in React's page data (see
// lib/reader-pages/server-html.ts), made interactive here. One click
// listener answers every comment's Reply and Report buttons, and the forms
// they open, the report's outcome and a posted reply's notice are React,
// drawn into that comment's place through portals. Respect, the order, the
// collapse toggles and "Show N more replies" are the framework-free
// thread-controls.ts, which the framed thread's script uses too. When the router brings
// the page's data without its HTML (a client-side navigation, a refresh
// after new comments), the thread's markup is fetched from the page itself,
// which readers are served from cache. The reader's own comments get Edit
// and Delete from own-comment-controls.ts, the frame's implementation too.
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { useLocale, useTranslator } from "@/components/i18n/locale-context";
import type { MessageKey } from "@/lib/i18n/catalog-types";
import { takeServerHtml } from "@/lib/reader-pages/server-html";
import { THREAD_CONTROL_MESSAGE_KEYS } from "@/lib/reader-pages/thread-control-messages";
import { commentEditInputSchema } from "@/lib/validation/comment-edit-input";
import { VALIDATION_MESSAGE_PARAMS } from "@/lib/validation/message-params";
import { CommentForm } from "./comment-form";
import { getBrowserStorage } from "./draft-storage";
import { attachOwnCommentControls, type OwnCommentControls } from "./own-comment-controls";
import "./own-comment.css";
import { PostedNotice, type PostedSummary } from "./posted-notice";
import { ReportForm } from "./report-form";
import { attachThreadControls, followStoredSort, type ThreadControls, type ThreadControlWords } from "./thread-controls";
import { withLink } from "./with-link";

/** Marks the thread's container; its value is the render's key. */
const THREAD_ATTRIBUTE = "data-static-thread";

export interface StaticThreadProps {
  /** Where the server left this render's markup; null when there is none to take (it is then fetched). */
  htmlKey: string | null;
  /** Differs with every server render of the page, so a refresh brings the newer thread. */
  renderId: string;
  /** The page's own address (with its sort and cursor), where the markup is fetched from. */
  pageHref: string;
  slug: string;
  commentsOpen: boolean;
  spamCheck: boolean;
  /** Whether the site sends mail: the reply forms then offer notifications. */
  notifications: boolean;
}

/** What is open or said under one comment. */
interface CommentState {
  /** Names the comment in the forms' labels. */
  authorName: string;
  isReporting: boolean;
  reportOutcome: string | null;
  posted: PostedSummary | null;
}

const NOTHING_OPEN: CommentState = { authorName: "", isReporting: false, reportOutcome: null, posted: null };

interface ShownThread {
  html: string | null;
  /** The server render it came from. */
  renderId: string;
  /** Counts replacements of the markup, so portals find their places again. */
  version: number;
}

/** The markup this render left: from the server's store while rendering HTML, from the document while hydrating it. */
function readRenderedHtml(htmlKey: string | null): string | null {
  if (htmlKey === null) return null;
  if (typeof window === "undefined") return takeServerHtml(htmlKey);
  const html = document.querySelector(`[${THREAD_ATTRIBUTE}="${CSS.escape(htmlKey)}"]`)?.innerHTML;
  return html ? html : null;
}

/** The thread's markup as the page at `href` has it now. */
async function fetchThreadHtml(href: string, signal: AbortSignal): Promise<string> {
  // Revalidated, never a stale copy: the page says stale-while-revalidate for shared caches, which browsers apply to fetches too.
  const response = await fetch(href, { signal, cache: "no-cache", headers: { accept: "text/html" } });
  if (!response.ok) throw new Error(`The page answered ${response.status}`);
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const thread = page.querySelector(`[${THREAD_ATTRIBUTE}]`);
  if (!thread) throw new Error("The page has no thread");
  return thread.innerHTML;
}

function findActions(root: HTMLElement | null, commentId: string): HTMLElement | null {
  return root?.querySelector<HTMLElement>(`[data-comment-actions][data-comment-id="${CSS.escape(commentId)}"]`) ?? null;
}

/** The actions this component answers; the comment's other buttons (Respect, …) are other scripts'. */
type CommentAction = "reply" | "report";

function readAction(button: HTMLButtonElement): CommentAction | null {
  const action = button.dataset.action;
  return action === "reply" || action === "report" ? action : null;
}

function findButton(root: HTMLElement | null, commentId: string, action: CommentAction): HTMLButtonElement | null {
  return findActions(root, commentId)?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`) ?? null;
}

/**
 * Draws `children` into a comment's status region, or at the end of its
 * actions (the open forms). The places are looked up in the markup of the
 * given version, which React never changes in between.
 */
function InComment({ root, commentId, place, version, children }: { root: HTMLElement | null; commentId: string; place: "status" | "panel"; version: number; children: ReactNode }) {
  const actions = findActions(root, commentId);
  const target = place === "status" ? actions?.querySelector(".comment-actions-status") : actions;
  return target ? createPortal(children, target, `${commentId}-${place}-${version}`) : null;
}

/** A refresh of the thread someone waits for: settled once markup newer than `fromRenderId` is shown. */
interface RefreshWaiter {
  fromRenderId: string;
  resolve: () => void;
}

/** Past this, a refresh that brought nothing (the markup could not be fetched) is given up on. */
const REFRESH_WAIT_MS = 15_000;

/** The article page's thread; see the file's comment. */
export function StaticThread({ htmlKey, renderId, pageHref, slug, commentsOpen, spamCheck, notifications }: StaticThreadProps) {
  const container = useRef<HTMLDivElement>(null);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const [shown, setShown] = useState<ShownThread>(() => ({ html: readRenderedHtml(htmlKey), renderId, version: 0 }));
  const [loadFailed, setLoadFailed] = useState(false);
  const [replyingTo, setReplyingTo] = useState<string | null>(null);
  const [comments, setComments] = useState<Record<string, CommentState>>({});
  // The comment whose new outcome (a posted reply's notice, a report's thanks) takes focus once drawn.
  const focusOutcomeOf = useRef<string | null>(null);
  const locale = useLocale();
  const t = useTranslator();
  const router = useRouter();
  const ownControls = useRef<OwnCommentControls | null>(null);
  const refreshWaiters = useRef<RefreshWaiter[]>([]);
  const shownRenderId = useRef(shown.renderId);

  // The reader's own comments: Edit and Delete while their window lasts (the same module as in the frame).
  useEffect(() => {
    if (!root) return;
    const waiters = refreshWaiters.current;
    const settleWaiters = (isDone: (waiter: RefreshWaiter) => boolean) => {
      for (const waiter of waiters.filter(isDone)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    };
    const controls = attachOwnCommentControls({
      root,
      slug,
      storage: getBrowserStorage(),
      t,
      // The edit schema's rule for the text, which the server applies too.
      checkBody: (body) => {
        const parsed = commentEditInputSchema.shape.body.safeParse(body);
        return parsed.success ? null : t((parsed.error.issues[0]?.message ?? "form.errors.bodyRequired") as MessageKey, VALIDATION_MESSAGE_PARAMS);
      },
      // As after a post: the page is rendered again, and its thread's markup fetched (a layout effect below settles the wait).
      refreshThread: () =>
        new Promise<void>((resolve) => {
          const waiter: RefreshWaiter = { fromRenderId: shownRenderId.current, resolve };
          waiters.push(waiter);
          window.setTimeout(() => settleWaiters((other) => other === waiter), REFRESH_WAIT_MS);
          startTransition(() => router.refresh());
        }),
    });
    ownControls.current = controls;
    return () => {
      controls.stop();
      ownControls.current = null;
      // The thread is gone (its last comment was deleted): whoever waited goes on without it.
      settleWaiters(() => true);
    };
  }, [root, slug, t, router]);

  const controls = useRef<ThreadControls | null>(null);
  // The controls keep the function they were given; it speaks the page's current language.
  const translate = useRef(t);
  useLayoutEffect(() => {
    translate.current = t;
  });

  useEffect(() => setRoot(container.current), []);

  // Respect, the order, collapsing and long runs of replies: one module for this page and the framed thread.
  useEffect(() => {
    if (!root) return;
    const words: ThreadControlWords = (name, params) => translate.current(THREAD_CONTROL_MESSAGE_KEYS[name], params);
    const attached = attachThreadControls({ root: root.closest<HTMLElement>(".discussion") ?? root, storage: getBrowserStorage(), words });
    controls.current = attached;
    return () => {
      attached.detach();
      controls.current = null;
    };
  }, [root]);

  // Each new markup shows every comment unrespected: this browser's respects are applied again.
  useLayoutEffect(() => controls.current?.refresh(), [root, shown.version]);

  // A thread opened without an order goes to the one this reader chose last.
  useEffect(() => {
    if (root) followStoredSort(root.closest(".discussion") ?? root, getBrowserStorage());
  }, [root, pageHref]);

  // Focus follows the reader to what their action became, in view; the status region announces it too.
  useEffect(() => {
    if (focusOutcomeOf.current === null) return;
    const outcome = findActions(root, focusOutcomeOf.current)?.querySelector<HTMLElement>(".comment-actions-status > [tabindex]");
    if (!outcome) return;
    outcome.focus({ preventScroll: true });
    outcome.scrollIntoView({ block: "center" });
    focusOutcomeOf.current = null;
  }, [root, comments]);

  // A render whose markup this page does not have yet: fetch it, keeping the thread shown meanwhile.
  const hasCurrent = shown.renderId === renderId && shown.html !== null;
  useEffect(() => {
    if (hasCurrent) return;
    const controller = new AbortController();
    fetchThreadHtml(pageHref, controller.signal).then(
      (html) => {
        setLoadFailed(false);
        setShown((previous) => ({ html, renderId, version: previous.version + 1 }));
      },
      () => {
        if (!controller.signal.aborted) setLoadFailed(true);
      },
    );
    return () => controller.abort();
  }, [hasCurrent, pageHref, renderId]);

  // Each new markup of the thread gets the reader's Edit and Delete, and a refresh someone waited for is done.
  useLayoutEffect(() => {
    if (!hasCurrent) return;
    shownRenderId.current = shown.renderId;
    ownControls.current?.decorate();
    for (const waiter of refreshWaiters.current.filter((other) => other.fromRenderId !== shown.renderId)) {
      refreshWaiters.current.splice(refreshWaiters.current.indexOf(waiter), 1);
      waiter.resolve();
    }
  }, [root, hasCurrent, shown.renderId, shown.version]);

  // The static buttons say what is open, and Report goes once a report is in.
  useLayoutEffect(() => {
    for (const button of root?.querySelectorAll<HTMLButtonElement>("button[data-action]") ?? []) {
      const action = readAction(button);
      if (action === null) continue;
      const commentId = button.closest<HTMLElement>("[data-comment-actions]")?.dataset.commentId ?? "";
      const state = comments[commentId] ?? NOTHING_OPEN;
      if (action === "reply") button.setAttribute("aria-expanded", String(replyingTo === commentId));
      else {
        button.setAttribute("aria-expanded", String(state.isReporting));
        button.hidden = state.reportOutcome !== null;
      }
    }
  }, [root, comments, replyingTo, shown.version]);

  const update = (commentId: string, change: Partial<CommentState>) => setComments((previous) => ({ ...previous, [commentId]: { ...(previous[commentId] ?? NOTHING_OPEN), ...change } }));

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!(event.target instanceof Element)) return;
    const button = event.target.closest<HTMLButtonElement>("button[data-action]");
    const action = button ? readAction(button) : null;
    const actions = button?.closest<HTMLElement>("[data-comment-actions]");
    const commentId = actions?.dataset.commentId;
    if (!action || !actions || !commentId) return;
    const authorName = actions.dataset.authorName ?? "";
    if (action === "reply") {
      if (!commentsOpen) return;
      update(commentId, { authorName, posted: null });
      setReplyingTo(replyingTo === commentId ? null : commentId);
    } else {
      update(commentId, { authorName, isReporting: !(comments[commentId]?.isReporting ?? false) });
    }
  };

  const open = new Set([...Object.keys(comments), ...(replyingTo ? [replyingTo] : [])]);
  return (
    <>
      {loadFailed && shown.html === null ? (
        <p role="alert" className="form-alert">
          {withLink(t("reader.discussion.loadFailed"), "link", <a href={pageHref}>{t("reader.discussion.reload")}</a>)}
        </p>
      ) : null}
      {/* The markup is set once per render of the page; React leaves what is inside it alone. */}
      <div ref={container} {...{ [THREAD_ATTRIBUTE]: htmlKey ?? "" }} onClick={onClick} dangerouslySetInnerHTML={{ __html: shown.html ?? "" }} suppressHydrationWarning />
      {[...open].map((commentId) => {
        const state = comments[commentId] ?? NOTHING_OPEN;
        const { authorName } = state;
        return (
          <CommentPlaces key={commentId} root={root} commentId={commentId} version={shown.version} status={
            state.reportOutcome ? (
              <p className="report-outcome" tabIndex={-1}>
                {state.reportOutcome}
              </p>
            ) : state.posted ? (
              <PostedNotice posted={state.posted} locale={locale} />
            ) : null
          }>
            {state.isReporting ? (
              <ReportForm
                commentId={commentId}
                authorName={authorName}
                onCancel={() => {
                  update(commentId, { isReporting: false });
                  findButton(root, commentId, "report")?.focus();
                }}
                onReported={(message) => {
                  focusOutcomeOf.current = commentId;
                  update(commentId, { isReporting: false, reportOutcome: message });
                }}
              />
            ) : null}
            {replyingTo === commentId && commentsOpen ? (
              <CommentForm
                slug={slug}
                parentId={commentId}
                replyToName={authorName}
                autoFocus
                spamCheck={spamCheck}
                notifications={notifications}
                onCancel={() => {
                  setReplyingTo(null);
                  findButton(root, commentId, "reply")?.focus();
                }}
                onEscape={() => {
                  setReplyingTo(null);
                  findButton(root, commentId, "reply")?.focus();
                }}
                onPosted={(summary) => {
                  setReplyingTo(null);
                  focusOutcomeOf.current = commentId;
                  update(commentId, { posted: summary });
                }}
              />
            ) : null}
          </CommentPlaces>
        );
      })}
    </>
  );
}

/** A comment's status (what became of a report or a reply) and its panel (the open forms). */
function CommentPlaces({ root, commentId, version, status, children }: { root: HTMLElement | null; commentId: string; version: number; status: ReactNode; children: ReactNode }) {
  return (
    <>
      <InComment root={root} commentId={commentId} place="status" version={version}>
        {status}
      </InComment>
      <InComment root={root} commentId={commentId} place="panel" version={version}>
        {children}
      </InComment>
    </>
  );
}
