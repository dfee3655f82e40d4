import type { Metadata } from "next";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { NoModerationRights } from "@/components/moderation/no-moderation-rights";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("reader.pages.forbidden"), robots: { index: false } };
}

/** The same notice at its own address, for links and sign-in's redirects. */
export default function ForbiddenPage() {
  return <NoModerationRights />;
}
