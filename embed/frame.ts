// The framed thread's script, served as /embed-frame.js. The thread and the
// form arrive as server-rendered HTML (components/embed/frame-document.tsx);
// this makes them work: posting and replying with the captcha and a draft
// kept in the browser, reporting, the frame's height reported to the host
// page, links that behave inside a frame, and a button when comments are
// published meanwhile. No framework: the reader downloads a few kilobytes.
// The server's schema judges every submission and names the field at fault
// (validation runs before the captcha is spent, so a mistake costs no token).
// Every word it shows comes from the page's settings blob (#frame-settings), in
// the frame's language, and every API call it makes carries `lang=` so the
// server's errors come back in that language too. Escape closes a reply or
// report form and returns to its button; a posted comment's notice takes the
// focus, in view. Respect, the order, collapsing and long runs of replies are
// components/comments/thread-controls.ts, as on the article page; the reader's
// own comments can be edited and deleted for a while, by the article page's
// own module (own-comment-controls.ts).
import { describeCaptchaQuestion, readCaptchaWords, splitCaptchaQuestion } from "../components/comments/captcha-question";
import { fetchCaptcha, postComment, postReport, type ApiError, type Captcha } from "../components/comments/comments-api";
import { clearDraft, getBrowserStorage, getInitialDraft, saveAuthor, saveDraft, type CommentDraft, type OwnPendingComment } from "../components/comments/draft-storage";
import { isInPageThread, keepIfHeld, readOwnPendingToShow, settleOwnPending } from "../components/comments/own-pending";
import { attachOwnCommentControls } from "../components/comments/own-comment-controls";
import { keepOwnComment } from "../components/comments/own-comments";
import { hasSpentCaptcha, placeServerError, SERVER_FIELDS } from "../components/comments/reader-messages";
import { NEW_COMMENT_CLASS } from "../components/comments/reveal-comment";
import { attachThreadControls, followStoredSort, type ThreadControls } from "../components/comments/thread-controls";
import { getAvatarHue, getAvatarInitials } from "../lib/format/avatar";
import { countNewComments } from "../components/live/new-comments";
import {
  createFrameTranslator,
  PUBLISHED_NOTE_KEY,
  readFrameSettings,
  readPublishedNote,
  renameIds,
  replyFormPrefix,
  reportFormPrefix,
  withFrameLanguage,
  type PublishedNote,
} from "./frame-core";
import { HEIGHT_MESSAGE_TYPE } from "./loader-core";

/** Tokens live 30 minutes on the server; a new question comes a little before that. */
const CAPTCHA_REFRESH_MS = 29 * 60 * 1000;
const DRAFT_SAVE_DELAY_MS = 400;
const ID_ATTRIBUTES = ["id", "for", "aria-describedby", "data-id-prefix"] as const;

const frameRoot = document.querySelector<HTMLElement>(".embed-frame");
const slug = frameRoot?.dataset.slug ?? "";
const storage = getBrowserStorage();
const settings = readFrameSettings(document.getElementById("frame-settings")?.textContent);
const t = createFrameTranslator(settings);

// The shared API helpers (components/comments/comments-api.ts) call fetch with this server's /api/v1 paths:
// in the frame each of them asks for the frame's language. (This document is the frame's own.)
const nativeFetch = window.fetch.bind(window);
window.fetch = (input, init) => nativeFetch(typeof input === "string" ? withFrameLanguage(input, settings.locale, window.location.href) : input, init);

type Child = Node | string | null | undefined | false;

/** A small element builder: text goes in as text, never as HTML. */
function h(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

function field<T extends HTMLElement = HTMLInputElement>(form: HTMLFormElement, name: string): T | null {
  return form.elements.namedItem(name) as T | null;
}

/** Every id in a cloned form renamed, so labels, hints and errors stay tied to their own fields. */
function renamePrefix(root: Element, to: string): void {
  const from = root.querySelector("[data-id-prefix]")?.getAttribute("data-id-prefix") ?? "";
  for (const element of [root, ...root.querySelectorAll("*")]) {
    for (const attribute of ID_ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value === null) continue;
      element.setAttribute(attribute, attribute === "data-id-prefix" ? to : renameIds(value, { from, to }));
    }
  }
}

