import type { EmbedSnippets, SiteRecord } from "@/lib/embed/site-admin";
import { SiteEditor } from "./site-editor";
import { SnippetBox } from "./snippet-box";
import "./sites.css";

/** A site with the snippets that embed it from this server. */
export interface SiteRow extends SiteRecord {
  snippets: EmbedSnippets;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** The sites for embedding, one card each: what they are, where they may be embedded, and what to paste. */
export function SiteList({ sites }: { sites: SiteRow[] }) {
  if (sites.length === 0) return <p className="sites-empty">No site yet. Add one above to get its snippet.</p>;
  return (
    <ul className="site-list">
      {sites.map((site) => (
        <li key={site.id} className="site-card" aria-labelledby={`site-${site.id}-name`}>
          <div className="site-card-head">
            <h3 id={`site-${site.id}-name`}>{site.name}</h3>
            <span className="site-key">
              key <code>{site.key}</code>
            </span>
          </div>
          <dl className="site-facts">
            <div className="site-origins">
              <dt>Allowed origins</dt>
              <dd>
                <ul>
                  {site.allowedOrigins.map((origin) => (
                    <li key={origin}>
                      <code>{origin}</code>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>Articles</dt>
              <dd className="site-figure">{site.articleCount}</dd>
            </div>
            <div>
              <dt>Published comments</dt>
              <dd className="site-figure">{site.approvedCommentCount}</dd>
            </div>
            <div>
              <dt>New discussions</dt>
              <dd>{site.hasSecret ? "Signed embeds only" : "Any page on its origins"}</dd>
            </div>
            <div>
              <dt>Added</dt>
              <dd>
                <time dateTime={site.createdAt}>{dateFormat.format(new Date(site.createdAt))}</time>
              </dd>
            </div>
          </dl>
          <SiteEditor site={{ id: site.id, name: site.name, key: site.key, allowedOrigins: site.allowedOrigins }} />
          <div className="site-snippets">
            <SnippetBox
              label="Thread snippet"
              context={site.name}
              text={site.snippets.thread}
              hint={
                site.hasSecret
                  ? "Where the thread goes. data-article: the article's stable id on your site (it keys the thread); data-url and data-title: its address and title; data-signature: the hex HMAC-SHA256 of article|url|title with the site's secret, computed on your server."
                  : "Where the thread goes. data-article: the article's stable id on your site (it keys the thread); data-url and data-title: its address and title."
              }
            />
            <SnippetBox label="Comment count snippet" context={site.name} text={site.snippets.count} hint="Where a count of published comments goes; the same script fills it." />
          </div>
        </li>
      ))}
    </ul>
  );
}
