import type { Metadata } from "next";
import { withLink } from "@/components/comments/with-link";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { ContactLink } from "@/components/site/pages/privacy-text";
import { getDb } from "@/lib/db";
import { getModerationSettings } from "@/lib/moderation/settings";

// Problems are reported to the privacy contact the administrators set: read on each request.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("accessibility.title") };
}

/** The accessibility statement: the standard, what is tested, known limits, and whom to tell. */
export default async function AccessibilityPage() {
  const { privacyContact } = await getModerationSettings(getDb());
  const { t } = await getRequestTranslator();
  return (
    <article className="prose">
      <h1 className="page-title">{t("accessibility.title")}</h1>
      <p>{t("accessibility.intro")}</p>

      <h2>{t("accessibility.standardTitle")}</h2>
      <p>{t("accessibility.standard")}</p>

      <h2>{t("accessibility.testedTitle")}</h2>
      <p>{t("accessibility.testedAxe")}</p>
      <p>{t("accessibility.testedVariants")}</p>
      <p>{t("accessibility.testedKeyboard")}</p>

      <h2>{t("accessibility.featuresTitle")}</h2>
      <p>{t("accessibility.features")}</p>

      <h2>{t("accessibility.limitsTitle")}</h2>
      <p>{t("accessibility.limits")}</p>

      <h2>{t("accessibility.reportTitle")}</h2>
      <p>{privacyContact ? withLink(t("accessibility.reportWith"), "contact", <ContactLink contact={privacyContact} />) : t("accessibility.reportWithout")}</p>
      <p className="prose-note">{t("accessibility.updated")}</p>
    </article>
  );
}
