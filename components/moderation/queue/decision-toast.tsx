"use client";

import { useEffect, useState } from "react";
import { useTranslator } from "@/components/i18n/locale-context";

/** A notice after a decision: what happened and, while it shows, Undo. */
export interface ToastNotice {
  id: number;
  kind: "success" | "error";
  message: string;
  onUndo?: (() => void) | undefined;
}

/** How long a notice stays: long enough to reach Undo, errors longer so they can be read. */
const DURATION_MS = { success: 5_000, error: 10_000 } as const;

/**
 * The notice at the bottom of the queue. It waits while the pointer or the
 * focus is on it, so nobody loses Undo while reaching for it. The queue shows
 * it inside a live region that is always there, so each notice is announced.
 */
export function DecisionToast({ notice, onDismiss }: { notice: ToastNotice; onDismiss: (id: number) => void }) {
  const t = useTranslator();
  const [isHeld, setIsHeld] = useState(false);
  useEffect(() => {
    if (isHeld) return;
    const timer = window.setTimeout(() => onDismiss(notice.id), DURATION_MS[notice.kind]);
    return () => window.clearTimeout(timer);
  }, [isHeld, notice.id, notice.kind, onDismiss]);

  return (
    <div
      className={`mq-toast mq-toast-${notice.kind}`}
      onMouseEnter={() => setIsHeld(true)}
      onMouseLeave={() => setIsHeld(false)}
      onFocus={() => setIsHeld(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setIsHeld(false);
      }}
    >
      <span className="mq-toast-message">{notice.message}</span>
      {notice.onUndo ? (
        <button type="button" className="mq-toast-undo" aria-keyshortcuts="u" onClick={notice.onUndo}>
          {t("dashboard.queue.undo")}
        </button>
      ) : null}
      <button type="button" className="mq-toast-close" aria-label={t("dashboard.queue.dismiss")} onClick={() => onDismiss(notice.id)}>
        ×
      </button>
    </div>
  );
}
