"use client";

import { useEffect } from "react";

/** The message the loader sizes the frame by (its contract). */
export const HEIGHT_MESSAGE_TYPE = "tertulia:height";

/**
 * Tells the host page how tall the thread is, on load and on every change
 * (comments paged in, a reply form opened, a notice shown), so the frame never
 * scrolls on its own. Posted only to `parentOrigin`, the embedding page's
 * origin as the server checked it: a message aimed there is dropped by any
 * other parent.
 */
export function FrameResizer({ parentOrigin }: { parentOrigin: string }) {
  useEffect(() => {
    if (window.parent === window) return;
    const root = document.documentElement;
    let lastHeight = -1;
    const report = () => {
      // The root's box is as tall as its content (scrollHeight never shrinks below the frame's own height).
      const height = Math.ceil(root.getBoundingClientRect().height);
      if (height === lastHeight) return;
      lastHeight = height;
      window.parent.postMessage({ type: HEIGHT_MESSAGE_TYPE, height }, parentOrigin);
    };
    const observer = new ResizeObserver(report);
    observer.observe(root);
    window.addEventListener("load", report);
    report();
    return () => {
      observer.disconnect();
      window.removeEventListener("load", report);
    };
  }, [parentOrigin]);
  return null;
}
