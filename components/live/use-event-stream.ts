"use client";

// One server-sent event stream for a component: open while the tab is
// visible, closed while it is hidden (the server's first message on reopening
// brings the state up to date), and reopened after the network comes back.
import { useEffect, useEffectEvent, useState } from "react";

/** Where the stream stands: receiving ("live"), (re)connecting, closed while the tab is hidden ("paused"), or waiting to retry ("offline"). */
export type LiveState = "connecting" | "live" | "paused" | "offline";

/** A handler per event name, given the message's data parsed as JSON. */
export type EventHandlers = Record<string, (data: unknown) => void>;

/** After the browser gives up on a stream (an error status, say), retries start at this and double up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/** Subscribes to `url` with EventSource; returns the stream's state. The handlers may change from render to render. */
export function useEventStream(url: string, handlers: EventHandlers): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const eventNames = Object.keys(handlers).sort().join(" ");
  const handle = useEffectEvent((name: string, data: unknown) => handlers[name]?.(data));

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: number | undefined;
    let failures = 0;

    const close = () => {
      window.clearTimeout(retryTimer);
      retryTimer = undefined;
      source?.close();
      source = null;
    };

    const open = () => {
      close();
      if (document.visibilityState === "hidden") {
        setState("paused");
        return;
      }
      setState("connecting");
      const current = new EventSource(url);
      source = current;
      current.onopen = () => {
        failures = 0;
        setState("live");
      };
      current.onerror = () => {
        if (source !== current) return;
        if (current.readyState !== EventSource.CLOSED) {
          // Network trouble: the browser reconnects by itself, after the server's `retry:` delay.
          setState("connecting");
          return;
        }
        // The browser has given up (an error status, or not an event stream): try again later, ever more slowly.
        source = null;
        setState("offline");
        retryTimer = window.setTimeout(open, Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures));
        failures += 1;
      };
      for (const name of eventNames.split(" ").filter(Boolean)) {
        current.addEventListener(name, (event) => {
          let data: unknown;
          try {
            data = JSON.parse((event as MessageEvent<string>).data);
          } catch {
            return;
          }
          handle(name, data);
        });
      }
    };

    const onVisibilityChange = () => {
      if (document.visibilityState === "hidden") {
        close();
        setState("paused");
      } else if (!source) {
        open();
      }
    };
    // Back online: do not wait for the browser's own retry (or backoff) to notice.
    const onOnline = () => {
      if (document.visibilityState !== "hidden" && source?.readyState !== EventSource.OPEN) open();
    };

    // Opened from a task, not during the effect itself: the state updates then come from an event, as React prefers.
    const startTimer = window.setTimeout(open, 0);
    document.addEventListener("visibilitychange", onVisibilityChange);
    window.addEventListener("online", onOnline);
    return () => {
      window.clearTimeout(startTimer);
      document.removeEventListener("visibilitychange", onVisibilityChange);
      window.removeEventListener("online", onOnline);
      close();
    };
  }, [url, eventNames]);

  return state;
}
