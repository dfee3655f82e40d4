import { getRequestTranslator } from "@/components/i18n/server-locale";
import { LangLink } from "@/components/site/lang-link";

/** A mail link that is forged, cut short, or for an address we no longer keep. */
export default async function NotificationLinkNotFound() {
  const { t } = await getRequestTranslator();
  return (
    <div className="not-found">
      <h1 className="page-title">{t("reader.mailLink.invalidTitle")}</h1>
      <p>{t("reader.mailLink.invalidText")}</p>
      <p>
        <LangLink href="/">{t("reader.notFound.latest")}</LangLink>
      </p>
    </div>
  );
}
