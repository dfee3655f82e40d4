// Everything the site holds, as JSON lines a program can read one at a time:
// a site can leave with its discussions, and an import can rebuild them. Rows
// are read a page at a time and written with the stream's backpressure, so a
// million comments never sit in memory at once. Each article's line comes
// before its comments, and its comments come parents first (by depth), so a
// reader of the file can attach every reply as it arrives. The line types
// and their fields are documented in the README ("JSON-lines export").
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import type { Db } from "../db";
import { getModerationSettings } from "../moderation/settings";

/** The export format's version: the first line says it, so a reader can refuse one it does not know. */
export const JSONL_EXPORT_VERSION = 1;

/** Rows read per query. */
const PAGE_SIZE = 500;

/** Writes lines to a file, waiting whenever the file cannot keep up. */
class LineWriter {
  lines = 0;
  private failure: Error | null = null;

  constructor(private readonly stream: WriteStream) {
    stream.on("error", (error) => {
      this.failure = error;
    });
  }

  async write(value: Record<string, unknown>): Promise<void> {
    if (this.failure) throw this.failure;
    this.lines += 1;
    if (!this.stream.write(`${JSON.stringify(value)}\n`)) await Promise.race([once(this.stream, "drain"), once(this.stream, "error")]);
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Pages through a table by id: `read` gets the last id seen (undefined first) and returns up to PAGE_SIZE rows. */
async function* pagesById<Row extends { id: string }>(read: (after: string | undefined) => Promise<Row[]>): AsyncGenerator<Row> {
  let after: string | undefined;
  for (;;) {
    const rows = await read(after);
    yield* rows;
    if (rows.length < PAGE_SIZE) return;
    after = rows.at(-1)!.id;
  }
}

async function writeComments(db: Db, writer: LineWriter, article: { id: string; slug: string }): Promise<void> {
  let cursor: string | undefined;
  for (;;) {
    // depth, then time: every parent is written before its replies.
    const rows = await db.comment.findMany({
      where: { articleId: article.id },
      orderBy: [{ depth: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      take: PAGE_SIZE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      include: {
        verdicts: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        decisions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { moderator: { select: { email: true } } } },
        reports: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        revisions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      },
    });
    for (const comment of rows) {
      await writer.write({
        type: "comment",
        id: comment.id,
        articleId: comment.articleId,
        articleSlug: article.slug,
        parentId: comment.parentId,
        rootId: comment.rootId,
        depth: comment.depth,
        authorName: comment.authorName,
        authorEmail: comment.authorEmail,
        authorUrl: comment.authorUrl,
        body: comment.body,
        bodyHtml: comment.bodyHtml,
        status: comment.status,
        ip: comment.ip,
        userAgent: comment.userAgent,
        referrer: comment.referrer,
        createdAt: iso(comment.createdAt),
        editedAt: iso(comment.editedAt),
        updatedAt: iso(comment.updatedAt),
        erasedAt: iso(comment.erasedAt),
        deletedAt: iso(comment.deletedAt),
        featuredAt: iso(comment.featuredAt),
        // The count readers see; who respected it (keyed hashes of tokens and networks) stays out, like reporters.
        respects: comment.respectCount,
        importKey: comment.importKey,
        verdicts: comment.verdicts.map((verdict) => ({ check: verdict.check, label: verdict.label, action: verdict.action, evidence: verdict.evidence, createdAt: iso(verdict.createdAt) })),
        decisions: comment.decisions.map((decision) => ({
          action: decision.action,
          fromStatus: decision.fromStatus,
          toStatus: decision.toStatus,
          note: decision.note,
          moderator: decision.moderator?.email ?? null,
          createdAt: iso(decision.createdAt),
        })),
        // Reporters are known only by their network; their addresses stay out of the file.
        reports: comment.reports.map((report) => ({ reason: report.reason, note: report.note, createdAt: iso(report.createdAt), resolvedAt: iso(report.resolvedAt) })),
        revisions: comment.revisions.map((revision) => ({ body: revision.body, writtenAt: iso(revision.writtenAt), replacedAt: iso(revision.createdAt) })),
      });
    }
    if (rows.length < PAGE_SIZE) return;
    cursor = rows.at(-1)!.id;
  }
}

/**
 * Writes every site, article, comment (with its verdicts, decisions and
 * reports) and ban to `outPath` as JSON lines, each with a `type`; the file is
 * readable by its owner only (it holds e-mail and IP addresses). Returns how
 * many lines it wrote.
 */
export async function writeJsonlExport(db: Db, outPath: string): Promise<{ lines: number }> {
  const writer = new LineWriter(createWriteStream(outPath, { mode: 0o600 }));
  try {
    await writer.write({ type: "export", format: "tertulia-jsonl", version: JSONL_EXPORT_VERSION, exportedAt: new Date().toISOString() });
    await writer.write({ type: "settings", moderation: await getModerationSettings(db) });

    for await (const site of pagesById((after) => db.site.findMany({ orderBy: { id: "asc" }, take: PAGE_SIZE, ...(after ? { where: { id: { gt: after } } } : {}) }))) {
      await writer.write({
        type: "site",
        id: site.id,
        key: site.key,
        name: site.name,
        allowedOrigins: site.allowedOrigins,
        disclaimer: site.disclaimer,
        // The signing secret is a credential: it stays out of files; set it again with site:add --secret.
        hasSecret: site.secret !== null,
        createdAt: iso(site.createdAt),
        updatedAt: iso(site.updatedAt),
      });
    }

    const articles = pagesById((after) =>
      db.article.findMany({ orderBy: { id: "asc" }, take: PAGE_SIZE, ...(after ? { where: { id: { gt: after } } } : {}), include: { site: { select: { key: true } } } }),
    );
    for await (const article of articles) {
      await writer.write({
        type: "article",
        id: article.id,
        siteId: article.siteId,
        siteKey: article.site.key,
        slug: article.slug,
        externalId: article.externalId,
        url: article.url,
        title: article.title,
        section: article.section,
        author: article.author,
        source: article.source,
        sourceUrl: article.sourceUrl,
        publishedAt: iso(article.publishedAt),
        tags: article.tags,
        body: article.body,
        commentsOpen: article.commentsOpen,
        preModerate: article.preModerate,
        createdByEmbed: article.createdByEmbed,
        importKey: article.importKey,
        createdAt: iso(article.createdAt),
        updatedAt: iso(article.updatedAt),
      });
      await writeComments(db, writer, article);
    }

    for await (const ban of pagesById((after) => db.ban.findMany({ orderBy: { id: "asc" }, take: PAGE_SIZE, ...(after ? { where: { id: { gt: after } } } : {}) }))) {
      await writer.write({ type: "ban", id: ban.id, email: ban.email, ip: ban.ip, reason: ban.reason, createdAt: iso(ban.createdAt), expiresAt: iso(ban.expiresAt), liftedAt: iso(ban.liftedAt) });
    }
  } catch (error) {
    await writer.close().catch(() => undefined);
    throw error;
  }
  await writer.close();
  return { lines: writer.lines };
}
