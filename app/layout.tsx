import type { Metadata } from "next";
import type { ReactNode } from "react";
import { LocaleProvider } from "@/components/i18n/locale-context";
import { getRequestLocale, getRequestTranslator } from "@/components/i18n/server-locale";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  const siteName = t("common.siteName");
  return { title: { default: siteName, template: `%s · ${siteName}` }, description: t("common.siteDescription") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getRequestLocale();
  return (
    <html lang={locale}>
      <body>
        <LocaleProvider locale={locale}>{children}</LocaleProvider>
      </body>
    </html>
  );
}
