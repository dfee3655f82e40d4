"use client";

import { useRef, useState } from "react";
import { useTranslator } from "@/components/i18n/locale-context";
import { SiteForm, type EditedSite } from "./site-form";

/** A site card's "Edit" button, which opens the sites form in place for its name, origins, language and style sheet. */
export function SiteEditor({ site }: { site: EditedSite }) {
  const t = useTranslator();
  const [isOpen, setIsOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const close = (message: string | null) => {
    setIsOpen(false);
    setSaved(message);
    // Back to the button that opened the form, so keyboard users keep their place.
    requestAnimationFrame(() => buttonRef.current?.focus());
  };

  if (isOpen) {
    return (
      <div className="site-editor">
        <SiteForm site={site} onSaved={(updated) => close(t("sites.saved", { count: updated.allowedOrigins.length }))} onCancel={() => close(null)} />
      </div>
    );
  }
  return (
    <div className="site-editor-bar">
      <button
        ref={buttonRef}
        type="button"
        className="button button-small"
        aria-label={t("sites.editLabel", { name: site.name })}
        onClick={() => {
          setSaved(null);
          setIsOpen(true);
        }}
      >
        {t("sites.edit")}
      </button>
      <span className="site-form-done" role="status">
        {saved}
      </span>
    </div>
  );
}
