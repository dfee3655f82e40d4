import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireReaderAddressState } from "@/lib/notifications/reader-subscriptions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("reader.mailLink.unsubscribeMetaTitle"), robots: { index: false } };
}

type PageProps = { searchParams: Promise<{ token?: string | string[] }> };

/** The unsubscribe link of every reader mail: a button that POSTs (mail clients use the one-click header instead). */
export default async function UnsubscribePage({ searchParams }: PageProps) {
  const { token } = await searchParams;
  const state = await requireReaderAddressState(getDb(), "unsubscribe", token).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const isUnsubscribed = state === "unsubscribed";
  const { t } = await getRequestTranslator();
  return (
    <article className="prose">
      <h1 className="page-title">{t(isUnsubscribed ? "reader.mailLink.unsubscribedTitle" : "reader.mailLink.unsubscribeTitle")}</h1>
      {isUnsubscribed ? (
        <p>{t("reader.mailLink.unsubscribedText")}</p>
      ) : (
        <>
          <p>{t("reader.mailLink.unsubscribeText")}</p>
          <form method="post" action={`/api/v1/notifications/unsubscribe?token=${encodeURIComponent(String(token))}`}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <input type="hidden" name="from" value="page" />
            <button type="submit" className="button button-primary">
              {t("reader.mailLink.unsubscribe")}
            </button>
          </form>
        </>
      )}
    </article>
  );
}
