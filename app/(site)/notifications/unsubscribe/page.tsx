import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireReaderAddressState } from "@/lib/notifications/reader-subscriptions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

type PageProps = { searchParams: Promise<{ token?: string | string[] }> };

/** The unsubscribe link of every reader mail: a button that POSTs (mail clients use the one-click header instead). */
export default async function UnsubscribePage({ searchParams }: PageProps) {
  const { token } = await searchParams;
  const state = await requireReaderAddressState(getDb(), "unsubscribe", token).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const isUnsubscribed = state === "unsubscribed";
  return (
    <article className="prose">
      <h1 className="page-title">{isUnsubscribed ? "You are unsubscribed" : "Unsubscribe from every mail"}</h1>
      {isUnsubscribed ? (
        <p>We will not send this address any more mail. Ticking a notification box with a new comment asks for a new confirmation.</p>
      ) : (
        <>
          <p>Stop every notification to this address: replies to your comments and the discussions you follow.</p>
          <form method="post" action={`/api/v1/notifications/unsubscribe?token=${encodeURIComponent(String(token))}`}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <input type="hidden" name="from" value="page" />
            <button type="submit" className="button button-primary">
              Unsubscribe
            </button>
          </form>
        </>
      )}
    </article>
  );
}
