// Editing and deleting one's own comment, written once for the article page
// (static-thread.tsx) and the framed thread (embed/frame.ts): both show the
// thread as static markup, and this adds Edit and Delete to the actions of
// each comment this browser posted while its window lasts (draft-storage.ts
// keeps them), with an inline edit form and an inline confirmation. No
// framework: the frame's script stays small. Every word comes through the
// host's translator by catalog key (the frame's carries these keys by name:
// lib/embed/frame-script-messages.ts), and text only ever goes in as text.
// After a change the host brings the thread as the server now renders it
// (the page fetches its markup, the frame reloads), and the outcome is said
// where the comment stands, or stood, and takes the focus.
import { VALIDATION_MESSAGE_PARAMS } from "../../lib/validation/message-params";
import { COMMENT_LIMITS } from "../../lib/validation/comment-limits";
import { deleteComment, editComment } from "./comments-api";
import { forgetOwnComment, forgetOwnPending, readOwnComments, rememberOwnComment, rememberOwnPending, type DraftStorage, type OwnComment } from "./draft-storage";
import { OWN_PENDING_CHANGED_EVENT } from "./own-pending";
import { findControllableComments, getNextExpiryDelay, judgeDeleteAnswer, judgeEditAnswer, OUTCOME_NOTE_KEY, readOutcomeNote, type OwnCommentOutcome } from "./own-comments";
import type { MessageWriter } from "./reader-messages";
import { isHiddenInRun, REPLIES_SHOWN_EVENT, requestCommentReveal } from "./thread-controls";

/** What the page or the frame gives the controls. */
export interface OwnCommentHost {
  /** Holds the thread's markup; its comments are looked up in it, and its clicks are listened to. */
  root: HTMLElement;
  slug: string;
  storage: DraftStorage | null;
  /** Writes a catalog key in the page's language. */
  t: MessageWriter;
  /** Checks the new text as the server will (the comment schema), giving the message to show, or null; without it the server's answer says. */
  checkBody?: ((body: string) => string | null) | undefined;
  /** Brings the thread as the server renders it now; resolves once it is shown (the frame reloads instead, and never resolves). */
  refreshThread: () => Promise<void>;
}

/** The controls once attached. */
export interface OwnCommentControls {
  /** Adds Edit and Delete where they belong and removes them where the window has passed: after every new markup of the thread. */
  decorate: () => void;
  /** Says what became of a change once the refreshed thread shows it (after a reload too). */
  showOutcome: () => void;
  /** Stops listening and timing. */
  stop: () => void;
}

/** `setTimeout` cannot wait longer than this (about 24.8 days); windows are at most a day. */
const MAX_TIMER_MS = 2_147_483_647;

type Child = Node | string | null | undefined | false;

/** A small element builder: text goes in as text, never as HTML. */
function h(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

function button(label: string, attributes: Record<string, string>): HTMLButtonElement {
  return h("button", { type: "button", ...attributes }, label) as HTMLButtonElement;
}

/** Ids are made from comment ids, which may hold any character an import brought. */
function idPart(commentId: string): string {
  return commentId.replace(/[^A-Za-z0-9_-]/g, "_");
}

function byCommentId(root: ParentNode, commentId: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[id="comment-${CSS.escape(commentId)}"]`);
}

function findActions(root: ParentNode, commentId: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-comment-actions][data-comment-id="${CSS.escape(commentId)}"]`);
}

function findOwnButton(actions: HTMLElement | null, action: "edit" | "delete"): HTMLButtonElement | null {
  return actions?.querySelector<HTMLButtonElement>(`button[data-own-action="${action}"]`) ?? null;
}

/** Where a comment stands in the markup: the comment before it in its list. */
function findPreviousId(item: Element | null): string | null {
  let sibling = item?.previousElementSibling ?? null;
  while (sibling && !sibling.id.startsWith("comment-")) sibling = sibling.previousElementSibling;
  return sibling ? sibling.id.slice("comment-".length) : null;
}

