import type { Metadata } from "next";
import Link from "next/link";
import { EraseDataForm } from "@/components/moderation/privacy/erase-data-form";
import { ExportDataForm } from "@/components/moderation/privacy/export-data-form";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/lib/db";
import { getModerationSettings } from "@/lib/moderation/settings";
import { listPrivacyRequests } from "@/lib/privacy/list-privacy-requests";
import "@/components/moderation/bans/bans.css";
import "@/components/moderation/privacy/privacy.css";
import { requireModeratorPage } from "../moderator-page";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Readers' data" };

/** Readers' requests for their data or its erasure (administrators only), and the log of those made. */
export default async function PrivacyRequestsPage() {
  const account = await requireModeratorPage();
  if (account.role !== "admin") {
    return (
      <>
        <h1>Readers&rsquo; data</h1>
        <p className="form-alert" role="alert">
          Only administrators can export or erase a reader&rsquo;s data. Pass the request on to an administrator.
        </p>
      </>
    );
  }

  const db = getDb();
  const [settings, requests] = await Promise.all([getModerationSettings(db), listPrivacyRequests(db)]);
  const now = new Date();

  return (
    <>
      <h1>Readers&rsquo; data</h1>
      <p className="privacy-lead">
        A reader may ask for a copy of everything stored about them, or for its erasure. Both go by the e-mail address they comment with, and both are
        logged below without the address. IP addresses and user agents are removed by themselves after {settings.ipRetentionDays} days;{" "}
        {settings.privacyContact ? (
          <>
            the <Link href="/privacy">privacy page</Link> tells readers to write to {settings.privacyContact}.
          </>
        ) : (
          <>
            set a contact for such requests in <Link href="/moderation/settings">Settings</Link> so the <Link href="/privacy">privacy page</Link> can name it.
          </>
        )}
      </p>
      <section className="privacy-section" aria-labelledby="privacy-export-heading">
        <h2 id="privacy-export-heading">Export a reader&rsquo;s data</h2>
        <ExportDataForm />
      </section>
      <section className="privacy-section" aria-labelledby="privacy-erase-heading">
        <h2 id="privacy-erase-heading">Erase a reader&rsquo;s data</h2>
        <EraseDataForm />
      </section>
      <section className="privacy-section" aria-labelledby="privacy-log-heading">
        <h2 id="privacy-log-heading">Recent requests</h2>
        {requests.length === 0 ? (
          <p className="privacy-empty">No request yet.</p>
        ) : (
          <div className="bans-table-wrap privacy-log">
            <table className="data-table bans-table">
              <caption className="visually-hidden">Recent requests</caption>
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Comments</th>
                  <th scope="col">When</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((request) => (
                  <tr key={request.id}>
                    <td>{request.kind === "erase" ? "Erasure" : "Export"}</td>
                    <td>{request.comments}</td>
                    <td>
                      <RelativeTime iso={request.createdAt} now={now} />
                    </td>
                    <td>{request.moderator ? (request.moderator.name ?? request.moderator.email) : "command line"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