/** A field's error under it (or none), announced with the field. */
function setFieldError(control: HTMLElement, message: string | undefined): void {
  const errorId = `${control.id}-error`;
  const container = control.closest(".field");
  container?.querySelector(`[id="${errorId}"]`)?.remove();
  const describedBy = (control.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id !== "" && id !== errorId);
  if (message === undefined) {
    control.removeAttribute("aria-invalid");
  } else {
    control.setAttribute("aria-invalid", "true");
    describedBy.push(errorId);
    container?.append(h("p", { id: errorId, class: "field-error" }, message));
  }
  if (describedBy.length > 0) control.setAttribute("aria-describedby", describedBy.join(" "));
  else control.removeAttribute("aria-describedby");
}

/** The alert over a form's buttons, or none. */
function setFormMessage(form: HTMLFormElement, message: string | null): void {
  form.querySelector(":scope > .form-alert")?.remove();
  if (message !== null) form.querySelector(":scope > .comment-form-actions")?.before(h("p", { role: "alert", class: "form-alert" }, message));
}

/** What became of a comment the reader just posted, as the article page shows it. (Focusable: it takes the focus once shown.) */
function postedNotice(posted: { id: string; status: "approved" | "pending"; message: string; body: string; authorName: string }): HTMLElement {
  const message = posted.message.trim();
  if (posted.status === "approved") {
    return h(
      "div",
      { class: "posted-notice posted-notice-approved", tabindex: "-1" },
      h("p", { class: "posted-notice-title" }, `${message || t("approvedTitle")} `, h("a", { href: `#comment-${posted.id}` }, t("seeIt"))),
    );
  }
  return h(
    "div",
    { class: "posted-notice posted-notice-pending", tabindex: "-1" },
    h("p", { class: "posted-notice-title" }, t("pendingTitle")),
    message !== "" && message !== t("pendingTitle") && h("p", { class: "posted-notice-message" }, message),
    pendingPreview(posted.authorName, posted.body),
  );
}

/** Moves the reader to a notice just shown (announced by its status region too), and into the host page's view. */
function focusNotice(notice: HTMLElement): void {
  notice.focus({ preventScroll: true });
  notice.scrollIntoView({ block: "nearest" });
}

/** One's own held comment as only its author sees it (PendingPreview on the article page). */
function pendingPreview(authorName: string, body: string): HTMLElement {
  return h(
    "article",
    { class: "comment posted-preview", "aria-label": t("ownPendingLabel") },
    h("span", { class: "avatar", "aria-hidden": "true", style: `background-color: hsl(${getAvatarHue(authorName)} 45% 42%)` }, getAvatarInitials(authorName)),
    h(
      "div",
      { class: "comment-main" },
      h("p", { class: "comment-meta" }, h("span", { class: "comment-author" }, authorName), h("span", { class: "posted-badge" }, t("pendingBadge"))),
      h("p", { class: "posted-preview-body" }, body),
    ),
  );
}

/** The reader's own held comments, from this browser: shown at once, then dropped as the server says each was decided. */
function showOwnPending(): void {
  const place = document.querySelector("[data-own-pending]");
  if (!place) return;
  const render = (comments: readonly OwnPendingComment[]) =>
    place.replaceChildren(
      ...(comments.length === 0
        ? []
        : [h("section", { class: "own-pending", "aria-label": t("ownPendingTitle") }, h("h2", { class: "own-pending-title" }, t("ownPendingTitle")), ...comments.map((comment) => pendingPreview(comment.authorName, comment.body)))]),
    );
  render(readOwnPendingToShow(storage, slug, isInPageThread));
  void settleOwnPending(storage, slug).then(render);
}

