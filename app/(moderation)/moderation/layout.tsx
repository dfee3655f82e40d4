import type { Metadata } from "next";
import type { ReactNode } from "react";
import { requireModeratorPage } from "./moderator-page";
import { getQueueCounts } from "./queue-counts";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { ModerationShell } from "@/components/moderation/moderation-shell";
import { getEnv } from "@/lib/env";
import { isMailOn } from "@/lib/mail/transport";
import "./moderation.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: { default: t("dashboard.title"), template: t("dashboard.titleTemplate", { page: "%s" }) }, robots: { index: false } };
}

/** Every dashboard page: the proxy has already turned away accounts without moderation rights; this and each page check again before reading anything. */
export default async function ModerationLayout({ children }: { children: ReactNode }) {
  const account = await requireModeratorPage();
  const [counts, { locale }] = await Promise.all([getQueueCounts(), getRequestTranslator()]);
  return (
    <ModerationShell account={account} counts={counts} isAkismetOn={Boolean(getEnv().AKISMET_KEY)} isMailOn={isMailOn()} locale={locale}>
      {children}
    </ModerationShell>
  );
}
