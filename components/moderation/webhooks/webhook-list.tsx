import type { DeliveryLogEntry, WebhookRecord } from "@/lib/webhooks/webhook-admin";
import { WebhookActions } from "./webhook-actions";
import "./webhooks.css";

const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC", hour12: false });
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

function formatTime(iso: string): string {
  return `${timeFormat.format(new Date(iso))} UTC`;
}

/** What became of one try, in words. */
function resultOf(entry: DeliveryLogEntry): string {
  if (entry.outcome === "queued") return "Waiting to be sent";
  if (entry.outcome === "delivered") return "Delivered";
  const next = entry.retryAt ? ` Next try ${formatTime(entry.retryAt)}.` : entry.isGivenUp ? " Given up." : "";
  return `${entry.error ?? "Failed"}.${next}`;
}

function DeliveryLog({ hook }: { hook: WebhookRecord }) {
  if (hook.log.length === 0) return <p className="webhooks-empty">No deliveries yet.</p>;
  return (
    <table className="webhook-log">
      <caption>Recent deliveries, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Event</th>
          <th scope="col">Try</th>
          <th scope="col">Status</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {hook.log.map((entry) => (
          <tr key={`${entry.deliveryId}-${entry.attempt}`} className={`webhook-log-${entry.outcome}`}>
            <td>
              <time dateTime={entry.at}>{formatTime(entry.at)}</time>
            </td>
            <td>
              <code>{entry.event}</code>
            </td>
            <td className="webhook-log-number">{entry.attempt === 0 ? "–" : entry.attempt}</td>
            <td className="webhook-log-number">{entry.outcome === "queued" ? "–" : (entry.status ?? "no answer")}</td>
            <td>
              {resultOf(entry)}
              {entry.durationMs !== null ? <span className="webhook-log-duration"> ({entry.durationMs} ms)</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The hooks, grouped by site, one card each: where they post, what they hear, and their delivery log. */
export function WebhookList({ hooks }: { hooks: WebhookRecord[] }) {
  if (hooks.length === 0) return <p className="webhooks-empty">No webhook yet. Add one above to hear of new and moderated comments.</p>;
  const bySite = new Map<string, WebhookRecord[]>();
  for (const hook of hooks) bySite.set(hook.siteId, [...(bySite.get(hook.siteId) ?? []), hook]);
  return (
    <div className="webhook-sites">
      {[...bySite.values()].map((siteHooks) => (
        <section key={siteHooks[0]!.siteId} className="webhook-site" aria-labelledby={`webhook-site-${siteHooks[0]!.siteId}`}>
          <h3 id={`webhook-site-${siteHooks[0]!.siteId}`}>
            {siteHooks[0]!.siteName} <span className="webhook-site-key">key <code>{siteHooks[0]!.siteKey}</code></span>
          </h3>
          <ul className="webhook-list">
            {siteHooks.map((hook) => (
              <li key={hook.id} className="webhook-card" aria-label={`Webhook ${hook.url}`}>
                <div className="webhook-card-head">
                  <code className="webhook-url">{hook.url}</code>
                  <span className={hook.isActive ? "webhook-state webhook-state-active" : "webhook-state webhook-state-paused"}>{hook.isActive ? "Active" : "Paused"}</span>
                </div>
                <p className="webhook-facts">
                  {hook.events.map((event) => (
                    <code key={event} className="webhook-event">
                      {event}
                    </code>
                  ))}
                  <span className="webhook-added">
                    added <time dateTime={hook.createdAt}>{dateFormat.format(new Date(hook.createdAt))}</time>
                  </span>
                </p>
                <WebhookActions hook={{ id: hook.id, url: hook.url, isActive: hook.isActive }} />
                <DeliveryLog hook={hook} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
