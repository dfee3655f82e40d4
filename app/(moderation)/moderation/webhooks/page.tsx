import type { Metadata } from "next";
import { WebhookForm } from "@/components/moderation/webhooks/webhook-form";
import { WebhookList } from "@/components/moderation/webhooks/webhook-list";
import { getDb } from "@/lib/db";
import { listSites } from "@/lib/embed/site-admin";
import { listWebhooks } from "@/lib/webhooks/webhook-admin";
import "@/components/moderation/webhooks/webhooks.css";
import { requireModeratorPage } from "../moderator-page";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Webhooks" };

/** Sites' webhooks (administrators only): add one, pause, replace its secret or delete it, and read its delivery log. */
export default async function WebhooksPage() {
  // Every moderator gets this far; webhooks are for administrators.
  const account = await requireModeratorPage();
  if (account.role !== "admin") {
    return (
      <div className="webhooks-page">
        <h1>Webhooks</h1>
        <p className="webhooks-admin-only" role="alert">
          Only administrators can manage webhooks.
        </p>
      </div>
    );
  }

  const db = getDb();
  const [sites, hooks] = await Promise.all([listSites(db), listWebhooks(db)]);
  return (
    <div className="webhooks-page">
      <h1>Webhooks</h1>
      <p className="webhooks-intro">
        Other services hear of a site&rsquo;s comments here: each event (<code>comment.created</code>, <code>comment.approved</code>, <code>comment.rejected</code>) is POSTed as JSON, signed with the hook&rsquo;s secret in{" "}
        <code>X-Tertulia-Signature</code>, and tried again with growing delays until the receiver answers 2xx. Authors&rsquo; e-mail addresses and IPs are never sent.
      </p>
      <section className="webhooks-section" aria-labelledby="add-webhook-heading">
        <h2 id="add-webhook-heading">Add a webhook</h2>
        <WebhookForm sites={sites.map((site) => ({ id: site.id, name: site.name, key: site.key }))} />
      </section>
      <section className="webhooks-section" aria-labelledby="webhook-list-heading">
        <h2 id="webhook-list-heading">
          Webhooks <span className="webhooks-count">({hooks.length})</span>
        </h2>
        <WebhookList hooks={hooks} />
      </section>
    </div>
  );
}
