// Imports a WordPress (WXR) or Disqus export: articles matched by their import
// key or URL, or created; comments with their threading, authors, dates, IPs
// and statuses, their HTML turned into our comment text and rendered through
// the one safe path. Memory stays bounded by the number of comments (one small
// entry per source id, to link replies), never by the file: comments are read
// a chunk at a time and written 500 to a transaction. Every comment's source
// id is stored, so importing the file again adds nothing.
//
// Threading: a reply is placed once its parent is; a reply that comes before
// its parent waits for it. A reply to a comment readers will never see (spam,
// trash, deleted, refused) or to one the file lacks is hung on the nearest
// ancestor they do see, or made top-level, and counted as re-parented: the
// public thread leaves out replies to hidden comments, so it would vanish.
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { renderCommentHtml } from "../comments/render-body";
import type { Db } from "../db";
import { cleanEmbedTitle, slugify } from "../embed/embedded-article";
import { createSite } from "../embed/site-admin";
import { AppError } from "../errors";
import type { CommentStatus, Prisma } from "../generated/prisma/client";
import type { LiveBus } from "../live/live-bus";
import { COMMENT_LIMITS } from "../validation/comment-limits";
import { MAX_SLUG_LENGTH } from "../validation/slug";
import { hasVisibleCharacter } from "../validation/text-characters";
import { htmlToCommentBody, htmlToPlainText } from "./comment-html";
import { readDisqus } from "./disqus-reader";
import type { SourceArticle, SourceComment, SourceEvent, SourceSite } from "./import-records";
import { readWxr } from "./wxr-reader";

/** The export formats the importer reads. */
export const importFormats = ["wxr", "disqus"] as const;

/** One of the export formats. */
export type ImportFormat = (typeof importFormats)[number];

/** What to import and how. */
export interface ImportOptions {
  format: ImportFormat;
  file: string;
  /** The site new articles belong to; without it, the only site (or, in an empty database, one made from the export's own site). */
  siteKey?: string | undefined;
  /** Read and count everything, write nothing. */
  isDryRun?: boolean | undefined;
  /** Told which threads changed, so running apps drop their cached pages. */
  live?: LiveBus | undefined;
  /** Hears how many bytes of the file have been read (a progress bar). */
  onBytes?: ((bytesRead: number) => void) | undefined;
  /** Comments per transaction. */
  batchSize?: number | undefined;
  /** Stands in for comments and articles without a date. */
  now?: Date | undefined;
}

/** What an import did (or, dry, would do). */
export interface ImportSummary {
  isDryRun: boolean;
  /** The site created for an empty database, if any. */
  createdSite: string | null;
  articles: { created: number; matched: number };
  comments: {
    created: number;
    /** Imported before (same source id). */
    skipped: number;
    refused: number;
    /** Created, but under another comment than the file says (or top-level): their parent is hidden or missing. */
    reparented: number;
    /** Pingbacks and trackbacks. */
    pings: number;
  };
  /** Why comments were refused, with how many each. */
  refusals: Record<string, number>;
}

/** Where replies to a comment go: the comment itself when readers can see it, else its nearest visible ancestor (null: top-level). */
interface Anchor {
  id: string;
  rootId: string | null;
  depth: number;
}

/** A comment of the file already placed: its article, its own row (null when refused) and where its replies go. */
interface Placement {
  articleId: string;
  id: string | null;
  anchor: Anchor | null;
}

interface ResolvedArticle {
  kind: "resolved";
  id: string;
  slug: string;
}

/** An article that cannot be made (no usable URL): its comments are refused with this reason. */
interface RefusedArticle {
  kind: "refused";
  refusal: string;
}

interface ExistingComment {
  id: string;
  articleId: string;
  rootId: string | null;
  depth: number;
  status: CommentStatus;
}

/** A comment read from the file, on its way into the database. */
interface PendingComment {
  source: SourceComment;
  articleId: string;
  /** Found by its source id: imported before. Undefined until looked up. */
  existing?: ExistingComment | null;
  /** Its parent is in neither the file nor the database: it goes top-level. */
  isParentMissing?: boolean;
}

