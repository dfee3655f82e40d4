"use client";

import { useEffect, useState } from "react";
import { useLocale, useTranslator } from "@/components/i18n/locale-context";
import { getBrowserStorage, type OwnPendingComment } from "./draft-storage";
import { isInPageThread, OWN_PENDING_CHANGED_EVENT, readOwnPendingToShow, settleOwnPending } from "./own-pending";
import { PendingPreview } from "./posted-notice";
import { OWN_PENDING_TITLE_KEY } from "./reader-messages";

/**
 * The reader's own comments that wait for a moderator, kept in this browser:
 * shown at once after a reload (nobody else's page has them), and dropped as
 * the server says each was decided. Per-reader state never enters the HTML
 * every reader is served; it comes from the browser.
 */
export function OwnPendingComments({ slug }: { slug: string }) {
  const [comments, setComments] = useState<OwnPendingComment[]>([]);
  const locale = useLocale();
  const t = useTranslator();

  useEffect(() => {
    const storage = getBrowserStorage();
    // Storage is only readable in the browser, once the HTML every reader shares has hydrated (read during render, it would not match it).
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the browser's storage is the external system this effect reads
    setComments(readOwnPendingToShow(storage, slug, isInPageThread));
    let isCurrent = true;
    void settleOwnPending(storage, slug).then((waiting) => {
      if (isCurrent) setComments(waiting);
    });
    // An edit the server held has just left the thread (own-comment-controls.ts): it joins the list.
    const reread = () => setComments(readOwnPendingToShow(storage, slug, isInPageThread));
    window.addEventListener(OWN_PENDING_CHANGED_EVENT, reread);
    return () => {
      isCurrent = false;
      window.removeEventListener(OWN_PENDING_CHANGED_EVENT, reread);
    };
  }, [slug]);

  if (comments.length === 0) return null;
  return (
    <section className="own-pending" aria-label={t(OWN_PENDING_TITLE_KEY)}>
      <h3 className="own-pending-title">{t(OWN_PENDING_TITLE_KEY)}</h3>
      {comments.map((comment) => (
        <PendingPreview key={comment.id} authorName={comment.authorName} body={comment.body} locale={locale} />
      ))}
    </section>
  );
}
