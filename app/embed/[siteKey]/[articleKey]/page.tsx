import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FrameResizer } from "@/components/embed/frame-resizer";
import { CommentForm } from "@/components/comments/comment-form";
import { CommentThread } from "@/components/comments/comment-thread";
import { getThreadPageForAddress, type ThreadPage } from "@/lib/comments/thread";
import { DISCUSSION_POLICY } from "@/lib/content/policy";
import { getDb } from "@/lib/db";
import { cleanEmbedUrl, EMBED_LIMITS, resolveEmbeddedArticle, type EmbeddedArticle } from "@/lib/embed/embedded-article";
import { getParentOrigin, getRequestOrigin, MAX_ORIGIN_LENGTH } from "@/lib/embed/frame-policy";
import { requireSite } from "@/lib/embed/sites";
import { AppError } from "@/lib/errors";
import type { ThreadQuery } from "@/lib/validation/thread-query";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { absolute: "Comments" }, robots: { index: false, follow: false } };

type SearchParams = Record<string, string | string[] | undefined>;

type PageProps = {
  params: Promise<{ siteKey: string; articleKey: string }>;
  searchParams: Promise<SearchParams>;
};

/** What the loader put in the frame's query: the host page's URL, title and origin (each a claim, checked where it is used). */
interface FrameQuery {
  url: string | undefined;
  title: string | undefined;
  origin: string | undefined;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function readFrameQuery(searchParams: SearchParams): FrameQuery {
  // An over-long URL or origin could never pass its check: dropped rather than carried into every paging link.
  const capped = (value: string | undefined, max: number) => (value !== undefined && value.length <= max ? value : undefined);
  return {
    url: capped(first(searchParams.url), EMBED_LIMITS.urlMax),
    title: first(searchParams.title),
    origin: capped(first(searchParams.origin), MAX_ORIGIN_LENGTH),
  };
}

/**
 * The frame's own address with other paging. The host page's URL and origin
 * are kept (permalinks and the resize messages need them); the title only
 * matters on the first load, which created the article.
 */
function frameHref(siteKey: string, articleKey: string, frame: FrameQuery, paging: { sort: ThreadQuery["sort"]; cursor?: string }): string {
  const query = new URLSearchParams();
  if (frame.url !== undefined) query.set("url", frame.url);
  if (frame.origin !== undefined) query.set("origin", frame.origin);
  query.set("sort", paging.sort);
  if (paging.cursor) query.set("cursor", paging.cursor);
  return `/embed/${encodeURIComponent(siteKey)}/${encodeURIComponent(articleKey)}?${query.toString()}`;
}

/** Next.js hands dynamic segments over still percent-encoded (`a%2Fb`); the loader encodes the article key, so decode it once. */
function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    notFound();
  }
}

async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/** Whatever is in the address, there is a thread to show (bad paging falls back to the first page). */
function loadThread(slug: string, searchParams: SearchParams): Promise<{ page: ThreadPage; query: ThreadQuery }> {
  return getThreadPageForAddress(getDb(), slug, { sort: first(searchParams.sort), cursor: first(searchParams.cursor) });
}

/** The site, the article (created on first load from an allowed origin) and where the frame's messages and permalinks go. */
async function loadFrame(siteKey: string, articleKey: string, frame: FrameQuery): Promise<{ article: EmbeddedArticle; parentOrigin: string | null; permalinkBase: string }> {
  const site = await orNotFound(requireSite(getDb(), siteKey));
  const requestOrigin = getRequestOrigin((await headers()).get("referer"));
  const { article } = await orNotFound(resolveEmbeddedArticle(getDb(), { site, articleKey, url: frame.url, title: frame.title, requestOrigin }));
  return {
    article,
    parentOrigin: getParentOrigin(site, { requestOrigin, claimedOrigin: frame.origin }),
    // The host page the frame sits in, when it is on the site; else the article's own address.
    permalinkBase: cleanEmbedUrl(site, frame.url) ?? article.url,
  };
}

export default async function EmbeddedThreadPage({ params, searchParams }: PageProps) {
  const segments = await params;
  const siteKey = decodeSegment(segments.siteKey);
  const articleKey = decodeSegment(segments.articleKey);
  const rawQuery = await searchParams;
  const frame = readFrameQuery(rawQuery);
  const { article, parentOrigin, permalinkBase } = await loadFrame(siteKey, articleKey, frame);
  const { page, query } = await loadThread(article.slug, rawQuery);
  const count = page.article.commentCount;
  const otherSort = query.sort === "oldest" ? "newest" : "oldest";

  return (
    <section className="discussion embed-discussion" aria-labelledby="discussion-title">
      <div className="discussion-head">
        <h2 id="discussion-title">{count === 0 ? "Discussion" : count === 1 ? "1 comment" : `${count} comments`}</h2>
        {count > 1 ? (
          <Link className="discussion-sort" href={frameHref(siteKey, articleKey, frame, { sort: otherSort })}>
            Show {otherSort} first
          </Link>
        ) : null}
      </div>
      {page.comments.length === 0 ? (
        <p className="discussion-empty">There are no comments so far.</p>
      ) : (
        <CommentThread comments={page.comments} now={new Date()} slug={article.slug} commentsOpen={page.article.commentsOpen} permalinkBase={permalinkBase} />
      )}
      {page.nextCursor ? (
        <p className="discussion-more">
          <Link href={frameHref(siteKey, articleKey, frame, { sort: query.sort, cursor: page.nextCursor })}>Show more comments</Link>
        </p>
      ) : null}
      <div className="join">
        <h2>Join the discussion!</h2>
        <p className="policy">{DISCUSSION_POLICY}</p>
        <p className="policy-link">
          Read the full{" "}
          <a href="/guidelines" target="_blank">
            community guidelines
          </a>
          .
        </p>
        {page.article.commentsOpen ? <CommentForm slug={article.slug} /> : <p className="comments-closed">Comments are closed for this article.</p>}
      </div>
      {parentOrigin ? <FrameResizer parentOrigin={parentOrigin} /> : null}
    </section>
  );
}