const DEFAULT_BATCH_SIZE = 500;
const ANONYMOUS = "Anonymous";
const SLUG_WORDS_MAX = 80;

/** Comment statuses readers see now or may see after moderation: replies stay under them. */
function isVisibleStatus(status: CommentStatus): boolean {
  return status === "approved" || status === "pending";
}

let idSequence = 0;

/** A comment id made here rather than by the database, so replies in the same batch can point at their parent. */
function newCommentId(): string {
  idSequence = (idSequence + 1) % 36 ** 4;
  return `i${Date.now().toString(36)}${idSequence.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}

/** A one-line field as we store it: no control or direction characters, white space collapsed, at most `max` characters. */
function cleanLine(value: string, max: number): string {
  return value
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max)
    .trim();
}

function cleanEmail(value: string): string {
  const email = value.trim().toLowerCase();
  return email.length <= COMMENT_LIMITS.emailMax && /^[^\s@]+@[^\s@]+$/.test(email) ? email : "";
}

function cleanWebsite(value: string): string | null {
  const url = value.trim();
  if (url.length > COMMENT_LIMITS.urlMax || !/^https?:\/\/[^\s]+$/i.test(url)) return null;
  try {
    new URL(url);
    return url;
  } catch {
    return null;
  }
}

/** An article's address as stored: http(s), without its fragment. */
function cleanArticleUrl(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.href.length <= 2048 ? url.href : null;
  } catch {
    return null;
  }
}

/** Slugs to try for an imported article: from its title (or its address), then with a hash of its source id, then random. */
function articleSlugCandidates(title: string, url: string, importKey: string): string[] {
  // "Don’t" reads as "dont", not "don-t".
  const words = (slugify(title.replace(/['’]/g, "")) || slugify(new URL(url).pathname) || "article").slice(0, SLUG_WORDS_MAX).replace(/-+$/g, "");
  const hash = Buffer.from(importKey).toString("base64url").slice(-8).toLowerCase().replace(/[^a-z0-9]/g, "x");
  return [words, `${words}-${hash}`, `${words}-${randomBytes(4).toString("hex")}`].map((slug) => slug.slice(0, MAX_SLUG_LENGTH));
}

/** Runs one import; construct, then run() once. */
class CommentImport {
  private readonly summary: ImportSummary;
  private readonly isDryRun: boolean;
  private readonly batchSize: number;
  private readonly now: Date;
  private sourceSite: SourceSite | null = null;
  private site: { id: string; key: string } | null = null;
  private readonly articles = new Map<string, SourceArticle | ResolvedArticle | RefusedArticle>();
  private readonly placed = new Map<string, Placement>();
  /** Replies whose parent has not been placed yet, by the parent's source id. */
  private readonly waiting = new Map<string, PendingComment[]>();
  private buffer: PendingComment[] = [];
  private rows: Prisma.CommentCreateManyInput[] = [];
  private readonly changedArticleIds = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly options: ImportOptions,
  ) {
    this.isDryRun = options.isDryRun === true;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.now = options.now ?? new Date();
    this.summary = {
      isDryRun: this.isDryRun,
      createdSite: null,
      articles: { created: 0, matched: 0 },
      comments: { created: 0, skipped: 0, refused: 0, reparented: 0, pings: 0 },
      refusals: {},
    };
  }

  async run(): Promise<ImportSummary> {
    await this.chooseSite();
    const events: AsyncGenerator<SourceEvent> = this.options.format === "wxr" ? readWxr(this.options.file, this.options.onBytes) : readDisqus(this.options.file, this.options.onBytes);
    for await (const event of events) {
      if (event.type === "site") this.sourceSite = event.site;
      else if (event.type === "ping") this.summary.comments.pings += 1;
      else if (event.type === "article") await this.readArticle(event.article);
      else await this.readComment(event.comment);
    }
    await this.flush();
    await this.placeOrphans();
    await this.writeRows();
    await this.announce();
    return this.summary;
  }

  /** With --site, that site (or an error naming it); else the only one; none is fine (one is made from the file); several need --site. */
  private async chooseSite(): Promise<void> {
    const { siteKey } = this.options;
    if (siteKey !== undefined) {
      this.site = await this.db.site.findUnique({ where: { key: siteKey }, select: { id: true, key: true } });
      if (!this.site) throw new AppError("validation", `No site with the key “${siteKey}”: create it with npm run site:add, or give another --site`, { fields: { site: "no such site" } });
      return;
    }
    const sites = await this.db.site.findMany({ select: { id: true, key: true }, orderBy: { createdAt: "asc" }, take: 10 });
    if (sites.length > 1) {
      throw new AppError("validation", `There are several sites (${sites.map((site) => site.key).join(", ")}): say which one new articles belong to with --site KEY`, { fields: { site: "required" } });
    }
    this.site = sites[0] ?? null;
  }

  /** The site for new articles; in an empty database, one made from the export's own name and address. */
  private async requireSite(): Promise<{ id: string; key: string }> {
    if (this.site) return this.site;
    const url = cleanArticleUrl(this.sourceSite?.url ?? "");
    const origin = url ? new URL(url).origin : null;
    const host = origin ? new URL(origin).hostname : "";
    const name = cleanLine(htmlToPlainText(this.sourceSite?.name ?? ""), 100) || host || "Imported comments";
    const key = (slugify(host) || "imported").slice(0, 64).padEnd(3, "-");
    if (this.isDryRun) {
      this.site = { id: "dry-run", key };
    } else {
      const created = await createSite(this.db, { name, key, allowedOrigins: origin ? [origin] : [] }, { live: this.options.live });
      this.site = { id: created.id, key: created.key };
    }
    this.summary.createdSite = key;
    return this.site;
  }

  private async readArticle(article: SourceArticle): Promise<void> {
    if (!this.articles.has(article.importKey)) this.articles.set(article.importKey, article);
    if (article.isWantedWithoutComments) await this.resolveArticle(article.importKey);
  }

  /** The article of a source id: found (by source id, then by URL) or created, once per import. */
  private async resolveArticle(importKey: string): Promise<ResolvedArticle | RefusedArticle> {
    const entry = this.articles.get(importKey);
    if (!entry) return { kind: "refused", refusal: "its article is not in the file" };
    if ("kind" in entry) return entry;
    const resolved = await this.findOrCreateArticle(entry);
    this.articles.set(importKey, resolved);
    return resolved;
  }

  private async findOrCreateArticle(source: SourceArticle): Promise<ResolvedArticle | RefusedArticle> {
    const select = { id: true, slug: true, importKey: true } as const;
    const url = cleanArticleUrl(source.url);
    const existing =
      (await this.db.article.findUnique({ where: { importKey: source.importKey }, select })) ??
      (url ? await this.db.article.findFirst({ where: { url }, orderBy: { createdAt: "asc" }, select }) : null);
    if (existing) {
      this.summary.articles.matched += 1;
      // Remembered, so the next import finds it even if its address changes.
      if (existing.importKey === null && !this.isDryRun) await this.db.article.update({ where: { id: existing.id }, data: { importKey: source.importKey } });
      return { kind: "resolved", id: existing.id, slug: existing.slug };
    }
    if (!url) return { kind: "refused", refusal: "its article has no web address" };
    const site = await this.requireSite();
    const title = cleanEmbedTitle(htmlToPlainText(source.title)) ?? url.slice(0, 300);
    this.summary.articles.created += 1;
    if (this.isDryRun) return { kind: "resolved", id: `dry-run:${source.importKey}`, slug: "" };
    const publishedAt = source.publishedAt ?? this.now;
    for (const slug of articleSlugCandidates(title, url, source.importKey)) {
      const [created] = await this.db.article.createManyAndReturn({
        data: [{ siteId: site.id, externalId: url, slug, url, title, publishedAt, tags: [], commentsOpen: source.commentsOpen, importKey: source.importKey }],
        skipDuplicates: true,
        select,
      });
      if (created) return { kind: "resolved", id: created.id, slug: created.slug };
      // Skipped: the slug is taken, or the site already has an article with this address as its id.
      const sameId = await this.db.article.findUnique({ where: { siteId_externalId: { siteId: site.id, externalId: url } }, select });
      if (sameId) {
        this.summary.articles.created -= 1;
        this.summary.articles.matched += 1;
        return { kind: "resolved", id: sameId.id, slug: sameId.slug };
      }
    }
    throw new Error(`Could not find a free slug for the article ${url}`);
  }

  private async readComment(source: SourceComment): Promise<void> {
    const article = await this.resolveArticle(source.articleKey);
    if (article.kind === "refused") {
      this.refuse(article.refusal);
      return;
    }
    this.buffer.push({ source, articleId: article.id });
    if (this.buffer.length >= this.batchSize) await this.flush();
  }

  private refuse(reason: string): void {
    this.summary.comments.refused += 1;
    this.summary.refusals[reason] = (this.summary.refusals[reason] ?? 0) + 1;
  }

  /** Looks the buffered comments up by source id (one query), places them, and writes what is new. */
  private async flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      const found = await this.db.comment.findMany({
        where: { importKey: { in: batch.map((pending) => pending.source.importKey) } },
        select: { id: true, importKey: true, articleId: true, rootId: true, depth: true, status: true },
      });
      const byKey = new Map(found.map((row) => [row.importKey, row]));
      for (const pending of batch) {
        pending.existing = byKey.get(pending.source.importKey) ?? null;
        this.place(pending);
      }
    }
    await this.writeRows();
  }

  /** Places a comment, or keeps it waiting for its parent; placing one places whatever waited for it. */
  private place(first: PendingComment): void {
    const stack = [first];
    for (let pending = stack.pop(); pending; pending = stack.pop()) {
      const { parentKey, importKey } = pending.source;
      if (parentKey !== null && !pending.isParentMissing && !this.placed.has(parentKey)) {
        const siblings = this.waiting.get(parentKey) ?? [];
        siblings.push(pending);
        this.waiting.set(parentKey, siblings);
        continue;
      }
      this.placeOne(pending);
      const replies = this.waiting.get(importKey);
      if (replies) {
        this.waiting.delete(importKey);
        stack.push(...replies.reverse());
      }
    }
  }

  private placeOne(pending: PendingComment): void {
    const { source, articleId, existing } = pending;
    const parent = source.parentKey === null ? undefined : this.placed.get(source.parentKey);
    const isParentUsable = parent !== undefined && parent.articleId === articleId;
    const anchor = isParentUsable ? parent.anchor : null;

    if (existing) {
      this.summary.comments.skipped += 1;
      const self = { id: existing.id, rootId: existing.rootId, depth: existing.depth };
      this.placed.set(source.importKey, { articleId: existing.articleId, id: existing.id, anchor: isVisibleStatus(existing.status) ? self : anchor });
      return;
    }
    const body = htmlToCommentBody(source.html, source.newlines);
    if (!hasVisibleCharacter(body)) {
      this.refuse("nothing readable is left of its text");
      this.placed.set(source.importKey, { articleId, id: null, anchor });
      return;
    }
    if (source.parentKey !== null && (!isParentUsable || anchor?.id !== parent.id)) this.summary.comments.reparented += 1;

    const id = newCommentId();
    const rootId = anchor ? (anchor.rootId ?? anchor.id) : null;
    const depth = anchor ? anchor.depth + 1 : 0;
    const ip = source.ip.trim();
    this.rows.push({
      id,
      articleId,
      parentId: anchor?.id ?? null,
      rootId,
      depth,
      authorName: cleanLine(htmlToPlainText(source.authorName), COMMENT_LIMITS.nameMax) || ANONYMOUS,
      authorEmail: cleanEmail(source.authorEmail),
      authorUrl: cleanWebsite(source.authorUrl),
      body,
      bodyHtml: renderCommentHtml(body),
      status: source.status,
      ip: isIP(ip) ? ip : null,
      createdAt: source.createdAt ?? this.now,
      importKey: source.importKey,
    });
    this.summary.comments.created += 1;
    this.placed.set(source.importKey, { articleId, id, anchor: isVisibleStatus(source.status) ? { id, rootId, depth } : anchor });
  }

  /**
   * Replies whose parent never came: a parent imported by an earlier run (a
   * file split in parts) is looked up; the rest go top-level.
   */
  private async placeOrphans(): Promise<void> {
    const parentKeys = [...this.waiting.keys()];
    for (let start = 0; start < parentKeys.length; start += this.batchSize) {
      const keys = parentKeys.slice(start, start + this.batchSize);
      const rows = await this.db.comment.findMany({ where: { importKey: { in: keys } }, select: { id: true, importKey: true, articleId: true, rootId: true, depth: true, status: true } });
      for (const row of rows) {
        if (row.importKey === null) continue;
        this.placed.set(row.importKey, { articleId: row.articleId, id: row.id, anchor: isVisibleStatus(row.status) ? { id: row.id, rootId: row.rootId, depth: row.depth } : null });
      }
    }
    for (const key of parentKeys) {
      const replies = this.waiting.get(key);
      if (!replies) continue;
      this.waiting.delete(key);
      for (const reply of replies) {
        if (!this.placed.has(key)) reply.isParentMissing = true;
        this.place(reply);
      }
    }
  }

  /** Writes the placed comments in file order (parents before replies), in one transaction per batch. */
  private async writeRows(): Promise<void> {
    const rows = this.rows;
    this.rows = [];
    if (rows.length === 0 || this.isDryRun) return;
    await this.db.$transaction(
      async (tx) => {
        for (let start = 0; start < rows.length; start += this.batchSize) await tx.comment.createMany({ data: rows.slice(start, start + this.batchSize) });
      },
      { maxWait: 30_000, timeout: 120_000 },
    );
    for (const row of rows) this.changedArticleIds.add(row.articleId);
  }

  /** Tells running apps which threads changed (their cached pages go) and that the queues did. */
  private async announce(): Promise<void> {
    const { live } = this.options;
    if (!live || this.isDryRun || this.changedArticleIds.size === 0) return;
    const articleIds = [...this.changedArticleIds];
    for (let start = 0; start < articleIds.length; start += 1000) {
      const articles = await this.db.article.findMany({ where: { id: { in: articleIds.slice(start, start + 1000) } }, select: { slug: true } });
      await Promise.all(articles.map((article) => live.publish({ type: "thread", slug: article.slug })));
    }
    await live.publish({ type: "queues" });
  }
}

/**
 * Imports a WordPress (WXR) or Disqus export file and says what it did.
 * Throws AppError (`validation`, naming `site`) when the site to use is
 * unknown or ambiguous, ImportFileError when the file is not the format.
 */
export function importComments(db: Db, options: ImportOptions): Promise<ImportSummary> {
  return new CommentImport(db, options).run();
}

/** The summary as the command prints it: one line per kind of thing, refusals with their reasons. */
export function formatImportSummary(summary: ImportSummary): string {
  const { articles, comments } = summary;
  const lines = [
    ...(summary.isDryRun ? ["Dry run: nothing was written. It would have done this:"] : []),
    ...(summary.createdSite ? [`Site created: ${summary.createdSite} (the database had none)`] : []),
    `Articles: ${articles.created} created, ${articles.matched} matched`,
    `Comments: ${comments.created} created, ${comments.skipped} skipped (already imported), ${comments.refused} refused`,
    ...Object.entries(summary.refusals).map(([reason, count]) => `  refused: ${count} × ${reason}`),
    `Pingbacks and trackbacks skipped: ${comments.pings}`,
    `Re-parented: ${comments.reparented} (their parent was spam, trash, deleted or missing: placed under the nearest visible ancestor, or top-level)`,
  ];
  return lines.join("\n");
}