function showIn(status: Element | null | undefined, content: HTMLElement | null): void {
  status?.replaceChildren(...(content ? [content] : []));
}

/** Scrolls the host page too: the frame is as tall as its content, so only the parent can scroll. */
function bringIntoView(element: Element): void {
  element.scrollIntoView({ block: "center" });
}

interface CommentFormOptions {
  parentId?: string | undefined;
  /** Where a published or held reply is announced once its form has closed; a top-level form announces in its own status. */
  onPosted?: (notice: HTMLElement) => void;
}

/** Makes one comment form work: draft, captcha, submit. Returns a function that saves its draft and stops its timers. */
function enhanceCommentForm(wrap: HTMLElement, options: CommentFormOptions): () => void {
  const form = wrap.querySelector<HTMLFormElement>("form[data-comment-form]")!;
  const status = wrap.querySelector(".comment-form-status");
  const { parentId } = options;
  const inputs = {
    body: field<HTMLTextAreaElement>(form, "body")!,
    authorName: field(form, "authorName")!,
    authorEmail: field(form, "authorEmail")!,
    authorUrl: field(form, "authorUrl")!,
  };
  const answer = field(form, "captchaAnswer")!;
  const token = field(form, "captchaToken")!;
  const submit = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
  const captchaStatus = form.querySelector<HTMLElement>("[data-captcha-status]")!;
  const captchaRetry = form.querySelector<HTMLButtonElement>("[data-captcha-retry]")!;
  let captchaState: "ready" | "loading" | "failed" = token.value ? "ready" : "loading";
  let captchaRequest = 0;
  let refreshTimer = 0;
  let saveTimer = 0;
  let inFlight = false;

  const readDraft = (): CommentDraft => ({ body: inputs.body.value, authorName: inputs.authorName.value, authorEmail: inputs.authorEmail.value, authorUrl: inputs.authorUrl.value });
  const saveNow = () => {
    window.clearTimeout(saveTimer);
    saveDraft(storage, slug, parentId, readDraft());
  };

  // Restore the draft (or the remembered author) without overwriting what was typed before the script ran.
  const initial = getInitialDraft(storage, slug, parentId);
  for (const name of ["body", "authorName", "authorEmail", "authorUrl"] as const) {
    if (initial[name] !== "" && inputs[name].value === "") inputs[name].value = initial[name];
  }
  form.addEventListener("input", () => {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(saveNow, DRAFT_SAVE_DELAY_MS);
  });
  window.addEventListener("pagehide", saveNow);

  const showCaptcha = (captcha: Captcha | null) => {
    const parts = captcha ? splitCaptchaQuestion(captcha.question) : null;
    form.querySelector("[data-captcha-before]")!.textContent = parts?.before ?? "";
    form.querySelector("[data-captcha-after]")!.textContent = parts?.after ?? "";
    token.value = captcha?.token ?? "";
    answer.value = "";
    answer.readOnly = captcha === null;
    answer.setAttribute("aria-label", captcha ? describeCaptchaQuestion(captcha.question, readCaptchaWords(t), settings.locale) : t(captchaState === "failed" ? "captchaFailedLabel" : "captchaLoadingLabel"));
    captchaStatus.hidden = captcha !== null;
    captchaStatus.textContent = t(captchaState === "failed" ? "captchaFailed" : "captchaLoading");
    captchaRetry.hidden = captchaState !== "failed";
  };
  const refreshCaptcha = async () => {
    const request = ++captchaRequest;
    captchaState = "loading";
    showCaptcha(null);
    window.clearTimeout(refreshTimer);
    const result = await fetchCaptcha();
    // Only the latest request may set the question: answers can arrive out of order.
    if (request !== captchaRequest) return;
    captchaState = result.kind === "ok" ? "ready" : "failed";
    showCaptcha(result.kind === "ok" ? result.value : null);
    refreshTimer = window.setTimeout(() => void refreshCaptcha(), CAPTCHA_REFRESH_MS);
  };
  captchaRetry.addEventListener("click", () => void refreshCaptcha());
  if (captchaState === "ready") refreshTimer = window.setTimeout(() => void refreshCaptcha(), CAPTCHA_REFRESH_MS);
  else void refreshCaptcha();

  const setBusy = (busy: boolean) => {
    inFlight = busy;
    form.setAttribute("aria-busy", String(busy));
    submit.disabled = busy;
    submit.textContent = busy ? t("posting") : (submit.dataset.submitLabel ?? t("submit"));
    for (const control of [...Object.values(inputs), answer]) control.readOnly = busy || (control === answer && captchaState !== "ready");
  };
  const showServerError = (error: ApiError) => {
    const placed = placeServerError(error, t);
    for (const name of SERVER_FIELDS) {
      const control = field(form, name);
      if (control) setFieldError(control, placed.fields[name]);
    }
    setFormMessage(form, placed.formMessage);
    if (placed.focus) field(form, placed.focus)?.focus();
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // Saved before anything can fail, so the text survives whatever happens next.
    saveNow();
    if (inFlight) return;
    setFormMessage(form, null);
    for (const name of SERVER_FIELDS) setFieldError(field(form, name)!, undefined);
    if (captchaState !== "ready") {
      setFormMessage(form, t(captchaState === "loading" ? "captchaStillLoading" : "captchaCouldNotLoad"));
      return;
    }
    void send();
  });

  const send = async () => {
    setBusy(true);
    showIn(status, null);
    const draft = readDraft();
    saveAuthor(storage, { authorName: draft.authorName.trim(), authorEmail: draft.authorEmail.trim(), authorUrl: draft.authorUrl.trim() });
    const result = await postComment(slug, {
      ...draft,
      authorUrl: draft.authorUrl.trim() === "" ? undefined : draft.authorUrl,
      parentId,
      captchaToken: token.value,
      captchaAnswer: answer.value,
      website: field(form, "website")?.value ?? "",
      // The boxes are drawn only when the site sends mail; without them the API hears nothing of notifications.
      ...(field(form, "notifyReplies") ? { notifyReplies: field(form, "notifyReplies")!.checked, followThread: field(form, "followThread")?.checked === true } : {}),
    });
    setBusy(false);
    // An attempt that reached the captcha check used up its token, whatever the answer.
    if (result.kind !== "error" || hasSpentCaptcha(result.error)) void refreshCaptcha();
    if (result.kind === "network") {
      setFormMessage(form, t("networkFailure"));
      return;
    }
    if (result.kind === "error") {
      showServerError(result.error);
      return;
    }
    clearDraft(storage, slug, parentId);
    keepIfHeld(storage, slug, result.value, { body: draft.body.trim(), authorName: draft.authorName.trim(), parentId });
    keepOwnComment(storage, slug, result.value, { body: draft.body.trim(), authorName: draft.authorName.trim(), parentId });
    inputs.body.value = "";
    if (result.value.status === "approved") {
      // The thread is static HTML: the frame reloads to show the comment, and says so once it has.
      const note: PublishedNote = { id: result.value.id, message: result.value.message, parentId };
      try {
        window.sessionStorage.setItem(PUBLISHED_NOTE_KEY, JSON.stringify(note));
      } catch {
        // Without session storage the reader still lands on their comment.
      }
      window.history.replaceState(null, "", `#comment-${result.value.id}`);
      window.location.reload();
      return;
    }
    const notice = postedNotice({ ...result.value, body: draft.body.trim(), authorName: draft.authorName.trim() });
    if (options.onPosted) options.onPosted(notice);
    else showIn(status, notice);
    // Post was pressed at the foot of the form: the outcome takes the focus and is brought into view.
    focusNotice(notice);
  };

  return () => {
    saveNow();
    window.clearTimeout(refreshTimer);
    window.removeEventListener("pagehide", saveNow);
  };
}

