// Reading back what an import or export produced, in a form tests compare:
// threads as the public API shows them (names and nesting), and every comment
// of every article with its parent named by author and date, not by id (ids
// differ between two databases).
import { getThreadPage, type ThreadComment } from "@/lib/comments/thread";
import type { Db } from "@/lib/db";
import type { LiveBus } from "@/lib/live/live-bus";
import type { LiveEvent } from "@/lib/live/live-events";

/** A thread's shape: each comment as "author: text" with its replies. */
export interface ThreadShape {
  comment: string;
  replies: ThreadShape[];
}

function plainText(html: string): string {
  return html
    .replace(/<(?:br|\/?p|\/?blockquote)\b[^>]*>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();
}

/** The shape of comments as the thread API returns them. */
export function toThreadShape(comments: ThreadComment[]): ThreadShape[] {
  return comments.map((comment) => ({ comment: `${comment.authorName}: ${plainText(comment.bodyHtml)}`, replies: toThreadShape(comment.replies) }));
}

/** The public thread of the article at this URL, as its shape. */
export async function readThreadShape(db: Db, url: string): Promise<ThreadShape[]> {
  const article = await db.article.findFirstOrThrow({ where: { url }, select: { slug: true } });
  return toThreadShape((await getThreadPage(db, article.slug, { sort: "oldest", limit: 100 })).comments);
}

/** Every article with every comment (all statuses), comparable across databases. */
export async function readAllComments(db: Db) {
  const articles = await db.article.findMany({
    orderBy: { url: "asc" },
    select: {
      url: true,
      title: true,
      publishedAt: true,
      commentsOpen: true,
      comments: {
        orderBy: [{ createdAt: "asc" }, { authorName: "asc" }],
        select: {
          authorName: true,
          authorEmail: true,
          authorUrl: true,
          ip: true,
          body: true,
          bodyHtml: true,
          status: true,
          createdAt: true,
          depth: true,
          parent: { select: { authorName: true, createdAt: true } },
          replies: { select: { id: true } },
        },
      },
    },
  });
  return articles.map((article) => ({
    ...article,
    comments: article.comments.map(({ parent, replies, ...comment }) => ({
      ...comment,
      parent: parent ? `${parent.authorName} at ${parent.createdAt.toISOString()}` : null,
      replyCount: replies.length,
    })),
  }));
}

/** A bus that only records what is published (what an app instance would hear). */
export function recordingBus(): LiveBus & { events: LiveEvent[] } {
  const events: LiveEvent[] = [];
  return {
    engine: "embedded",
    events,
    publish: async (event) => {
      events.push(event);
    },
    subscribe: () => () => {},
    close: async () => {},
  };
}
