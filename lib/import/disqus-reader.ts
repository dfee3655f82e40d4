// Disqus's export (<disqus> with <category>, <thread dsq:id> and <post dsq:id>
// elements side by side): threads come before posts, and a post names its
// thread and parent by dsq:id. Threads are remembered by id (a few fields
// each), posts are handed on one at a time.
import type { CommentStatus } from "../generated/prisma/client";
import { parseUtcDate, type SourceEvent } from "./import-records";
import { childRecord, childText, ImportFileError, readXmlEvents, type XmlRecord } from "./xml-events";

const THREAD = "disqus/thread";
const POST = "disqus/post";

interface ThreadInfo {
  importKey: string;
  forum: string;
}

function isTrue(text: string): boolean {
  return text.toLowerCase() === "true";
}

/** isSpam wins over isDeleted: a deleted spam post is still spam. */
function toStatus(post: XmlRecord): CommentStatus {
  if (isTrue(childText(post, "isSpam"))) return "spam";
  if (isTrue(childText(post, "isDeleted"))) return "rejected";
  return "approved";
}

function dsqId(record: XmlRecord | undefined): string {
  return record?.attributes["dsq:id"] ?? "";
}

/**
 * Reads a Disqus XML export as import events: each thread's article, then the
 * posts. A post of a thread the file does not describe is an error in the
 * file; throws ImportFileError when the file is not XML or not a Disqus export.
 */
export async function* readDisqus(file: string, onBytes?: (bytesRead: number) => void): AsyncGenerator<SourceEvent> {
  const threads = new Map<string, ThreadInfo>();
  let isRootSeen = false;
  let isSiteSent = false;
  for await (const event of readXmlEvents(file, (path) => path === THREAD || path === POST, onBytes)) {
    if (event.type === "open" && event.path === "disqus") isRootSeen = true;
    if (event.type !== "record") continue;
    const { record } = event;
    if (record.name === "thread") {
      const forum = childText(record, "forum");
      const id = dsqId(record);
      const info: ThreadInfo = { importKey: `disqus:${forum}#thread-${id}`, forum };
      threads.set(id, info);
      if (!isSiteSent) {
        isSiteSent = true;
        yield { type: "site", site: { name: forum, url: childText(record, "link") } };
      }
      yield {
        type: "article",
        article: {
          importKey: info.importKey,
          url: childText(record, "link"),
          title: childText(record, "title"),
          publishedAt: parseUtcDate(childText(record, "createdAt")),
          commentsOpen: !isTrue(childText(record, "isClosed")),
          isWantedWithoutComments: false,
        },
      };
      continue;
    }
    const thread = threads.get(dsqId(childRecord(record, "thread")));
    if (!thread) throw new ImportFileError(`${file}: post ${dsqId(record)} belongs to thread ${dsqId(childRecord(record, "thread"))}, which the file does not describe`);
    const author = childRecord(record, "author");
    const parentId = dsqId(childRecord(record, "parent"));
    yield {
      type: "comment",
      comment: {
        importKey: `disqus:${thread.forum}#post-${dsqId(record)}`,
        articleKey: thread.importKey,
        parentKey: parentId ? `disqus:${thread.forum}#post-${parentId}` : null,
        authorName: author ? childText(author, "name") || childText(author, "username") : "",
        authorEmail: author ? childText(author, "email") : "",
        authorUrl: "",
        ip: childText(record, "ipAddress"),
        createdAt: parseUtcDate(childText(record, "createdAt")),
        status: toStatus(record),
        html: childRecord(record, "message")?.text ?? "",
        newlines: "spaces",
      },
    };
  }
  if (!isRootSeen) throw new ImportFileError(`${file} is not a Disqus export: it has no <disqus> element`);
}
