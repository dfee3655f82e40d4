"use client";

import { useTranslator } from "@/components/i18n/locale-context";
import { FillText } from "../fill-text";
import { useEffect, useRef } from "react";

/** A hook's secret, shown the one time the server gives it out, with what to do with it. */
export function SecretNotice({ url, secret, onDismiss }: { url: string; secret: string; onDismiss: () => void }) {
  const t = useTranslator();
  const headingRef = useRef<HTMLParagraphElement>(null);
  // Focus moves here so screen-reader and keyboard users meet the secret before it is gone.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <div className="webhook-secret" role="region" aria-label={t("dashboard.webhooks.secretRegion")}>
      <p ref={headingRef} tabIndex={-1} className="webhook-secret-title">
        <FillText text={t("dashboard.webhooks.secretFor")} values={{ url: <code>{url}</code> }} />
      </p>
      <input className="webhook-secret-value" type="text" readOnly value={secret} aria-label={t("dashboard.webhooks.secretLabel")} onFocus={(event) => event.currentTarget.select()} />
      <p className="webhook-secret-hint">
        <FillText text={t("dashboard.webhooks.secretCopy")} values={{ header: <code>X-Tertulia-Signature</code>, prefix: <code>sha256=</code> }} />
      </p>
      <button type="button" className="button button-small" onClick={onDismiss}>
        {t("dashboard.webhooks.copied")}
      </button>
    </div>
  );
}
