"use client";

import { useState } from "react";
import { saveArticleSwitches } from "./settings-api";

type SwitchName = "commentsOpen" | "preModerate";

const switchLabels: Record<SwitchName, { on: string; off: string; name: string; savedOn: string; savedOff: string }> = {
  commentsOpen: { on: "Open", off: "Closed", name: "Comments open", savedOn: "Saved: comments open.", savedOff: "Saved: comments closed." },
  preModerate: { on: "On", off: "Off", name: "Pre-moderate", savedOn: "Saved: pre-moderation on.", savedOff: "Saved: pre-moderation off." },
};

/** One article's two switches (comments open, pre-moderation) as table cells; each change is saved at once. */
export function ArticleSwitches({ slug, title, commentsOpen, preModerate }: { slug: string; title: string; commentsOpen: boolean; preModerate: boolean }) {
  const [values, setValues] = useState({ commentsOpen, preModerate });
  const [busy, setBusy] = useState<SwitchName | null>(null);
  const [message, setMessage] = useState<{ kind: "saved" | "error"; text: string } | null>(null);

  const change = async (name: SwitchName, value: boolean) => {
    setBusy(name);
    setMessage(null);
    setValues((current) => ({ ...current, [name]: value }));
    const result = await saveArticleSwitches(slug, { [name]: value });
    setBusy(null);
    if (result.kind === "ok") {
      setValues({ commentsOpen: result.value.commentsOpen, preModerate: result.value.preModerate });
      setMessage({ kind: "saved", text: value ? switchLabels[name].savedOn : switchLabels[name].savedOff });
    } else {
      setValues((current) => ({ ...current, [name]: !value }));
      setMessage({ kind: "error", text: result.kind === "network" ? "Not saved: the server could not be reached." : `Not saved: ${result.error.message}` });
    }
  };

  const toggle = (name: SwitchName) => (
    <label className="settings-switch">
      <span className="settings-switch-name" aria-hidden="true">
        {switchLabels[name].name}
      </span>
      <input
        type="checkbox"
        role="switch"
        checked={values[name]}
        disabled={busy !== null}
        aria-label={`${switchLabels[name].name}: ${title}`}
        onChange={(event) => void change(name, event.target.checked)}
      />
      <span aria-hidden="true">{values[name] ? switchLabels[name].on : switchLabels[name].off}</span>
    </label>
  );

  return (
    <>
      <td>{toggle("commentsOpen")}</td>
      <td>{toggle("preModerate")}</td>
      <td className="settings-row-status">
        <span role="status" className={message?.kind === "error" ? "field-error" : "settings-row-saved"}>
          {message?.text ?? ""}
        </span>
      </td>
    </>
  );
}