/** A message under a field (or none), announced with it. */
function setFieldError(control: HTMLElement, message: string | null | undefined): void {
  const errorId = `${control.id}-error`;
  const container = control.closest(".field");
  container?.querySelector(`[id="${CSS.escape(errorId)}"]`)?.remove();
  const describedBy = (control.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id !== "" && id !== errorId);
  if (message) {
    control.setAttribute("aria-invalid", "true");
    describedBy.push(errorId);
    container?.append(h("p", { id: errorId, class: "field-error" }, message));
  } else {
    control.removeAttribute("aria-invalid");
  }
  if (describedBy.length > 0) control.setAttribute("aria-describedby", describedBy.join(" "));
  else control.removeAttribute("aria-describedby");
}

/** The alert over a form's (or a confirmation's) buttons, or none. */
function setAlert(container: HTMLElement, message: string | null): void {
  container.querySelector(":scope > .form-alert")?.remove();
  if (message) container.querySelector(":scope > .comment-form-actions")?.before(h("p", { role: "alert", class: "form-alert" }, message));
}

/** Moves the reader to what their action became, in view (the host page scrolls too when framed). */
function focusOutcome(element: HTMLElement): void {
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: "center" });
}

function readSession(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Attaches Edit and Delete to the reader's own comments in `host.root`; see the file's comment. */
export function attachOwnCommentControls(host: OwnCommentHost): OwnCommentControls {
  const { root, slug, storage, t } = host;
  let expiryTimer = 0;
  let isStopped = false;

  const isShown = (id: string) => byCommentId(root, id) !== null && findActions(root, id) !== null;
  const readOwn = (id: string): OwnComment | undefined => readOwnComments(storage, slug).find((comment) => comment.id === id);

  /** A sentence in the comment's status region, focusable so that it can take the focus. */
  const say = (actions: HTMLElement, message: string, takeFocus: boolean) => {
    const status = actions.querySelector<HTMLElement>(".comment-actions-status");
    if (!status) return;
    status.querySelector(":scope > .own-comment-outcome")?.remove();
    const note = h("p", { class: "own-comment-outcome", tabindex: "-1" }, message);
    status.append(note);
    if (takeFocus) focusOutcome(note);
  };

  // --- Edit -------------------------------------------------------------------------------------

  const closeEdit = (actions: HTMLElement, returnFocus: boolean) => {
    const article = actions.closest("article") ?? actions.parentElement;
    const form = article?.querySelector<HTMLElement>("[data-own-edit]");
    if (!form) return;
    form.remove();
    const body = article?.querySelector<HTMLElement>(".comment-body");
    if (body) body.hidden = false;
    const edit = findOwnButton(actions, "edit");
    edit?.setAttribute("aria-expanded", "false");
    if (!returnFocus) return;
    if (edit) edit.focus();
    // The window closed while the form was open: the reader is told so where Edit was.
    else say(actions, t("reader.ownComment.closed"), true);
  };

  const openEdit = (comment: OwnComment, actions: HTMLElement, edit: HTMLButtonElement) => {
    closeConfirm(actions, false);
    const article = actions.closest("article") ?? actions.parentElement;
    const body = article?.querySelector<HTMLElement>(".comment-body");
    if (!article || !body) return;
    const prefix = `edit-${idPart(comment.id)}`;
    const textarea = h("textarea", {
      id: `${prefix}-body`,
      name: "body",
      rows: "5",
      "aria-required": "true",
      maxlength: String(COMMENT_LIMITS.bodyMax),
      "aria-describedby": `${prefix}-body-hint`,
    }) as HTMLTextAreaElement;
    textarea.value = comment.body;
    const save = button(t("reader.ownComment.save"), { type: "submit", class: "button button-primary", "data-own-save": "" });
    const cancel = button(t("common.cancel"), { class: "button" });
    const form = h(
      "form",
      { class: "comment-form own-comment-edit", novalidate: "", "aria-label": t("reader.ownComment.formLabel"), "data-own-edit": "" },
      h(
        "div",
        { class: "field" },
        h("label", { class: "field-label", for: textarea.id }, t("reader.ownComment.bodyLabel")),
        textarea,
        h("p", { id: `${prefix}-body-hint`, class: "field-hint" }, t("form.bodyHint", VALIDATION_MESSAGE_PARAMS)),
      ),
      h("div", { class: "comment-form-actions" }, save, cancel),
      h("p", { class: "comment-form-note" }, t("reader.ownComment.recheckNote")),
    ) as HTMLFormElement;
    let isBusy = false;
    const setBusy = (busy: boolean) => {
      isBusy = busy;
      form.setAttribute("aria-busy", String(busy));
      save.disabled = busy;
      save.textContent = t(busy ? "reader.ownComment.saving" : "reader.ownComment.save");
      textarea.readOnly = busy;
    };

    cancel.addEventListener("click", () => closeEdit(actions, true));
    form.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      closeEdit(actions, true);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!isBusy) void send();
    });

    const send = async () => {
      setAlert(form, null);
      setFieldError(textarea, null);
      const text = textarea.value;
      const problem = host.checkBody?.(text) ?? null;
      if (problem !== null) {
        setFieldError(textarea, problem);
        textarea.focus();
        return;
      }
      // The token is read again: another tab may have changed or deleted the comment meanwhile.
      const current = readOwn(comment.id);
      if (!current) {
        retire(comment.id);
        return;
      }
      setBusy(true);
      const verdict = judgeEditAnswer(await editComment(current.id, current.editToken, text.trim()), t);
      if (verdict.kind === "network" || verdict.kind === "refused") {
        setBusy(false);
        if (verdict.kind === "network") setAlert(form, t("reader.ownComment.networkFailure"));
        else {
          setFieldError(textarea, verdict.placed.fields.body);
          setAlert(form, verdict.placed.formMessage);
        }
        textarea.focus();
        return;
      }
      if (verdict.kind === "closed") {
        setBusy(false);
        forgetOwnComment(storage, current.id);
        retire(current.id);
        return;
      }
      const edited = { ...current, body: text.trim() };
      rememberOwnComment(storage, edited);
      if (verdict.kind === "held") {
        // Only its author sees it now: kept as their own held comment, as one held at posting is (own-pending.ts).
        rememberOwnPending(storage, slug, { id: edited.id, editToken: edited.editToken, body: edited.body, authorName: edited.authorName, parentId: edited.parentId, postedAt: new Date().toISOString() });
      }
      await finish({ kind: verdict.kind, id: edited.id, slug, previousId: findPreviousId(byCommentId(root, edited.id)), parentId: edited.parentId, savedAt: Date.now() });
    };

    body.hidden = true;
    body.after(form);
    edit.setAttribute("aria-expanded", "true");
    textarea.focus();
  };

  // --- Delete -----------------------------------------------------------------------------------

  const closeConfirm = (actions: HTMLElement, returnFocus: boolean) => {
    const confirm = actions.querySelector<HTMLElement>("[data-own-confirm]");
    if (!confirm) return;
    confirm.remove();
    const remove = findOwnButton(actions, "delete");
    remove?.setAttribute("aria-expanded", "false");
    if (!returnFocus) return;
    if (remove) remove.focus();
    else say(actions, t("reader.ownComment.closed"), true);
  };

  const openConfirm = (comment: OwnComment, actions: HTMLElement, remove: HTMLButtonElement) => {
    closeEdit(actions, false);
    const questionId = `delete-${idPart(comment.id)}-question`;
    const yes = button(t("reader.ownComment.confirmDelete"), { class: "button button-danger" });
    const keep = button(t("reader.ownComment.keep"), { class: "button" });
    const confirm = h(
      "div",
      { class: "own-comment-confirm", role: "group", "aria-labelledby": questionId, "data-own-confirm": "" },
      h("p", { id: questionId, class: "own-comment-confirm-question" }, t("reader.ownComment.confirmQuestion")),
      h("div", { class: "comment-form-actions" }, yes, keep),
    );
    keep.addEventListener("click", () => closeConfirm(actions, true));
    confirm.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      closeConfirm(actions, true);
    });
    yes.addEventListener("click", () => {
      if (!yes.disabled) void send();
    });

    const send = async () => {
      setAlert(confirm, null);
      const current = readOwn(comment.id);
      if (!current) {
        retire(comment.id);
        return;
      }
      yes.disabled = true;
      yes.textContent = t("reader.ownComment.deleting");
      const verdict = judgeDeleteAnswer(await deleteComment(current.id, current.editToken));
      if (verdict.kind === "network" || verdict.kind === "refused") {
        yes.disabled = false;
        yes.textContent = t("reader.ownComment.confirmDelete");
        setAlert(confirm, verdict.kind === "network" ? t("reader.ownComment.deleteNetworkFailure") : verdict.message);
        yes.focus();
        return;
      }
      forgetOwnComment(storage, current.id);
      if (verdict.kind === "closed") {
        retire(current.id);
        return;
      }
      forgetOwnPending(storage, slug, current.id);
      await finish({ kind: "deleted", id: current.id, slug, previousId: findPreviousId(byCommentId(root, current.id)), parentId: current.parentId, savedAt: Date.now() });
    };

    remove.closest(".comment-actions-bar")?.after(confirm);
    remove.setAttribute("aria-expanded", "true");
    // The least destructive choice takes the focus; the group's name asks the question.
    keep.focus();
  };

  // --- After a change ---------------------------------------------------------------------------

  /** Keeps the outcome where a reload cannot lose it, brings the thread as it is now, and says it. */
  const finish = async (outcome: OwnCommentOutcome) => {
    try {
      readSession()?.setItem(OUTCOME_NOTE_KEY, JSON.stringify(outcome));
    } catch {
      // Without session storage the change is still shown; only the sentence about it is lost in the frame.
    }
    await host.refreshThread();
    if (outcome.kind === "held") window.dispatchEvent(new Event(OWN_PENDING_CHANGED_EVENT));
    showOutcome();
  };

  /** Where the sentence goes when the comment has left the thread: where it stood, else over the thread. */
  const placeGoneNote = (outcome: OwnCommentOutcome, note: HTMLElement): boolean => {
    const previous = outcome.previousId ? byCommentId(root, outcome.previousId) : null;
    if (previous) {
      previous.after(h("li", { class: "comment-item own-comment-gone" }, note));
      return true;
    }
    const parent = outcome.parentId ? byCommentId(root, outcome.parentId) : null;
    if (parent) {
      const replies = parent.querySelector(":scope > .comment-replies");
      if (replies) replies.prepend(h("li", { class: "comment-item own-comment-gone" }, note));
      else parent.append(h("div", { class: "own-comment-gone" }, note));
      return true;
    }
    const thread = outcome.parentId ? null : root.querySelector(".comment-thread");
    if (thread) {
      thread.prepend(h("li", { class: "comment-item own-comment-gone" }, note));
      return true;
    }
    return false;
  };

  const outcomeKeys = { updated: "reader.ownComment.updated", held: "reader.ownComment.held", deleted: "reader.ownComment.deleted" } as const;

  /** The comment asked of the thread controls, while it is fetched from a run of replies (once per note). */
  let revealing: string | null = null;

  const showOutcome = () => {
    const session = readSession();
    let outcome: OwnCommentOutcome | null = null;
    try {
      outcome = readOutcomeNote(session?.getItem(OUTCOME_NOTE_KEY) ?? null, slug);
    } catch {
      return;
    }
    if (!outcome) return;
    // The comment (or where it stood) may be in a long run of replies the new markup holds back: fetched first, then said (see onRepliesShown).
    const anchor = [outcome.id, outcome.previousId].find((id) => id !== null && isHiddenInRun(id));
    if (anchor && revealing !== anchor) {
      revealing = anchor;
      requestCommentReveal(anchor);
      return;
    }
    revealing = null;
    try {
      session?.removeItem(OUTCOME_NOTE_KEY);
    } catch {
      // A note left behind goes stale within a minute.
    }
    const message = t(outcomeKeys[outcome.kind]);
    // A thread no longer in the document (the page's, once its last comment went) still holds its old markup: it is not looked in.
    const item = root.isConnected ? byCommentId(root, outcome.id) : null;
    const actions = item ? findActions(item, outcome.id) : null;
    if (actions) {
      // Still in the thread: edited in place, or "[deleted]" over the replies it keeps.
      say(actions, message, true);
      return;
    }
    const note = h("p", { class: "own-comment-outcome", tabindex: "-1" }, message);
    if (item) (item.querySelector(".comment-main") ?? item).append(note);
    else if (!root.isConnected || !placeGoneNote(outcome, note)) {
      // No thread left to say it in (the last comment went): under the discussion's heading, the same place on the page and in the frame.
      const head = document.querySelector(".discussion-head");
      if (!head) return;
      note.setAttribute("role", "status");
      head.after(note);
    }
    focusOutcome(note);
  };

  // --- Decorating the thread --------------------------------------------------------------------

  /** The window has passed (or the server said the comment can no longer change): Edit and Delete go, and the reader is told where they were. */
  const retire = (id: string) => {
    const actions = findActions(root, id);
    if (!actions) return;
    const confirm = actions.querySelector("[data-own-confirm]");
    const wasUsing = [...actions.querySelectorAll("[data-own-action]"), confirm].some((element) => element?.contains(document.activeElement));
    for (const control of actions.querySelectorAll("[data-own-action]")) control.remove();
    confirm?.remove();
    const form = actions.closest("article")?.querySelector<HTMLElement>("[data-own-edit]");
    if (form) {
      // The reader's new text stays in the box to copy; only Save goes.
      form.querySelector("[data-own-save]")?.remove();
      setAlert(form, t("reader.ownComment.closed"));
      return;
    }
    // Buttons nobody was using just go; a reader who was using them is told why.
    if (wasUsing || confirm) say(actions, t("reader.ownComment.closed"), wasUsing);
  };

  const addButtons = (comment: OwnComment) => {
    const actions = findActions(root, comment.id);
    const bar = actions?.querySelector(".comment-actions-bar");
    if (!actions || !bar || findOwnButton(actions, "edit")) return;
    bar.append(
      button(t("reader.ownComment.edit"), { class: "comment-action", "aria-label": t("reader.ownComment.editLabel"), "aria-expanded": "false", "data-own-action": "edit" }),
      button(t("reader.ownComment.delete"), { class: "comment-action", "aria-label": t("reader.ownComment.deleteLabel"), "aria-expanded": "false", "data-own-action": "delete" }),
    );
  };

  const decorate = () => {
    if (isStopped) return;
    const own = findControllableComments(storage, slug, isShown);
    for (const control of root.querySelectorAll<HTMLElement>('[data-own-action="edit"]')) {
      const id = control.closest<HTMLElement>("[data-comment-actions]")?.dataset.commentId ?? "";
      if (!own.has(id)) retire(id);
    }
    for (const comment of own.values()) addButtons(comment);
    window.clearTimeout(expiryTimer);
    const delay = getNextExpiryDelay(own.values());
    // A little after the first window closes, the thread is looked at again.
    if (delay !== null) expiryTimer = window.setTimeout(decorate, Math.min(delay + 250, MAX_TIMER_MS));
  };

  const onClick = (event: MouseEvent) => {
    if (!(event.target instanceof Element)) return;
    const control = event.target.closest<HTMLButtonElement>("button[data-own-action]");
    const actions = control?.closest<HTMLElement>("[data-comment-actions]");
    const id = actions?.dataset.commentId;
    if (!control || !actions || !id || !root.contains(control)) return;
    const comment = readOwn(id);
    if (!comment) {
      retire(id);
      return;
    }
    if (control.dataset.ownAction === "edit") {
      if (control.getAttribute("aria-expanded") === "true") closeEdit(actions, true);
      else openEdit(comment, actions, control);
    } else if (control.getAttribute("aria-expanded") === "true") closeConfirm(actions, true);
    else openConfirm(comment, actions, control);
  };

  // Replies fetched into the thread ("Show N more replies") may be the reader's own, or the comment an outcome is about.
  const onRepliesShown = () => {
    decorate();
    if (revealing !== null) showOutcome();
  };

  root.addEventListener("click", onClick);
  document.addEventListener(REPLIES_SHOWN_EVENT, onRepliesShown);
  decorate();
  showOutcome();
  return {
    decorate,
    showOutcome,
    stop: () => {
      isStopped = true;
      window.clearTimeout(expiryTimer);
      root.removeEventListener("click", onClick);
      document.removeEventListener(REPLIES_SHOWN_EVENT, onRepliesShown);
    },
  };
}
