"use client";

import { useEffect, useId, useRef } from "react";
import { queueShortcuts } from "./queue-shortcuts";

/** The keyboard shortcuts, in a modal dialog that Esc (or Close) dismisses. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="mq-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <table className="mq-shortcuts">
        <tbody>
          {queueShortcuts.map((shortcut) => (
            <tr key={shortcut.key}>
              <th scope="row">
                <kbd className="mq-key">{shortcut.key}</kbd>
              </th>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mq-dialog-note">Shortcuts act on the outlined comment. They pause while you type in a field. Esc closes this.</p>
      <form method="dialog" className="mq-dialog-actions">
        <button type="submit" className="button" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
