import Link from "next/link";
import type { ReactNode } from "react";
import { LiveQueueCounts } from "@/components/live/live-queue-counts";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import type { QueueCounts } from "@/lib/moderation/queue-names";
import { FillText } from "./fill-text";
import { SignOutButton } from "./sign-out-button";
import "./dashboard-theme.css";

/** The dashboard's frame: a skip link, who is signed in (and their role), the queues with their (live) counts, the other sections. */
export function ModerationShell({
  account,
  counts,
  isAkismetOn,
  isMailOn,
  locale,
  children,
}: {
  account: SignedInAccount;
  counts: QueueCounts;
  isAkismetOn: boolean;
  isMailOn: boolean;
  locale: Locale;
  children: ReactNode;
}) {
  const t = createTranslator(locale);
  const isAdmin = account.role === "admin";
  return (
    <div className="mod-app moderation-shell">
      <a className="mod-skip-link" href="#mod-main">
        {t("common.skipToContent")}
      </a>
      <header className="mod-header">
        <Link href="/moderation" className="mod-brand">
          {t("dashboard.shell.brand")}
        </Link>
        <nav aria-label={t("dashboard.shell.navLabel")} className="mod-nav">
          <Link href="/moderation">{t("dashboard.shell.overview")}</Link>
          <LiveQueueCounts initialCounts={counts} />
          <Link href="/moderation/bans">{t("dashboard.shell.bans")}</Link>
          <Link href="/moderation/log">{t("dashboard.shell.log")}</Link>
          {isAdmin ? <Link href="/moderation/sites">{t("dashboard.shell.sites")}</Link> : null}
          {isAdmin ? <Link href="/moderation/webhooks">{t("dashboard.shell.webhooks")}</Link> : null}
          {isAdmin ? <Link href="/moderation/settings">{t("dashboard.shell.settings")}</Link> : null}
          {isAdmin ? <Link href="/moderation/privacy">{t("dashboard.shell.privacy")}</Link> : null}
          <Link href="/moderation/account">{t("dashboard.shell.account")}</Link>
        </nav>
        <div className="mod-account">
          <span title={account.email}>{account.name ?? account.email}</span> <span className="mod-role">({t(`dashboard.roles.${account.role}`)})</span> <SignOutButton />
        </div>
      </header>
      {isAkismetOn ? null : (
        <p className="mod-notice" role="note">
          <FillText text={t("dashboard.shell.akismetOff")} values={{ key: <code>AKISMET_KEY</code> }} />
        </p>
      )}
      {isMailOn ? null : (
        <p className="mod-notice" role="note">
          <FillText text={t("dashboard.shell.mailOff")} values={{ key: <code>SMTP_URL</code> }} />
        </p>
      )}
      <main className="mod-main" id="mod-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
