import { RelativeTime } from "@/components/ui/relative-time";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import type { BanRecord } from "@/lib/moderation/bans";
import { FillText } from "../fill-text";
import { UnbanButton } from "./unban-button";
import "./bans.css";

function moderatorName(ban: BanRecord): string {
  return ban.bannedBy ? (ban.bannedBy.name ?? ban.bannedBy.email) : "—";
}

/** A list of bans: who, why, by whom and when; active ones with an Unban button. */
export function BanTable({ bans, caption, emptyText, now, locale }: { bans: BanRecord[]; caption: string; emptyText: string; now: Date; locale: Locale }) {
  const t = createTranslator(locale);
  if (bans.length === 0) return <p className="bans-empty">{emptyText}</p>;
  return (
    <div className="bans-table-wrap">
      <table className="data-table bans-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.bans.author")}</th>
            <th scope="col">{t("dashboard.bans.reason")}</th>
            <th scope="col">{t("dashboard.bans.bannedAt")}</th>
            <th scope="col">{bans.some((ban) => ban.isActive) ? <span className="visually-hidden">{t("dashboard.bans.action")}</span> : t("dashboard.bans.ended")}</th>
          </tr>
        </thead>
        <tbody>
          {bans.map((ban) => (
            <tr key={ban.id}>
              <td className="bans-author">
                {ban.email ? <span className="bans-email">{ban.email}</span> : null}
                {ban.ip ? <span className="bans-ip">{t("dashboard.bans.ipValue", { ip: ban.ip })}</span> : null}
              </td>
              <td className="bans-reason">{ban.reason}</td>
              <td className="bans-when">
                <RelativeTime iso={ban.createdAt} now={now} locale={locale} />
                <span className="bans-by">{t("dashboard.bans.by", { name: moderatorName(ban) })}</span>
              </td>
              <td className="bans-end">
                {ban.isActive ? (
                  <UnbanButton banId={ban.id} label={t("dashboard.bans.unbanWho", { who: ban.email ?? ban.ip ?? t("dashboard.bans.thisAuthor") })} />
                ) : ban.liftedAt ? (
                  <FillText text={t("dashboard.bans.liftedAt")} values={{ time: <RelativeTime iso={ban.liftedAt} now={now} locale={locale} /> }} />
                ) : ban.expiresAt ? (
                  <FillText text={t("dashboard.bans.expiredAt")} values={{ time: <RelativeTime iso={ban.expiresAt} now={now} locale={locale} /> }} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
