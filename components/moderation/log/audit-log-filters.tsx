import Link from "next/link";
import type { MessageKey } from "@/lib/i18n/catalog-types";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";

/** The action filters, as the select offers them, by their catalog keys. */
const actionOptions: ReadonlyArray<readonly [string, MessageKey]> = [
  ["approve", "dashboard.log.filterActions.approve"],
  ["reject", "dashboard.log.filterActions.reject"],
  ["spam", "dashboard.log.filterActions.spam"],
  ["ham", "dashboard.log.filterActions.ham"],
  ["undo", "dashboard.log.filterActions.undo"],
  ["feature", "dashboard.engagement.log.filter.feature"],
  ["unfeature", "dashboard.engagement.log.filter.unfeature"],
  ["settings", "dashboard.log.filterActions.settings"],
];

/** The log's filters: a plain GET form, so filtered views can be bookmarked and shared. */
export function AuditLogFilters({ moderators, moderator, action, locale }: { moderators: Array<{ email: string; name: string | null }>; moderator: string; action: string; locale: Locale }) {
  const t = createTranslator(locale);
  const isFiltered = moderator !== "" || action !== "";
  return (
    <form className="log-filters" method="get" action="/moderation/log" aria-label={t("dashboard.log.filterLabel")}>
      <div className="log-filter">
        <label htmlFor="log-moderator">{t("dashboard.log.moderator")}</label>
        <select id="log-moderator" name="moderator" defaultValue={moderator}>
          <option value="">{t("dashboard.log.everyone")}</option>
          {moderators.map((account) => (
            <option key={account.email} value={account.email}>
              {account.name ? `${account.name} (${account.email})` : account.email}
            </option>
          ))}
          {moderator && !moderators.some((account) => account.email.toLowerCase() === moderator.toLowerCase()) ? <option value={moderator}>{moderator}</option> : null}
        </select>
      </div>
      <div className="log-filter">
        <label htmlFor="log-action">{t("dashboard.log.action")}</label>
        <select id="log-action" name="action" defaultValue={action}>
          <option value="">{t("dashboard.log.allActions")}</option>
          {actionOptions.map(([option, label]) => (
            <option key={option} value={option}>
              {t(label)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t("dashboard.log.filter")}
      </button>
      {isFiltered ? <Link href="/moderation/log">{t("dashboard.log.clear")}</Link> : null}
    </form>
  );
}
