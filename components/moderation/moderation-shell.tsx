import Link from "next/link";
import type { ReactNode } from "react";
import { LiveQueueCounts } from "@/components/live/live-queue-counts";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import type { QueueCounts } from "@/lib/moderation/queue-names";
import { SignOutButton } from "./sign-out-button";

/** The dashboard's frame: who is signed in, the queues with their (live) counts, the other sections. */
export function ModerationShell({
  account,
  counts,
  isAkismetOn,
  isMailOn,
  children,
}: {
  account: SignedInAccount;
  counts: QueueCounts;
  isAkismetOn: boolean;
  isMailOn: boolean;
  children: ReactNode;
}) {
  return (
    <div className="mod-app">
      <header className="mod-header">
        <Link href="/moderation" className="mod-brand">
          Moderation
        </Link>
        <nav aria-label="Moderation" className="mod-nav">
          <Link href="/moderation">Overview</Link>
          <LiveQueueCounts initialCounts={counts} />
          <Link href="/moderation/bans">Bans</Link>
          <Link href="/moderation/log">Log</Link>
          {account.role === "admin" ? <Link href="/moderation/sites">Sites</Link> : null}
          {account.role === "admin" ? <Link href="/moderation/webhooks">Webhooks</Link> : null}
          {account.role === "admin" ? <Link href="/moderation/settings">Settings</Link> : null}
          {account.role === "admin" ? <Link href="/moderation/privacy">Readers&rsquo; data</Link> : null}
          <Link href="/moderation/account">Account</Link>
        </nav>
        <div className="mod-account">
          <span title={account.email}>{account.name ?? account.email}</span> <span className="mod-role">{account.role}</span> <SignOutButton />
        </div>
      </header>
      {isAkismetOn ? null : (
        <p className="mod-notice" role="note">
          Akismet is off: no <code>AKISMET_KEY</code> is set, so new comments are not checked for spam by Akismet, and Spam / Not spam decisions are not reported to it.
        </p>
      )}
      {isMailOn ? null : (
        <p className="mod-notice" role="note">
          Mail is off: no <code>SMTP_URL</code> is set, so no mail is sent — moderators get no alerts about held or reported comments, and readers no notifications.
        </p>
      )}
      <main className="mod-main">{children}</main>
    </div>
  );
}
