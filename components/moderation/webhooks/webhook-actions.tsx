"use client";

import { useRouter } from "next/navigation";
import { startTransition, useState } from "react";
import { NETWORK_FAILURE_MESSAGE, type DashboardApiResult } from "../dashboard-api";
import { SecretNotice } from "./secret-notice";
import { requestDeleteWebhook, requestTestEvent, requestUpdateWebhook } from "./webhooks-api";

/** A hook card's buttons: pause or resume, a new secret (shown once), delete (asked twice: its log goes with it). */
export function WebhookActions({ hook }: { hook: { id: string; url: string; isActive: boolean } }) {
  const router = useRouter();
  const [isBusy, setIsBusy] = useState(false);
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = async <T,>(request: () => Promise<DashboardApiResult<T>>, onDone: (value: T) => void) => {
    setIsBusy(true);
    setMessage(null);
    setNotice(null);
    const result = await request();
    setIsBusy(false);
    if (result.kind === "network") return setMessage(NETWORK_FAILURE_MESSAGE);
    if (result.kind === "error") return setMessage(result.error.message);
    onDone(result.value);
    startTransition(() => router.refresh());
  };

  return (
    <div className="webhook-actions">
      <div className="webhook-actions-bar">
        <button type="button" className="button button-small" disabled={isBusy} onClick={() => void run(() => requestUpdateWebhook(hook.id, { isActive: !hook.isActive }), () => undefined)}>
          {hook.isActive ? "Pause" : "Resume"}
        </button>
        <button type="button" className="button button-small" disabled={isBusy} onClick={() => void run(() => requestUpdateWebhook(hook.id, { rotateSecret: true }), (saved) => setSecret(saved.secret))}>
          New secret
        </button>
        {hook.isActive ? (
          <button type="button" className="button button-small" disabled={isBusy} onClick={() => void run(() => requestTestEvent(hook.id), () => setNotice("Test event queued: its tries appear in the log below."))}>
            Send a test event
          </button>
        ) : null}
        {isConfirmingDelete ? (
          <span className="webhook-confirm" role="group" aria-label="Confirm deletion">
            Delete this hook and its delivery log?
            <button type="button" className="button button-small webhook-danger" disabled={isBusy} onClick={() => void run(() => requestDeleteWebhook(hook.id), () => setIsConfirmingDelete(false))}>
              Delete
            </button>
            <button type="button" className="button button-small" disabled={isBusy} onClick={() => setIsConfirmingDelete(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="button button-small" disabled={isBusy} onClick={() => setIsConfirmingDelete(true)}>
            Delete…
          </button>
        )}
      </div>
      <p className="webhook-notice" role="status">
        {notice}
      </p>
      {message ? (
        <p className="form-alert" role="alert">
          {message}
        </p>
      ) : null}
      {secret ? <SecretNotice url={hook.url} secret={secret} onDismiss={() => setSecret(null)} /> : null}
    </div>
  );
}
