"use client";

import { useEffect, useId, useRef } from "react";
import { useTranslator } from "@/components/i18n/locale-context";
import { queueShortcuts } from "./queue-shortcuts";

/** The keyboard shortcuts, in a modal dialog that Esc (or Close) dismisses. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslator();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="mq-dialog" aria-labelledby={titleId} onClose={onClose}>
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
