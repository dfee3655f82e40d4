import { getRequestTranslator } from "@/components/i18n/server-locale";
import { LangLink } from "@/components/site/lang-link";
import { SiteChrome } from "@/components/site/site-chrome";

export default async function NotFound() {
  const { t } = await getRequestTranslator();
  return (
    <SiteChrome>
      <div className="not-found">
        <h1 className="page-title">{t("reader.notFound.title")}</h1>
        <p>{t("reader.notFound.text")}</p>
        <p>
          <LangLink href="/">{t("reader.notFound.latest")}</LangLink>
        </p>
      </div>
    </SiteChrome>
  );
}
