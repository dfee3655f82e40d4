import Link from "next/link";
import type { AuditDecisionEntry, AuditLogEntry, AuditSettingsEntry } from "@/lib/moderation/audit-log";
import { formatExactTime, formatRelativeTime } from "@/lib/format/relative-time";
import type { MessageKey } from "@/lib/i18n/catalog-types";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator, type Translator } from "@/lib/i18n/translate";
import { FillText } from "../fill-text";
import { describeSettingKey } from "../settings/setting-names";

/** Decision actions as the log names them, by their catalog keys. */
const decisionActionKeys: Record<string, MessageKey> = {
  approve: "dashboard.log.decisions.approve",
  reject: "dashboard.log.decisions.reject",
  spam: "dashboard.log.decisions.spam",
  ham: "dashboard.log.decisions.ham",
  undo: "dashboard.log.decisions.undo",
  "auto-hold-reports": "dashboard.log.decisions.autoHoldReports",
  feature: "dashboard.engagement.log.feature",
  unfeature: "dashboard.engagement.log.unfeature",
};

/** Entries that record an editors' pick: the comment stays where it was, so no status change is shown. */
const pickActions = new Set(["feature", "unfeature"]);

function statusName(status: string, t: Translator): string {
  return status === "approved" || status === "pending" || status === "spam" || status === "rejected" ? t(`dashboard.statuses.${status}`) : status;
}

function queueOf(status: string, t: Translator): string {
  return status === "approved" || status === "pending" || status === "spam" || status === "rejected" ? t(`dashboard.queues.${status}`) : status;
}

function formatValue(value: unknown, key: string, t: Translator, locale: Locale): string {
  if (value === null || value === undefined) return key.startsWith("autoClose") ? t("dashboard.log.never") : t("dashboard.log.none");
  if (typeof value === "boolean") return key === "commentsOpen" ? (value ? t("dashboard.log.open") : t("dashboard.log.closed")) : value ? t("dashboard.log.on") : t("dashboard.log.off");
  if (Array.isArray(value)) return value.length ? value.join(", ") : t("dashboard.log.emptyList");
  if (typeof value === "number") return new Intl.NumberFormat(locale).format(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function WordListChange({ from, to, t }: { from: unknown[]; to: unknown[]; t: Translator }) {
  const before = new Set(from.map(String));
  const after = new Set(to.map(String));
  const added = [...after].filter((word) => !before.has(word));
  const removed = [...before].filter((word) => !after.has(word));
  return (
    <>
      {added.length ? <span className="log-added">{t("dashboard.log.added", { words: added.map((word) => `“${word}”`).join(", ") })}</span> : null}
      {added.length && removed.length ? "; " : null}
      {removed.length ? <span className="log-removed">{t("dashboard.log.removed", { words: removed.map((word) => `“${word}”`).join(", ") })}</span> : null}
      {!added.length && !removed.length ? t("dashboard.log.reordered") : null}
    </>
  );
}

function Who({ entry, t }: { entry: AuditLogEntry; t: Translator }) {
  if (entry.moderator) return <span title={entry.moderator.name ?? undefined}>{entry.moderator.email}</span>;
  if (entry.kind === "decision" && entry.action.startsWith("auto")) return <span className="log-muted">{t("dashboard.log.automatic")}</span>;
  return <span className="log-muted">{entry.kind === "settings" ? t("dashboard.log.commandLineOrRemoved") : t("dashboard.log.removedAccount")}</span>;
}

function DecisionDetails({ entry, t }: { entry: AuditDecisionEntry; t: Translator }) {
  const { comment } = entry;
  return (
    <>
      {pickActions.has(entry.action) ? null : (
        <p className="log-transition">
          <span className={`log-status log-status-${entry.fromStatus}`}>{statusName(entry.fromStatus, t)}</span>
          <span aria-label={t("dashboard.log.to")}> → </span>
          <span className={`log-status log-status-${entry.toStatus}`}>{statusName(entry.toStatus, t)}</span>
          {entry.note ? <span className="log-note"> — {entry.note}</span> : null}
        </p>
      )}
      <blockquote className="log-excerpt">{comment.excerpt}</blockquote>
      <p className="log-context">
        <FillText
          text={t("dashboard.log.context")}
          values={{ name: <strong>{comment.authorName}</strong>, email: <span className="log-muted">&lt;{comment.authorEmail}&gt;</span>, article: <em>{comment.article.title}</em> }}
        />{" "}
        · <Link href={comment.href}>{comment.status === "approved" ? t("dashboard.log.viewOnArticle") : t("dashboard.log.openIn", { queue: queueOf(comment.status, t) })}</Link>
      </p>
    </>
  );
}

function SettingsDetails({ entry, t, locale }: { entry: AuditSettingsEntry; t: Translator; locale: Locale }) {
  const scope = entry.article ? "article" : "moderation";
  return (
    <>
      <p className="log-transition">
        {entry.article ? (
          <FillText
            text={t("dashboard.log.article")}
            values={{ title: <Link href={`/articles/${encodeURIComponent(entry.article.slug)}`}>{entry.article.title ?? entry.article.slug}</Link> }}
          />
        ) : (
          t("dashboard.log.siteWide")
        )}
      </p>
      {entry.changes.length === 0 ? (
        <p className="log-muted">{t("dashboard.log.savedWithoutChanges")}</p>
      ) : (
        <ul className="log-changes">
          {entry.changes.map((change) => (
            <li key={change.key}>
              <span className="log-key">{describeSettingKey(change.key, scope, t)}:</span>{" "}
              {Array.isArray(change.from) && Array.isArray(change.to) ? (
                <WordListChange from={change.from} to={change.to} t={t} />
              ) : (
                <>
                  <span className="log-from">{formatValue(change.from, change.key, t, locale)}</span> → <span className="log-to">{formatValue(change.to, change.key, t, locale)}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The audit log's entries as a table: when, who, what, and the details of each. */
export function AuditLogTable({ entries, now, locale }: { entries: AuditLogEntry[]; now: Date; locale: Locale }) {
  const t = createTranslator(locale);
  return (
    <div className="log-table-wrap">
      <table className="log-table">
        <thead>
          <tr>
            <th scope="col">{t("dashboard.log.when")}</th>
            <th scope="col">{t("dashboard.log.who")}</th>
            <th scope="col">{t("dashboard.log.action")}</th>
            <th scope="col">{t("dashboard.log.details")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={`${entry.kind}-${entry.id}`}>
              <td className="log-when">
                <time dateTime={entry.createdAt.toISOString()} title={formatExactTime(entry.createdAt, locale)}>
                  {formatRelativeTime(entry.createdAt, now, locale)}
                </time>
                <span className="log-exact">{formatExactTime(entry.createdAt, locale)}</span>
              </td>
              <td className="log-who">
                <Who entry={entry} t={t} />
              </td>
              <td>
                {entry.kind === "decision" ? (
                  <span className={`log-action log-action-${entry.action}`}>{decisionActionKeys[entry.action] ? t(decisionActionKeys[entry.action]!) : entry.action}</span>
                ) : (
                  <span className="log-action log-action-settings">{entry.article ? t("dashboard.log.articleSwitched") : t("dashboard.log.settingsChanged")}</span>
                )}
              </td>
              <td className="log-details">{entry.kind === "decision" ? <DecisionDetails entry={entry} t={t} /> : <SettingsDetails entry={entry} t={t} locale={locale} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
