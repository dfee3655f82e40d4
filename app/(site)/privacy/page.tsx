import type { Metadata } from "next";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { PRIVACY_TEXT } from "@/components/site/pages/privacy-text";
import { getDb } from "@/lib/db";
import { getModerationSettings } from "@/lib/moderation/settings";

// The retention period and the contact are settings an administrator changes: read on each request.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("reader.pages.privacy") };
}

export default async function PrivacyPage() {
  const { ipRetentionDays, privacyContact } = await getModerationSettings(getDb());
  const { locale, t } = await getRequestTranslator();
  const PrivacyText = PRIVACY_TEXT[locale];
  return (
    <article className="prose">
      <h1 className="page-title">{t("reader.pages.privacyHeading")}</h1>
      <PrivacyText ipRetentionDays={ipRetentionDays} privacyContact={privacyContact} />
    </article>
  );
}
