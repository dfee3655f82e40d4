import Link from "next/link";

/** The action filters, as the select offers them. */
const actionOptions: Array<{ value: string; label: string }> = [
  { value: "approve", label: "Approve" },
  { value: "reject", label: "Reject" },
  { value: "spam", label: "Spam" },
  { value: "ham", label: "Not spam" },
  { value: "undo", label: "Undo" },
  { value: "settings", label: "Settings changes" },
];

/** The log's filters: a plain GET form, so filtered views can be bookmarked and shared. */
export function AuditLogFilters({ moderators, moderator, action }: { moderators: Array<{ email: string; name: string | null }>; moderator: string; action: string }) {
  const isFiltered = moderator !== "" || action !== "";
  return (
    <form className="log-filters" method="get" action="/moderation/log" aria-label="Filter the log">
      <div className="log-filter">
        <label htmlFor="log-moderator">Moderator</label>
        <select id="log-moderator" name="moderator" defaultValue={moderator}>
          <option value="">Everyone</option>
          {moderators.map((account) => (
            <option key={account.email} value={account.email}>
              {account.name ? `${account.name} (${account.email})` : account.email}
            </option>
          ))}
          {moderator && !moderators.some((account) => account.email.toLowerCase() === moderator.toLowerCase()) ? <option value={moderator}>{moderator}</option> : null}
        </select>
      </div>
      <div className="log-filter">
        <label htmlFor="log-action">Action</label>
        <select id="log-action" name="action" defaultValue={action}>
          <option value="">All actions</option>
          {actionOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        Filter
      </button>
      {isFiltered ? <Link href="/moderation/log">Clear filters</Link> : null}
    </form>
  );
}
