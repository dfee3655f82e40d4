import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getQueueCounts } from "./queue-counts";
import { ModerationShell } from "@/components/moderation/moderation-shell";
import { getSignedInAccount } from "@/lib/auth/session";
import { canModerate } from "@/lib/auth/moderators";
import { getEnv } from "@/lib/env";
import "./moderation.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { default: "Moderation", template: "%s · Moderation" }, robots: { index: false } };

/** Every dashboard page: the proxy has already turned away visitors without a moderator session; this checks the account is still one. */
export default async function ModerationLayout({ children }: { children: ReactNode }) {
  const account = await getSignedInAccount();
  if (!account) redirect("/login?callbackUrl=/moderation");
  if (!canModerate(account)) forbidden();
  const counts = await getQueueCounts();
  return (
    <ModerationShell account={account} counts={counts} isAkismetOn={Boolean(getEnv().AKISMET_KEY)}>
      {children}
    </ModerationShell>
  );
}