/** The top-level form as the server drew it, kept before the script touches it: reply forms are copies. */
const pristineForm = document.querySelector<HTMLElement>("[data-comment-form-wrap]")?.cloneNode(true) as HTMLElement | undefined;
let openReply: { commentId: string; button: HTMLButtonElement; wrap: HTMLElement; stop: () => void } | null = null;

function closeReply(focusButton: boolean): void {
  if (!openReply) return;
  const { button, wrap, stop } = openReply;
  openReply = null;
  stop();
  wrap.remove();
  button.setAttribute("aria-expanded", "false");
  if (focusButton) button.focus();
}

function toggleReply(actions: HTMLElement, button: HTMLButtonElement): void {
  const commentId = actions.dataset.commentId ?? "";
  const wasOpen = openReply?.commentId === commentId;
  closeReply(false);
  if (wasOpen || !pristineForm) return;
  const authorName = actions.dataset.authorName ?? "";
  const wrap = pristineForm.cloneNode(true) as HTMLElement;
  renamePrefix(wrap, replyFormPrefix(commentId));
  wrap.classList.add("comment-form-reply");
  const form = wrap.querySelector("form")!;
  form.setAttribute("aria-label", t("replyFormLabel", { name: authorName }));
  const submit = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
  submit.dataset.submitLabel = t("submitReply");
  submit.textContent = t("submitReply");
  field<HTMLTextAreaElement>(form, "body")!.rows = 5;
  field(form, "captchaToken")!.value = "";
  const cancel = form.querySelector<HTMLButtonElement>("[data-cancel-reply]")!;
  cancel.hidden = false;
  cancel.addEventListener("click", () => closeReply(true));
  wrap.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    closeReply(true);
  });
  const status = actions.querySelector(".comment-actions-status");
  showIn(status, null);
  actions.append(wrap);
  const stop = enhanceCommentForm(wrap, {
    parentId: commentId,
    onPosted: (notice) => {
      closeReply(false);
      showIn(status, notice);
    },
  });
  openReply = { commentId, button, wrap, stop };
  button.setAttribute("aria-expanded", "true");
  field<HTMLTextAreaElement>(form, "body")!.focus();
}

