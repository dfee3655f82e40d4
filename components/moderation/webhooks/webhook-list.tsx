import type { Locale } from "@/lib/i18n/locales";
import { createTranslator, type Translator } from "@/lib/i18n/translate";
import type { DeliveryLogEntry, WebhookRecord } from "@/lib/webhooks/webhook-admin";
import { FillText } from "../fill-text";
import { WebhookActions } from "./webhook-actions";
import "./webhooks.css";

const intlLocale = (locale: Locale) => (locale === "en" ? "en-GB" : locale);

function formatTime(iso: string, locale: Locale): string {
  const format = new Intl.DateTimeFormat(intlLocale(locale), { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC", hour12: false });
  return `${format.format(new Date(iso))} UTC`;
}

function formatDay(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(iso));
}

/** What became of one try, in words. */
function resultOf(entry: DeliveryLogEntry, t: Translator, locale: Locale): string {
  if (entry.outcome === "queued") return t("dashboard.webhooks.waiting");
  if (entry.outcome === "delivered") return t("dashboard.webhooks.delivered");
  const next = entry.retryAt ? t("dashboard.webhooks.nextTry", { time: formatTime(entry.retryAt, locale) }) : entry.isGivenUp ? t("dashboard.webhooks.givenUp") : "";
  return `${entry.error ?? t("dashboard.webhooks.failed")}.${next}`;
}

function DeliveryLog({ hook, t, locale }: { hook: WebhookRecord; t: Translator; locale: Locale }) {
  if (hook.log.length === 0) return <p className="webhooks-empty">{t("dashboard.webhooks.noDeliveries")}</p>;
  return (
    <table className="webhook-log">
      <caption>{t("dashboard.webhooks.logCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("dashboard.webhooks.time")}</th>
          <th scope="col">{t("dashboard.webhooks.event")}</th>
          <th scope="col">{t("dashboard.webhooks.try")}</th>
          <th scope="col">{t("dashboard.webhooks.status")}</th>
          <th scope="col">{t("dashboard.webhooks.result")}</th>
        </tr>
      </thead>
      <tbody>
        {hook.log.map((entry) => (
          <tr key={`${entry.deliveryId}-${entry.attempt}`} className={`webhook-log-${entry.outcome}`}>
            <td>
              <time dateTime={entry.at}>{formatTime(entry.at, locale)}</time>
            </td>
            <td>
              <code>{entry.event}</code>
            </td>
            <td className="webhook-log-number">{entry.attempt === 0 ? "–" : entry.attempt}</td>
            <td className="webhook-log-number">{entry.outcome === "queued" ? "–" : (entry.status ?? t("dashboard.webhooks.noAnswer"))}</td>
            <td>
              {resultOf(entry, t, locale)}
              {entry.durationMs !== null ? <span className="webhook-log-duration"> ({entry.durationMs} ms)</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The hooks, grouped by site, one card each: where they post, what they hear, and their delivery log. */
export function WebhookList({ hooks, locale }: { hooks: WebhookRecord[]; locale: Locale }) {
  const t = createTranslator(locale);
  if (hooks.length === 0) return <p className="webhooks-empty">{t("dashboard.webhooks.noHooks")}</p>;
  const bySite = new Map<string, WebhookRecord[]>();
  for (const hook of hooks) bySite.set(hook.siteId, [...(bySite.get(hook.siteId) ?? []), hook]);
  return (
    <div className="webhook-sites">
      {[...bySite.values()].map((siteHooks) => (
        <section key={siteHooks[0]!.siteId} className="webhook-site" aria-labelledby={`webhook-site-${siteHooks[0]!.siteId}`}>
          <h3 id={`webhook-site-${siteHooks[0]!.siteId}`}>
            {siteHooks[0]!.siteName} <span className="webhook-site-key">
              <FillText text={t("dashboard.webhooks.siteKey")} values={{ key: <code>{siteHooks[0]!.siteKey}</code> }} />
            </span>
          </h3>
          <ul className="webhook-list">
            {siteHooks.map((hook) => (
              <li key={hook.id} className="webhook-card" aria-label={t("dashboard.webhooks.hookLabel", { url: hook.url })}>
                <div className="webhook-card-head">
                  <code className="webhook-url">{hook.url}</code>
                  <span className={hook.isActive ? "webhook-state webhook-state-active" : "webhook-state webhook-state-paused"}>{hook.isActive ? t("dashboard.webhooks.active") : t("dashboard.webhooks.paused")}</span>
                </div>
                <p className="webhook-facts">
                  {hook.events.map((event) => (
                    <code key={event} className="webhook-event">
                      {event}
                    </code>
                  ))}
                  <span className="webhook-added">
                    <FillText text={t("dashboard.webhooks.added")} values={{ date: <time dateTime={hook.createdAt}>{formatDay(hook.createdAt, locale)}</time> }} />
                  </span>
                </p>
                <WebhookActions hook={{ id: hook.id, url: hook.url, isActive: hook.isActive }} />
                <DeliveryLog hook={hook} t={t} locale={locale} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
