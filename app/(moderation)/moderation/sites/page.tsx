import type { Metadata } from "next";
import { headers } from "next/headers";
import { SiteForm } from "@/components/moderation/sites/site-form";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { SiteList, type SiteRow } from "@/components/moderation/sites/site-list";
import { getDb } from "@/lib/db";
import { buildEmbedSnippets, embedScriptUrl, listSites, readPublicOrigin } from "@/lib/embed/site-admin";
import { getEnv } from "@/lib/env";
import "@/components/moderation/sites/sites.css";
import { requireModeratorPage } from "../moderator-page";

export const dynamic = "force-dynamic";

/** The tab's title, in the dashboard's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("sites.title") };
}

/** Shown in snippets when the request names no usable host (it always does behind our server). */
const FALLBACK_ORIGIN = "https://comments.example.com";

/** Sites for embedding (administrators only): add one, change its allowed origins, copy its snippets. */
export default async function SitesPage() {
  // Every moderator gets this far; managing sites is for administrators.
  const account = await requireModeratorPage();
  const { locale, t } = await getRequestTranslator();
  if (account.role !== "admin") {
    return (
      <div className="sites-page">
        <h1>{t("sites.title")}</h1>
        <p className="sites-admin-only" role="alert">
          {t("sites.adminOnly")}
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
      <h1>{t("sites.title")}</h1>
      <p className="sites-intro">{t("sites.intro")}</p>
      <section className="sites-section" aria-labelledby="add-site-heading">
        <h2 id="add-site-heading">{t("sites.addHeading")}</h2>
        <SiteForm />
      </section>
      <section className="sites-section" aria-labelledby="site-list-heading">
        <h2 id="site-list-heading">
          {t("sites.listHeading")} <span className="sites-count">({new Intl.NumberFormat(locale).format(sites.length)})</span>
        </h2>
        <p className="sites-note">{t("sites.note", { origin })}</p>
        <SiteList sites={sites} locale={locale} />
      </section>
    </div>
  );
}