function toggleReport(actions: HTMLElement, button: HTMLButtonElement): void {
  const existing = actions.querySelector("form[data-report-form]");
  if (existing) {
    existing.remove();
    button.setAttribute("aria-expanded", "false");
    return;
  }
  const template = document.querySelector<HTMLTemplateElement>("template[data-report-template]");
  const form = template?.content.firstElementChild?.cloneNode(true) as HTMLFormElement | undefined;
  if (!form) return;
  const commentId = actions.dataset.commentId ?? "";
  renamePrefix(form, reportFormPrefix(commentId));
  form.setAttribute("aria-label", t("reportFormLabel", { name: actions.dataset.authorName ?? "" }));
  const reasons = form.querySelector("fieldset")!;
  const close = () => {
    form.remove();
    button.setAttribute("aria-expanded", "false");
    button.focus();
  };
  form.querySelector("[data-cancel-report]")?.addEventListener("click", close);
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    close();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void sendReport();
  });
  const sendReport = async () => {
    setFormMessage(form, null);
    reasons.querySelector(".field-error")?.remove();
    const reason = (form.querySelector<HTMLInputElement>("input[name=reason]:checked")?.value ?? "") as Parameters<typeof postReport>[1]["reason"];
    if (!reason) {
      reasons.append(h("p", { class: "field-error" }, t("chooseReason")));
      form.querySelector<HTMLInputElement>("input[name=reason]")?.focus();
      return;
    }
    const note = field<HTMLTextAreaElement>(form, "note")?.value.trim() ?? "";
    const submit = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
    submit.disabled = true;
    const result = await postReport(commentId, { reason, ...(note ? { note } : {}) });
    submit.disabled = false;
    const outcome = result.kind === "ok" ? t("reportThanks") : result.kind === "error" && (result.error.code === "duplicate" || result.error.status === 409) ? t("reportDuplicate") : null;
    if (outcome === null) {
      setFormMessage(form, result.kind === "network" ? t("reportNetworkFailure") : result.kind === "error" ? result.error.message : null);
      return;
    }
    form.remove();
    button.remove();
    // The Report button is gone: the outcome takes the focus, so keyboard users are not dropped at the top of the page.
    const said = h("p", { class: "report-outcome", tabindex: "-1" }, outcome);
    showIn(actions.querySelector(".comment-actions-status"), said);
    said.focus();
  };
  actions.append(form);
  button.setAttribute("aria-expanded", "true");
  form.querySelector<HTMLInputElement>("input[name=reason]")?.focus();
}

