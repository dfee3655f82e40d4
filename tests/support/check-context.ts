// A comment as one content check sees it, with the default settings: for
// testing a check on its own, without the pipeline or a database.
import type { CheckContext } from "@/lib/moderation/pipeline";
import { getDefaultModerationSettings } from "@/lib/moderation/settings";

/** The context a check runs in for a comment with this body. */
export function contextFor(body: string): CheckContext {
  return {
    comment: { body, authorName: "Reader", authorEmail: "reader@example.org", authorUrl: null, parentId: null, ip: "", userAgent: "", referrer: "", createdAt: new Date() },
    article: { slug: "a", commentsOpen: true, url: "", publishedAt: new Date(), preModerate: false },
    settings: getDefaultModerationSettings(),
  } as unknown as CheckContext;
}
