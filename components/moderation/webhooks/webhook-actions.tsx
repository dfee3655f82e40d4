"use client";

import { useTranslator } from "@/components/i18n/locale-context";
import { useMessage } from "../use-message";
import { useRouter } from "next/navigation";
import { startTransition, useState } from "react";
import type { DashboardApiResult } from "../dashboard-api";
import { SecretNotice } from "./secret-notice";
import { requestDeleteWebhook, requestTestEvent, requestUpdateWebhook } from "./webhooks-api";

/** A hook card's buttons: pause or resume, a new secret (shown once), delete (asked twice: its log goes with it). */
export function WebhookActions({ hook }: { hook: { id: string; url: string; isActive: boolean } }) {
  const router = useRouter();
  const t = useTranslator();
  const say = useMessage();
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
    if (result.kind === "network") return setMessage(t("dashboard.api.network"));
    if (result.kind === "error") return setMessage(say(result.error.message));
    onDone(result.value);
    startTransition(() => router.refresh());
  };

  return (
    <div className="webhook-actions">
      <div className="webhook-actions-bar">
        <button type="button" className="button button-small" disabled={isBusy} onClick={() => void run(() => requestUpdateWebhook(hook.id, { isActive: !hook.isActive }), () => undefined)}>
          {hook.isActive ? t("dashboard.webhooks.pause") : t("dashboard.webhooks.resume")}
        </button>
        <button type="button" className="button button-small" disabled={isBusy} onClick={() => void run(() => requestUpdateWebhook(hook.id, { rotateSecret: true }), (saved) => setSecret(saved.secret))}>
          {t("dashboard.webhooks.newSecret")}
        </button>
        {hook.isActive ? (
          <button type="button" className="button button-small" disabled={isBusy} onClick={() => void run(() => requestTestEvent(hook.id), () => setNotice(t("dashboard.webhooks.testQueued")))}>
            {t("dashboard.webhooks.sendTest")}
          </button>
        ) : null}
        {isConfirmingDelete ? (
          <span className="webhook-confirm" role="group" aria-label={t("dashboard.webhooks.confirmLabel")}>
            {t("dashboard.webhooks.confirmDelete")}
            <button type="button" className="button button-small webhook-danger" disabled={isBusy} onClick={() => void run(() => requestDeleteWebhook(hook.id), () => setIsConfirmingDelete(false))}>
              {t("dashboard.webhooks.delete")}
            </button>
            <button type="button" className="button button-small" disabled={isBusy} onClick={() => setIsConfirmingDelete(false)}>
              {t("dashboard.webhooks.keep")}
            </button>
          </span>
        ) : (
          <button type="button" className="button button-small" disabled={isBusy} onClick={() => setIsConfirmingDelete(true)}>
            {t("dashboard.webhooks.deleteAsk")}
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