/** The element a same-frame fragment link points at, if the link is one. */
function getFragmentTarget(url: URL): HTMLElement | null {
  if (url.origin !== window.location.origin || url.pathname !== window.location.pathname || url.search !== window.location.search || url.hash.length < 2) return null;
  try {
    return document.getElementById(decodeURIComponent(url.hash.slice(1)));
  } catch {
    return null;
  }
}

/**
 * Clicks inside the frame, made to behave as a reader expects under the host's
 * article: Reply and Report open their forms; links that leave the thread (an
 * author's website, a link in a comment, the guidelines) open in a new tab
 * instead of replacing the discussion; links with a target of their own
 * (permalinks to the host page) keep it; paging stays in the frame; a jump to
 * a comment ("in reply to") scrolls the host page too.
 */
function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || !(event.target instanceof Element)) return;
  const button = event.target.closest<HTMLButtonElement>("button[data-action]");
  const actions = button?.closest<HTMLElement>("[data-comment-actions]");
  if (button && actions) {
    // Other actions (Respect, …) are answered by their own scripts.
    if (button.dataset.action === "reply") toggleReply(actions, button);
    else if (button.dataset.action === "report") toggleReport(actions, button);
    return;
  }
  const anchor = event.target.closest("a[href]");
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute("target") || anchor.hasAttribute("download")) return;
  const url = new URL(anchor.href, window.location.href);
  const fragmentTarget = getFragmentTarget(url);
  if (fragmentTarget) {
    // After the browser's own fragment navigation (which sets :target), bring the comment into the reader's view.
    window.setTimeout(() => bringIntoView(fragmentTarget), 0);
    return;
  }
  if (url.origin === window.location.origin && url.pathname === window.location.pathname) return;
  anchor.target = "_blank";
  if (!anchor.relList.contains("noopener")) anchor.relList.add("noopener");
}

/**
 * Tells the host page how tall the thread is, on load and on every change (a
 * reply form opened, a notice shown), so the frame never scrolls on its own.
 * Posted only to the embedding page's origin as the server checked it.
 */
function reportHeight(parentOrigin: string): void {
  if (window.parent === window || !parentOrigin) return;
  const root = document.documentElement;
  let lastHeight = -1;
  const report = () => {
    // The root's box is as tall as its content (scrollHeight never shrinks below the frame's own height).
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE_TYPE, height }, parentOrigin);
  };
  new ResizeObserver(report).observe(root);
  window.addEventListener("load", report);
  report();
}

/** After the reload that follows a published comment: say so where it was written, and show it (fetching the run of replies that holds it, if need be). */
function showPublishedNote(controls: ThreadControls | null): void {
  let note: PublishedNote | null = null;
  try {
    note = readPublishedNote(window.sessionStorage.getItem(PUBLISHED_NOTE_KEY));
    window.sessionStorage.removeItem(PUBLISHED_NOTE_KEY);
  } catch {
    return;
  }
  if (!note) return;
  const status = note.parentId
    ? document.querySelector(`[data-comment-actions][data-comment-id="${CSS.escape(note.parentId)}"] .comment-actions-status`)
    : document.querySelector("[data-comment-form-wrap] .comment-form-status");
  const notice = postedNotice({ id: note.id, status: "approved", message: note.message, body: "", authorName: "" });
  showIn(status, notice);
  const show = (comment: HTMLElement) => {
    comment.classList.add(NEW_COMMENT_CLASS);
    window.setTimeout(() => bringIntoView(comment), 0);
  };
  // The notice takes the focus (its link leads to the comment); the comment itself is what is shown.
  notice.focus({ preventScroll: true });
  const comment = document.getElementById(`comment-${note.id}`);
  if (comment) {
    show(comment);
    return;
  }
  focusNotice(notice);
  void controls?.showComment(note.id).then((found) => {
    if (found) show(found);
  });
}

