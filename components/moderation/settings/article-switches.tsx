"use client";

import { useTranslator } from "@/components/i18n/locale-context";
import type { MessageKey } from "@/lib/i18n/catalog-types";
import { useMessage } from "../use-message";
import { useState } from "react";
import { saveArticleSwitches } from "./settings-api";

type SwitchName = "commentsOpen" | "preModerate";

const switchLabels: Record<SwitchName, { on: MessageKey; off: MessageKey; name: MessageKey; savedOn: MessageKey; savedOff: MessageKey }> = {
  commentsOpen: {
    on: "dashboard.settings.articles.open",
    off: "dashboard.settings.articles.closed",
    name: "dashboard.settings.articleSwitches.commentsOpen",
    savedOn: "dashboard.settings.articles.savedOpen",
    savedOff: "dashboard.settings.articles.savedClosed",
  },
  preModerate: {
    on: "dashboard.settings.articles.on",
    off: "dashboard.settings.articles.off",
    name: "dashboard.settings.articleSwitches.preModerate",
    savedOn: "dashboard.settings.articles.savedOn",
    savedOff: "dashboard.settings.articles.savedOff",
  },
};

/** One article's two switches (comments open, pre-moderation) as table cells; each change is saved at once. */
export function ArticleSwitches({ slug, title, commentsOpen, preModerate }: { slug: string; title: string; commentsOpen: boolean; preModerate: boolean }) {
  const t = useTranslator();
  const say = useMessage();
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
      setMessage({ kind: "saved", text: t(value ? switchLabels[name].savedOn : switchLabels[name].savedOff) });
    } else {
      setValues((current) => ({ ...current, [name]: !value }));
      setMessage({ kind: "error", text: result.kind === "network" ? t("dashboard.settings.articles.network") : t("dashboard.settings.articles.notSaved", { message: say(result.error.message) }) });
    }
  };

  const toggle = (name: SwitchName) => (
    <label className="settings-switch">
      <span className="settings-switch-name" aria-hidden="true">
        {t(switchLabels[name].name)}
      </span>
      <input
        type="checkbox"
        role="switch"
        checked={values[name]}
        disabled={busy !== null}
        aria-label={`${t(switchLabels[name].name)}: ${title}`}
        onChange={(event) => void change(name, event.target.checked)}
      />
      <span aria-hidden="true">{t(values[name] ? switchLabels[name].on : switchLabels[name].off)}</span>
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
