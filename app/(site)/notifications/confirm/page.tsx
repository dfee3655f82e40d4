import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireReaderAddressState } from "@/lib/notifications/reader-subscriptions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Confirm your e-mail notifications", robots: { index: false } };

type PageProps = { searchParams: Promise<{ token?: string | string[] }> };

/** The confirmation mail's link: a button that POSTs, so a link scanner fetching the page confirms nothing. */
export default async function ConfirmNotificationsPage({ searchParams }: PageProps) {
  const { token } = await searchParams;
  const state = await requireReaderAddressState(getDb(), "confirm", token).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const isConfirmed = state === "confirmed";
  return (
    <article className="prose">
      <h1 className="page-title">{isConfirmed ? "Your address is confirmed" : "Confirm your e-mail notifications"}</h1>
      {isConfirmed ? (
        <p>Thanks. You will get the notifications you asked for; every mail has a link to unsubscribe.</p>
      ) : (
        <>
          <p>You asked to hear about replies to your comments or new comments in a discussion. Confirm that this address is yours and wants them.</p>
          <form method="post" action={`/api/v1/notifications/confirm?token=${encodeURIComponent(String(token))}`}>
            <input type="hidden" name="confirm" value="1" />
            <button type="submit" className="button button-primary">
              Confirm
            </button>
          </form>
        </>
      )}
    </article>
  );
}