/**
 * Live updates: while the frame is visible, the thread's event stream says how
 * many comments are published; when that is more than the page shows, a
 * button laid over the top of the thread offers them (nothing the reader is
 * reading moves). The stream pauses while the tab is hidden and reconnects after a
 * network loss (EventSource retries by itself; a closed stream is reopened).
 */
function followThread(): void {
  if (!frameRoot || !slug || typeof EventSource === "undefined") return;
  const renderedCount = Number(frameRoot.dataset.commentCount ?? "0");
  const discussion = frameRoot.querySelector(".discussion");
  let source: EventSource | null = null;
  let button: HTMLButtonElement | null = null;
  let retryTimer = 0;

  const showNew = (count: number) => {
    if (count === 0) return;
    if (!button) {
      button = h("button", { type: "button", class: "live-new-comments" }) as HTMLButtonElement;
      button.addEventListener("click", () => window.location.reload());
      discussion?.append(h("div", { role: "status", class: "live-new-comments-status" }, button));
    }
    button.textContent = t("newComments", { count });
  };
  const open = () => {
    if (source || document.visibilityState === "hidden") return;
    source = new EventSource(withFrameLanguage(`/api/v1/articles/${encodeURIComponent(slug)}/events`, settings.locale, window.location.href));
    frameRoot.dataset.liveState = "live";
    source.addEventListener("thread", (event) => {
      try {
        showNew(countNewComments(renderedCount, (JSON.parse((event as MessageEvent<string>).data) as { commentCount?: unknown }).commentCount));
      } catch {
        // A malformed message changes nothing.
      }
    });
    source.addEventListener("error", () => {
      if (source?.readyState !== EventSource.CLOSED) return;
      close();
      retryTimer = window.setTimeout(open, 5000);
    });
  };
  const close = () => {
    window.clearTimeout(retryTimer);
    source?.close();
    source = null;
    frameRoot.dataset.liveState = "paused";
  };
  document.addEventListener("visibilitychange", () => (document.visibilityState === "hidden" ? close() : open()));
  window.addEventListener("online", () => {
    close();
    open();
  });
  open();
}

const discussion = document.querySelector<HTMLElement>(".embed-discussion");
// A thread opened without an order goes to the one this reader chose last (leaving at once: what starts below goes with the page).
if (discussion) followStoredSort(discussion, storage);
const controls = discussion ? attachThreadControls({ root: discussion, storage, words: (name, params) => t(`engagement.${name}`, params) }) : null;
const topForm = document.querySelector<HTMLElement>("[data-comment-form-wrap]");
if (topForm) enhanceCommentForm(topForm, {});
document.addEventListener("click", onClick, true);
reportHeight(frameRoot?.dataset.parentOrigin ?? "");
showPublishedNote(controls);
showOwnPending();
if (frameRoot) {
  attachOwnCommentControls({
    root: frameRoot,
    slug,
    storage,
    t,
    // No client-side check of the new text: the schema library would outweigh this whole script, so the server's answer (the same schema) says what is wrong, under the field.
    // The thread is static HTML rendered for the embedding page: after a change the frame reloads, as after a post, and the outcome is said from the note kept meanwhile.
    refreshThread: () => {
      window.location.reload();
      return new Promise<void>(() => undefined);
    },
  });
}
followThread();
