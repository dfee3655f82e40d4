"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useTranslator } from "@/components/i18n/locale-context";

/** One snippet to paste into a site's pages: shown read-only, with a Copy button. `context` (the site) completes the label for screen readers. */
export function SnippetBox({ label, context, hint, text }: { label: string; context: string; hint?: string; text: string }) {
  const t = useTranslator();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState("");

  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(""), 4000);
    return () => clearTimeout(timer);
  }, [status]);

  const copy = async () => {
    try {
      // Absent outside secure contexts (plain http on another host than localhost): the text is selected for the reader to copy instead.
      await navigator.clipboard.writeText(text);
      setStatus(t("sites.copied"));
    } catch {
      textRef.current?.focus();
      textRef.current?.select();
      setStatus(t("sites.selected"));
    }
  };

  return (
    <div className="snippet">
      <div className="snippet-head">
        <label className="snippet-label" htmlFor={`${id}-text`}>
          {label}
          <span className="visually-hidden"> {t("sites.forSite", { site: context })}</span>
        </label>
        <span className="snippet-status" role="status">
          {status}
        </span>
        <button type="button" className="button button-small" aria-label={t("sites.copyLabel", { label: label.toLowerCase(), site: context })} onClick={() => void copy()}>
          {t("sites.copy")}
        </button>
      </div>
      <textarea
        ref={textRef}
        id={`${id}-text`}
        className="snippet-text"
        readOnly
        rows={text.split("\n").length + 1}
        spellCheck={false}
        value={text}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onFocus={(event) => event.currentTarget.select()}
      />
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
