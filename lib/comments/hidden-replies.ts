// The rest of a long run of replies (lib/comments/reply-runs.ts), fetched by a
// reader who asks for it on the article page or in the framed thread: the
// replies the page left out under one comment, each with its own replies, as
// readers see them (approved only, built by the thread's own buildThread).
import type { Db } from "../db";
import { AppError } from "../errors";
import { getModerationSettings, isAutoClosed } from "../moderation/settings";
import { isPossibleSlug } from "../validation/slug";
import { splitReplyRun } from "./reply-runs";
import { buildThread, type ThreadComment, type ThreadRow } from "./thread";

/** What the markup needs to draw the rest of a run where the page cut it. */
export interface HiddenReplies {
  /** Whether readers may still reply (the article's switch and the auto-close setting). */
  commentsOpen: boolean;
  /** The site's word for a respect (settings.respectLabel), or null for the catalog's. */
  respectLabel: string | null;
  /** How deep the replies sit (their parent's depth + 1): the markup stops indenting at its cap. */
  depth: number;
  /** The replies the page did not draw, oldest first, each with its whole tree. */
  replies: ThreadComment[];
}

const longestCommentId = 64;

function commentNotFound(id: string): AppError {
  return new AppError("not_found", "api.comments.notFound", { fields: { commentId: "api.comments.noSuchComment" }, params: { id } });
}

/** The comment and how many visible ancestors it has, searched in one tree. */
function findWithDepth(node: ThreadComment, id: string, depth = 0): { comment: ThreadComment; depth: number } | null {
  if (node.id === id) return { comment: node, depth };
  for (const reply of node.replies) {
    const found = findWithDepth(reply, id, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The replies under `commentId` that a reader's page left out (none when its
 * run is short). Throws not_found for an unknown article, and for a comment
 * that is not a visible part of that article's thread (unknown, another
 * article's, held, or under a comment readers cannot see).
 */
export async function getHiddenReplies(db: Db, slug: string, commentId: string): Promise<HiddenReplies> {
  const article = isPossibleSlug(slug) ? await db.article.findUnique({ where: { slug }, select: { id: true, commentsOpen: true, publishedAt: true } }) : null;
  if (!article) throw new AppError("not_found", "api.articles.notFound", { fields: { slug: "api.articles.noSuchArticle" }, params: { slug } });
  if (commentId.length === 0 || commentId.length > longestCommentId) throw commentNotFound(commentId.slice(0, longestCommentId));
  const anchor = await db.comment.findFirst({ where: { id: commentId, articleId: article.id, status: "approved" }, select: { id: true, rootId: true } });
  if (!anchor) throw commentNotFound(commentId);

  const rootId = anchor.rootId ?? anchor.id;
  const [rows, settings] = await Promise.all([
    db.comment.findMany({
      where: { articleId: article.id, status: "approved", OR: [{ id: rootId }, { rootId }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, parentId: true, authorName: true, authorUrl: true, bodyHtml: true, createdAt: true, editedAt: true, respectCount: true, featuredAt: true, deletedAt: true },
    }),
    getModerationSettings(db),
  ]);
  const [root] = buildThread(rows satisfies ThreadRow[], [rootId]);
  const found = root ? findWithDepth(root, commentId) : null;
  if (!found) throw commentNotFound(commentId);
  return {
    commentsOpen: article.commentsOpen && !isAutoClosed(article.publishedAt, settings),
    respectLabel: settings.respectLabel,
    depth: found.depth + 1,
    replies: splitReplyRun(found.comment.replies).hidden,
  };
}
