import type { Metadata } from "next";
import type { ReactNode } from "react";
import { requireModeratorPage } from "./moderator-page";
import { getQueueCounts } from "./queue-counts";
import { ModerationShell } from "@/components/moderation/moderation-shell";
import { getEnv } from "@/lib/env";
import { isMailOn } from "@/lib/mail/transport";
import "./moderation.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { default: "Moderation", template: "%s · Moderation" }, robots: { index: false } };

/** Every dashboard page: the proxy has already turned away accounts without moderation rights; this and each page check again before reading anything. */
export default async function ModerationLayout({ children }: { children: ReactNode }) {
  const account = await requireModeratorPage();
  const counts = await getQueueCounts();
  return (
    <ModerationShell account={account} counts={counts} isAkismetOn={Boolean(getEnv().AKISMET_KEY)} isMailOn={isMailOn()}>
      {children}
    </ModerationShell>
  );
}
