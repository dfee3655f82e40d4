import Link from "next/link";

/** A mail link that is forged, cut short, or for an address we no longer keep. */
export default function NotificationLinkNotFound() {
  return (
    <div className="not-found">
      <h1 className="page-title">This link is not valid</h1>
      <p>The link may have been cut short by your mail program: copy the whole link from the mail and open it again. Links for an address we no longer keep stop working.</p>
      <p>
        <Link href="/">See the latest articles</Link>
      </p>
    </div>
  );
}
