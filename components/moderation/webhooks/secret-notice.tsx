"use client";

import { useEffect, useRef } from "react";

/** A hook's secret, shown the one time the server gives it out, with what to do with it. */
export function SecretNotice({ url, secret, onDismiss }: { url: string; secret: string; onDismiss: () => void }) {
  const headingRef = useRef<HTMLParagraphElement>(null);
  // Focus moves here so screen-reader and keyboard users meet the secret before it is gone.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <div className="webhook-secret" role="region" aria-label="Secret shown once">
      <p ref={headingRef} tabIndex={-1} className="webhook-secret-title">
        Secret for <code>{url}</code>
      </p>
      <input className="webhook-secret-value" type="text" readOnly value={secret} aria-label="Webhook secret" onFocus={(event) => event.currentTarget.select()} />
      <p className="webhook-secret-hint">
        Copy it into the receiver now: it is not shown again. Each delivery&rsquo;s <code>X-Tertulia-Signature</code> is <code>sha256=</code> and the hex HMAC-SHA256 of the raw body with this secret.
      </p>
      <button type="button" className="button button-small" onClick={onDismiss}>
        I have copied it
      </button>
    </div>
  );
}
