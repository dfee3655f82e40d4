import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireReaderAddressState } from "@/lib/notifications/reader-subscriptions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("reader.mailLink.confirmTitle"), robots: { index: false } };
}

type PageProps = { searchParams: Promise<{ token?: string | string[] }> };

/** The confirmation mail's link: a button that POSTs, so a link scanner fetching the page confirms nothing. */
export default async function ConfirmNotificationsPage({ searchParams }: PageProps) {
  const { token } = await searchParams;
  const state = await requireReaderAddressState(getDb(), "confirm", token).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const isConfirmed = state === "confirmed";
  const { t } = await getRequestTranslator();
  return (
    <article className="prose">
      <h1 className="page-title">{t(isConfirmed ? "reader.mailLink.confirmedTitle" : "reader.mailLink.confirmTitle")}</h1>
      {isConfirmed ? (
        <p>{t("reader.mailLink.confirmedText")}</p>
      ) : (
        <>
          <p>{t("reader.mailLink.confirmText")}</p>
          <form method="post" action={`/api/v1/notifications/confirm?token=${encodeURIComponent(String(token))}`}>
            <input type="hidden" name="confirm" value="1" />
            <button type="submit" className="button button-primary">
              {t("reader.mailLink.confirm")}
            </button>
          </form>
        </>
      )}
    </article>
  );
}
