"use client";
// The first thing Tab reaches on every reader page: a link past the header to
// the page's content, and on an article also one straight to its comments.
import { usePathname } from "next/navigation";
import { useTranslator } from "@/components/i18n/locale-context";

/** "Skip to content" (and "Skip to the comments" on an article), shown when focused. */
export function SkipLinks() {
  const t = useTranslator();
  const isArticle = usePathname()?.startsWith("/articles/") ?? false;
  return (
    <div className="skip-links">
      <a className="skip-link" href="#content">
        {t("common.skipToContent")}
      </a>
      {isArticle ? (
        <a className="skip-link" href="#comments">
          {t("common.skipToComments")}
        </a>
      ) : null}
    </div>
  );
}
