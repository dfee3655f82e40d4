import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ModerationShell } from "@/components/moderation/moderation-shell";
import { getSignedInAccount } from "@/lib/auth/session";
import { canModerate } from "@/lib/auth/moderators";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { countQueues } from "@/lib/moderation/queues";
import "./moderation.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { default: "Moderation", template: "%s · Moderation" }, robots: { index: false } };

/** Every dashboard page: the proxy has already turned away visitors without a moderator session; this checks the account is still one. */
export default async function ModerationLayout({ children }: { children: ReactNode }) {
  const account = await getSignedInAccount();
  if (!account) redirect("/login?callbackUrl=/moderation");
  if (!canModerate(account)) redirect("/forbidden");
  const counts = await countQueues(getDb());
  return (
    <ModerationShell account={account} counts={counts} isAkismetOn={Boolean(getEnv().AKISMET_KEY)}>
      {children}
    </ModerationShell>
  );
}
