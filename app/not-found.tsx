import Link from "next/link";
import { SiteChrome } from "@/components/site/site-chrome";

export default function NotFound() {
  return (
    <SiteChrome>
      <div className="not-found">
        <h1 className="page-title">Page not found</h1>
        <p>There is no article or page at this address. It may have been moved, or the link may be mistyped.</p>
        <p>
          <Link href="/">See the latest articles</Link>
        </p>
      </div>
    </SiteChrome>
  );
}
