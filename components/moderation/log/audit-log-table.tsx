import Link from "next/link";
import type { AuditDecisionEntry, AuditLogEntry, AuditSettingsEntry } from "@/lib/moderation/audit-log";
import { formatExactTime, formatRelativeTime } from "@/lib/format/relative-time";
import { describeSettingKey } from "../settings/setting-names";

const statusNames: Record<string, string> = { approved: "Approved", pending: "Pending", spam: "Spam", rejected: "Rejected" };

/** Decision actions as the log names them. */
export const decisionActionNames: Record<string, string> = {
  approve: "Approved",
  reject: "Rejected",
  spam: "Marked spam",
  ham: "Marked not spam",
  undo: "Undone",
  "auto-hold-reports": "Held after reports",
};

function formatValue(value: unknown, key: string): string {
  if (value === null || value === undefined) return key.startsWith("autoClose") ? "never" : "none";
  if (typeof value === "boolean") return key === "commentsOpen" ? (value ? "open" : "closed") : value ? "on" : "off";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "(empty)";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function WordListChange({ from, to }: { from: unknown[]; to: unknown[] }) {
  const before = new Set(from.map(String));
  const after = new Set(to.map(String));
  const added = [...after].filter((word) => !before.has(word));
  const removed = [...before].filter((word) => !after.has(word));
  return (
    <>
      {added.length ? <span className="log-added">added {added.map((word) => `“${word}”`).join(", ")}</span> : null}
      {added.length && removed.length ? "; " : null}
      {removed.length ? <span className="log-removed">removed {removed.map((word) => `“${word}”`).join(", ")}</span> : null}
      {!added.length && !removed.length ? "reordered" : null}
    </>
  );
}

function Who({ entry }: { entry: AuditLogEntry }) {
  if (entry.moderator) return <span title={entry.moderator.name ?? undefined}>{entry.moderator.email}</span>;
  if (entry.kind === "decision" && entry.action.startsWith("auto")) return <span className="log-muted">Automatic</span>;
  return <span className="log-muted">{entry.kind === "settings" ? "Command line or a removed account" : "A removed account"}</span>;
}

function DecisionDetails({ entry }: { entry: AuditDecisionEntry }) {
  const { comment } = entry;
  return (
    <>
      <p className="log-transition">
        <span className={`log-status log-status-${entry.fromStatus}`}>{statusNames[entry.fromStatus]}</span>
        <span aria-label="to"> → </span>
        <span className={`log-status log-status-${entry.toStatus}`}>{statusNames[entry.toStatus]}</span>
        {entry.note ? <span className="log-note"> — {entry.note}</span> : null}
      </p>
      <blockquote className="log-excerpt">{comment.excerpt}</blockquote>
      <p className="log-context">
        by <strong>{comment.authorName}</strong> <span className="log-muted">&lt;{comment.authorEmail}&gt;</span> on <em>{comment.article.title}</em> ·{" "}
        <Link href={comment.href}>{comment.status === "approved" ? "View on the article" : `Open in ${statusNames[comment.status]}`}</Link>
      </p>
    </>
  );
}

function SettingsDetails({ entry }: { entry: AuditSettingsEntry }) {
  const scope = entry.article ? "article" : "moderation";
  return (
    <>
      <p className="log-transition">
        {entry.article ? (
          <>
            Article <Link href={`/articles/${encodeURIComponent(entry.article.slug)}`}>{entry.article.title ?? entry.article.slug}</Link>
          </>
        ) : (
          "Site-wide moderation settings"
        )}
      </p>
      {entry.changes.length === 0 ? (
        <p className="log-muted">Saved without changes.</p>
      ) : (
        <ul className="log-changes">
          {entry.changes.map((change) => (
            <li key={change.key}>
              <span className="log-key">{describeSettingKey(change.key, scope)}:</span>{" "}
              {Array.isArray(change.from) && Array.isArray(change.to) ? (
                <WordListChange from={change.from} to={change.to} />
              ) : (
                <>
                  <span className="log-from">{formatValue(change.from, change.key)}</span> → <span className="log-to">{formatValue(change.to, change.key)}</span>
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
export function AuditLogTable({ entries, now }: { entries: AuditLogEntry[]; now: Date }) {
  return (
    <div className="log-table-wrap">
      <table className="log-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={`${entry.kind}-${entry.id}`}>
              <td className="log-when">
                <time dateTime={entry.createdAt.toISOString()} title={formatExactTime(entry.createdAt)}>
                  {formatRelativeTime(entry.createdAt, now)}
                </time>
                <span className="log-exact">{formatExactTime(entry.createdAt)}</span>
              </td>
              <td className="log-who">
                <Who entry={entry} />
              </td>
              <td>
                {entry.kind === "decision" ? (
                  <span className={`log-action log-action-${entry.action}`}>{decisionActionNames[entry.action] ?? entry.action}</span>
                ) : (
                  <span className="log-action log-action-settings">{entry.article ? "Article switched" : "Settings changed"}</span>
                )}
              </td>
              <td className="log-details">{entry.kind === "decision" ? <DecisionDetails entry={entry} /> : <SettingsDetails entry={entry} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
