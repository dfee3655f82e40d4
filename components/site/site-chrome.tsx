import Link from "next/link";
import type { ReactNode } from "react";
import { PRODUCT_NAME } from "@/lib/content/policy";

/** The reader site's header, navigation and footer around a page. */
export function SiteChrome({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="site-header">
        <div className="site-header-inner">
          <Link href="/" className="site-name">
            TRANSCEND Media Service <span className="site-name-note">demo</span>
          </Link>
          <nav aria-label="Site">
            <ul className="site-nav">
              <li>
                <Link href="/">Articles</Link>
              </li>
              <li>
                <Link href="/guidelines">Community guidelines</Link>
              </li>
              <li>
                <Link href="/privacy">Privacy</Link>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main className="site-main">{children}</main>
      <footer className="site-footer">
        <p>
          Discussion by {PRODUCT_NAME} · <Link href="/guidelines">Community guidelines</Link> · <Link href="/privacy">How comment data is processed</Link>
        </p>
      </footer>
    </>
  );
}
