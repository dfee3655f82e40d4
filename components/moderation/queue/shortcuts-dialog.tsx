"use client";

import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import { useTranslator } from "@/components/i18n/locale-context";
import { queueShortcuts } from "./queue-shortcuts";

/** Tab and Shift+Tab go round the dialog's controls: the modal dialog alone would let the focus leave for the browser's toolbar. */
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== "Tab") return;
  const controls = Array.from(event.currentTarget.querySelectorAll<HTMLElement>("button, [href], input, select, textarea, [tabindex]:not([tabindex='-1'])"));
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}

/** The keyboard shortcuts, in a modal dialog that keeps the focus and that Esc (or Close) dismisses, giving the focus back. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslator();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    // Whatever had the focus (the button, or a card when ? was pressed) gets it back when the dialog closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    return () => opener?.focus({ preventScroll: true });
  }, []);

  return (
    <dialog ref={dialog} className="mq-dialog" aria-labelledby={titleId} onClose={onClose} onKeyDown={keepFocusInside}>
      <h2 id={titleId}>{t("dashboard.shortcuts.title")}</h2>
      <table className="mq-shortcuts">
        <tbody>
          {queueShortcuts.map((shortcut) => (
            <tr key={shortcut.key}>
              <th scope="row">
                <kbd className="mq-key">{shortcut.key}</kbd>
              </th>
              <td>{t(shortcut.description)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mq-dialog-note">{t("dashboard.shortcuts.note")}</p>
      <form method="dialog" className="mq-dialog-actions">
        <button type="submit" className="button" autoFocus>
          {t("dashboard.shortcuts.close")}
        </button>
      </form>
    </dialog>
  );
}
