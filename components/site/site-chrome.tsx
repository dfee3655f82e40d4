import type { ReactNode } from "react";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { PRODUCT_NAME } from "@/lib/content/policy";
import { LangLink } from "./lang-link";
import { SkipLinks } from "./skip-links";

/** The reader site's skip links, header, navigation and footer around a page, in the request's language. */
export async function SiteChrome({ children }: { children: ReactNode }) {
  const { t } = await getRequestTranslator();
  return (
    <>
      <SkipLinks />
      <header className="site-header">
        <div className="site-header-inner">
          <LangLink href="/" className="site-name">
            TRANSCEND Media Service <span className="site-name-note">{t("reader.siteNameNote")}</span>
          </LangLink>
          <nav aria-label={t("reader.nav.label")}>
            <ul className="site-nav">
              <li>
                <LangLink href="/">{t("reader.nav.articles")}</LangLink>
              </li>
              <li>
                <LangLink href="/guidelines">{t("reader.nav.guidelines")}</LangLink>
              </li>
              <li>
                <LangLink href="/privacy">{t("reader.nav.privacy")}</LangLink>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      {/* Focusable so the skip link moves focus here, not just the scroll position. */}
      <main id="content" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          {t("reader.footer.discussionBy", { product: PRODUCT_NAME })} · <LangLink href="/guidelines">{t("reader.footer.guidelines")}</LangLink> ·{" "}
          <LangLink href="/privacy">{t("reader.footer.dataProcessing")}</LangLink> · <LangLink href="/accessibility">{t("reader.footer.accessibility")}</LangLink>
        </p>
      </footer>
    </>
  );
}
