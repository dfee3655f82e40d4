import { RelativeTime } from "@/components/ui/relative-time";
import type { BanRecord } from "@/lib/moderation/bans";
import { UnbanButton } from "./unban-button";
import "./bans.css";

function moderatorName(ban: BanRecord): string {
  return ban.bannedBy ? (ban.bannedBy.name ?? ban.bannedBy.email) : "—";
}

/** A list of bans: who, why, by whom and when; active ones with an Unban button. */
export function BanTable({ bans, caption, emptyText, now }: { bans: BanRecord[]; caption: string; emptyText: string; now: Date }) {
  if (bans.length === 0) return <p className="bans-empty">{emptyText}</p>;
  return (
    <div className="bans-table-wrap">
      <table className="data-table bans-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Author</th>
            <th scope="col">Reason</th>
            <th scope="col">Banned</th>
            <th scope="col">{bans.some((ban) => ban.isActive) ? <span className="visually-hidden">Action</span> : "Ended"}</th>
          </tr>
        </thead>
        <tbody>
          {bans.map((ban) => (
            <tr key={ban.id}>
              <td className="bans-author">
                {ban.email ? <span className="bans-email">{ban.email}</span> : null}
                {ban.ip ? <span className="bans-ip">IP {ban.ip}</span> : null}
              </td>
              <td className="bans-reason">{ban.reason}</td>
              <td className="bans-when">
                <RelativeTime iso={ban.createdAt} now={now} />
                <span className="bans-by">by {moderatorName(ban)}</span>
              </td>
              <td className="bans-end">
                {ban.isActive ? (
                  <UnbanButton banId={ban.id} label={`Unban ${ban.email ?? ban.ip ?? "this author"}`} />
                ) : ban.liftedAt ? (
                  <>
                    Lifted <RelativeTime iso={ban.liftedAt} now={now} />
                  </>
                ) : ban.expiresAt ? (
                  <>
                    Expired <RelativeTime iso={ban.expiresAt} now={now} />
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
