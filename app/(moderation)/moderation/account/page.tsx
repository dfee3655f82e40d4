import type { Metadata } from "next";
import { AlertModeForm } from "@/components/moderation/account/alert-mode-form";
import { getDb } from "@/lib/db";
import { isMailOn } from "@/lib/mail/transport";
import { getAlertPreferences } from "@/lib/notifications/alert-preferences";
import { requireModeratorPage } from "../moderator-page";

export const metadata: Metadata = { title: "Account" };

/** The signed-in moderator's own settings: how they are alerted about held and reported comments. */
export default async function AccountPage() {
  const account = await requireModeratorPage();
  const { mode } = await getAlertPreferences(getDb(), account.id);
  return (
    <div className="account-page">
      <h1>Account</h1>
      <p className="account-lead">
        Signed in as <strong>{account.email}</strong>. These settings are yours alone; other moderators choose their own.
      </p>
      <section className="account-section" aria-labelledby="account-alerts-title">
        <h2 id="account-alerts-title">Alerts</h2>
        <AlertModeForm initialMode={mode} isMailOn={isMailOn()} />
      </section>
    </div>
  );
}
