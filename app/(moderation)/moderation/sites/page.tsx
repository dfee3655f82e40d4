import type { Metadata } from "next";
import { headers } from "next/headers";
import { SiteForm } from "@/components/moderation/sites/site-form";
import { SiteList, type SiteRow } from "@/components/moderation/sites/site-list";
import { getDb } from "@/lib/db";
import { buildEmbedSnippets, embedScriptUrl, listSites, readPublicOrigin } from "@/lib/embed/site-admin";
import { getEnv } from "@/lib/env";
import "@/components/moderation/sites/sites.css";
import { requireModeratorPage } from "../moderator-page";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sites" };

/** Shown in snippets when the request names no usable host (it always does behind our server). */
const FALLBACK_ORIGIN = "https://comments.example.com";

/** Sites for embedding (administrators only): add one, change its allowed origins, copy its snippets. */
export default async function SitesPage() {
  // Every moderator gets this far; managing sites is for administrators.
  const account = await requireModeratorPage();
  if (account.role !== "admin") {
    return (
      <div className="sites-page">
        <h1>Sites</h1>
        <p className="sites-admin-only" role="alert">
          Only administrators can manage sites. Ask an administrator to add a site or change where it may be embedded.
        </p>
      </div>
    );
  }

  const requestHeaders = await headers();
  const origin =
    readPublicOrigin({
      configuredUrl: getEnv().NEXTAUTH_URL,
      forwardedProto: requestHeaders.get("x-forwarded-proto"),
      forwardedHost: requestHeaders.get("x-forwarded-host"),
      host: requestHeaders.get("host"),
    }) ?? FALLBACK_ORIGIN;
  const scriptUrl = embedScriptUrl(origin);
  const sites: SiteRow[] = (await listSites(getDb())).map((site) => ({ ...site, snippets: buildEmbedSnippets(scriptUrl, site.key, { isSigned: site.hasSecret }) }));

  return (
    <div className="sites-page">
      <h1>Sites</h1>
      <p className="sites-intro">
        Publications that show threads under their own articles. Each site gets a key for its snippet; only pages on its allowed origins may frame its threads and read its comment counts.
      </p>
      <section className="sites-section" aria-labelledby="add-site-heading">
        <h2 id="add-site-heading">Add a site</h2>
        <SiteForm />
      </section>
      <section className="sites-section" aria-labelledby="site-list-heading">
        <h2 id="site-list-heading">
          Sites <span className="sites-count">({sites.length})</span>
        </h2>
        <p className="sites-note">
          Snippets load the comments from <code>{origin}</code>. An article appears here the first time its page loads the thread.
        </p>
        <SiteList sites={sites} />
      </section>
    </div>
  );
}
