// Brings a just-published comment into view once the refreshed thread contains it.
import { isHiddenInRun, requestCommentReveal } from "./thread-controls";

/** The class that highlights a comment the reader has just posted. */
export const NEW_COMMENT_CLASS = "comment-item-new";

const STABLE_FRAMES = 4;
const MAX_SETTLE_FRAMES = 90;

/** Calls `done` once the element has stopped moving (a closing reply form shifts the page), or after ~1.5 s. */
function whenSettled(element: HTMLElement, done: () => void): void {
  let lastTop = Number.NaN;
  let stable = 0;
  let frames = 0;
  const tick = () => {
    const top = element.getBoundingClientRect().top + window.scrollY;
    stable = top === lastTop ? stable + 1 : 0;
    lastTop = top;
    frames += 1;
    if (stable >= STABLE_FRAMES || frames >= MAX_SETTLE_FRAMES) done();
    else window.requestAnimationFrame(tick);
  };
  window.requestAnimationFrame(tick);
}

/**
 * Waits (up to `timeoutMs`) for `#comment-{id}` to be in the page, then
 * highlights it, scrolls to it and puts its permalink in the address bar.
 * Works after the posting form has gone (a reply form closes on success), and
 * when the refreshed thread holds it in a long run of replies it has not
 * fetched (the newest reply of a long run is one): the thread is asked to.
 */
export function revealComment(id: string, timeoutMs = 15_000): void {
  if (typeof document === "undefined") return;
  const elementId = `comment-${id}`;
  const show = (element: HTMLElement) => {
    element.classList.add(NEW_COMMENT_CLASS);
    whenSettled(element, () => {
      const reduceMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
      element.scrollIntoView({ behavior: reduceMotion ? "auto" : "smooth", block: "center" });
      // Same entry, new hash: the address becomes the comment's permalink without a navigation.
      // (A null state lets Next.js keep its own entry state and adopt the new URL.)
      window.history.replaceState(null, "", `#${elementId}`);
    });
  };
  const existing = document.getElementById(elementId);
  if (existing) {
    show(existing);
    return;
  }
  let hasAsked = false;
  const observer = new MutationObserver(() => {
    const element = document.getElementById(elementId);
    if (!element) {
      if (!hasAsked && isHiddenInRun(id)) {
        hasAsked = true;
        requestCommentReveal(id);
      }
      return;
    }
    observer.disconnect();
    window.clearTimeout(timer);
    show(element);
  });
  observer.observe(document.body, { childList: true, subtree: true });
  const timer = window.setTimeout(() => observer.disconnect(), timeoutMs);
}
