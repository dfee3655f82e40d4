import type { EmbedSnippets, SiteRecord } from "@/lib/embed/site-admin";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import { SiteEditor } from "./site-editor";
import { SnippetBox } from "./snippet-box";
import "./sites.css";

/** A site with the snippets that embed it from this server. */
export interface SiteRow extends SiteRecord {
  snippets: EmbedSnippets;
}

/** Each language a site may have, by its own name; null is the reader's browser. */
const LANGUAGE_NAMES: Record<string, string> = { en: "English", es: "Español" };

/** The sites for embedding, one card each: what they are, where they may be embedded, how the frame speaks and looks, and what to paste. */
export function SiteList({ sites, locale }: { sites: SiteRow[]; locale: Locale }) {
  const t = createTranslator(locale);
  const dateFormat = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const numberFormat = new Intl.NumberFormat(locale);
  if (sites.length === 0) return <p className="sites-empty">{t("sites.empty")}</p>;
  return (
    <ul className="site-list">
      {sites.map((site) => (
        <li key={site.id} className="site-card" aria-labelledby={`site-${site.id}-name`}>
          <div className="site-card-head">
            <h3 id={`site-${site.id}-name`}>{site.name}</h3>
            <span className="site-key">
              {t("sites.keyFact")} <code>{site.key}</code>
            </span>
          </div>
          <dl className="site-facts">
            <div className="site-origins">
              <dt>{t("sites.originsLabel")}</dt>
              <dd>
                <ul>
                  {site.allowedOrigins.map((origin) => (
                    <li key={origin}>
                      <code>{origin}</code>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>{t("sites.articlesFact")}</dt>
              <dd className="site-figure">{numberFormat.format(site.articleCount)}</dd>
            </div>
            <div>
              <dt>{t("sites.publishedFact")}</dt>
              <dd className="site-figure">{numberFormat.format(site.approvedCommentCount)}</dd>
            </div>
            <div>
              <dt>{t("sites.newDiscussionsFact")}</dt>
              <dd>{site.hasSecret ? t("sites.signedOnly") : t("sites.anyPage")}</dd>
            </div>
            <div>
              <dt>{t("sites.languageFact")}</dt>
              <dd>{site.language && LANGUAGE_NAMES[site.language] ? <span lang={site.language}>{LANGUAGE_NAMES[site.language]}</span> : t("sites.languageBrowser")}</dd>
            </div>
            <div>
              <dt>{t("sites.stylesheetFact")}</dt>
              <dd>{site.themeStylesheetUrl ? <code>{site.themeStylesheetUrl}</code> : t("sites.none")}</dd>
            </div>
            <div>
              <dt>{t("sites.addedFact")}</dt>
              <dd>
                <time dateTime={site.createdAt}>{dateFormat.format(new Date(site.createdAt))}</time>
              </dd>
            </div>
          </dl>
          <SiteEditor site={{ id: site.id, name: site.name, key: site.key, allowedOrigins: site.allowedOrigins, language: site.language, themeStylesheetUrl: site.themeStylesheetUrl }} />
          <div className="site-snippets">
            <SnippetBox
              label={t("sites.threadSnippet")}
              context={site.name}
              text={site.snippets.thread}
              hint={site.hasSecret ? t("sites.threadSnippetSignedHint") : t("sites.threadSnippetHint")}
            />
            <SnippetBox label={t("sites.countSnippet")} context={site.name} text={site.snippets.count} hint={t("sites.countSnippetHint")} />
          </div>
        </li>
      ))}
    </ul>
  );
}
