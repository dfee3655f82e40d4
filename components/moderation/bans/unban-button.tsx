"use client";

import { useRouter } from "next/navigation";
import { startTransition, useState } from "react";
import { useTranslator } from "@/components/i18n/locale-context";
import { useMessage } from "../use-message";
import { BAN_NETWORK_FAILURE_MESSAGE, requestLiftBan } from "./bans-api";

/** Lifts one ban, then refreshes the list; says why if it could not. */
export function UnbanButton({ banId, label }: { banId: string; label: string }) {
  const router = useRouter();
  const t = useTranslator();
  const say = useMessage();
  const [isSending, setIsSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const lift = async () => {
    setIsSending(true);
    setError(null);
    const result = await requestLiftBan(banId);
    if (result.kind === "ok") {
      startTransition(() => router.refresh());
      return;
    }
    setIsSending(false);
    setError(result.kind === "network" ? BAN_NETWORK_FAILURE_MESSAGE : result.error.message);
  };

  return (
    <>
      <button type="button" className="button button-small" disabled={isSending} aria-label={label} onClick={() => void lift()}>
        {isSending ? t("dashboard.bans.lifting") : t("dashboard.bans.unban")}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {say(error)}
        </p>
      ) : null}
    </>
  );
}
