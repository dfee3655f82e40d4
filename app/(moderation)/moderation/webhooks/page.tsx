import type { Metadata } from "next";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { FillText } from "@/components/moderation/fill-text";
import { WebhookForm } from "@/components/moderation/webhooks/webhook-form";
import { WebhookList } from "@/components/moderation/webhooks/webhook-list";
import { getDb } from "@/lib/db";
import { listSites } from "@/lib/embed/site-admin";
import { listWebhooks } from "@/lib/webhooks/webhook-admin";
import "@/components/moderation/webhooks/webhooks.css";
import { requireModeratorPage } from "../moderator-page";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("dashboard.webhooks.title") };
}

/** Sites' webhooks (administrators only): add one, pause, replace its secret or delete it, and read its delivery log. */
export default async function WebhooksPage() {
  // Every moderator gets this far; webhooks are for administrators.
  const account = await requireModeratorPage();
  const { t, locale } = await getRequestTranslator();
  if (account.role !== "admin") {
    return (
      <div className="webhooks-page">
        <h1>{t("dashboard.webhooks.title")}</h1>
        <p className="webhooks-admin-only" role="alert">
          {t("dashboard.webhooks.adminOnly")}
        </p>
      </div>
    );
  }

  const db = getDb();
  const [sites, hooks] = await Promise.all([listSites(db), listWebhooks(db)]);
  return (
    <div className="webhooks-page">
      <h1>{t("dashboard.webhooks.title")}</h1>
      <p className="webhooks-intro">
        <FillText
          text={t("dashboard.webhooks.intro")}
          values={{
            events: (
              <>
                <code>comment.created</code>, <code>comment.approved</code>, <code>comment.rejected</code>
              </>
            ),
            header: <code>X-Tertulia-Signature</code>,
          }}
        />
      </p>
      <section className="webhooks-section" aria-labelledby="add-webhook-heading">
        <h2 id="add-webhook-heading">{t("dashboard.webhooks.add")}</h2>
        <WebhookForm sites={sites.map((site) => ({ id: site.id, name: site.name, key: site.key }))} />
      </section>
      <section className="webhooks-section" aria-labelledby="webhook-list-heading">
        <h2 id="webhook-list-heading">
          {t("dashboard.webhooks.list")} <span className="webhooks-count">({new Intl.NumberFormat(locale).format(hooks.length)})</span>
        </h2>
        <WebhookList hooks={hooks} locale={locale} />
      </section>
    </div>
  );
}
