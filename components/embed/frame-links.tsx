"use client";

import { useEffect } from "react";

/** The element a same-page fragment link points at, if the link is one. */
function getFragmentTarget(url: URL): HTMLElement | null {
  if (url.origin !== window.location.origin || url.pathname !== window.location.pathname || url.search !== window.location.search || url.hash.length < 2) return null;
  try {
    return document.getElementById(decodeURIComponent(url.hash.slice(1)));
  } catch {
    return null;
  }
}

/**
 * Links inside the frame, made to behave as a reader expects under the host's
 * article. Links that leave the thread (an author's website, a link in a
 * comment, the guidelines and privacy pages) open in a new tab instead of
 * replacing the discussion; links with a target of their own (permalinks to
 * the host page) keep it; paging stays in the frame. A jump to a comment
 * ("in reply to") scrolls the host page too: the frame is as tall as its
 * content, so a fragment alone would scroll nothing. Set at capture, before
 * Next.js's Link decides how to follow the click.
 */
export function FrameLinks() {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || !(event.target instanceof Element)) return;
      const anchor = event.target.closest("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute("target") || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      const fragmentTarget = getFragmentTarget(url);
      if (fragmentTarget) {
        // After the browser's own fragment navigation (which sets :target), bring the comment into the reader's view.
        window.setTimeout(() => fragmentTarget.scrollIntoView({ block: "center" }), 0);
        return;
      }
      if (url.origin === window.location.origin && url.pathname === window.location.pathname) return;
      anchor.target = "_blank";
      if (!anchor.relList.contains("noopener")) anchor.relList.add("noopener");
    };
    window.addEventListener("click", onClick, true);
    return () => window.removeEventListener("click", onClick, true);
  }, []);
  return null;
}
