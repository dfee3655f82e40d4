import type { Metadata } from "next";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { GUIDELINES_TEXT } from "@/components/site/pages/guidelines-text";
import { getDiscussionPolicy } from "@/lib/content/policy";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("reader.pages.guidelines") };
}

export default async function GuidelinesPage() {
  const { locale, t } = await getRequestTranslator();
  const Guidelines = GUIDELINES_TEXT[locale];
  return (
    <article className="prose">
      <h1 className="page-title">{t("reader.pages.guidelines")}</h1>
      <p className="policy">{getDiscussionPolicy(locale)}</p>
      <Guidelines />
    </article>
  );
}
