// The thread's static markup as an HTML string: a page of it, for the article
// page to hand past React's page data (lib/reader-pages/server-html.ts), and
// the rest of a long run of replies, for the routes that answer "Show N more
// replies" on the article page and in the framed thread. `react-dom/server.edge`
// is the renderer Next.js lets server code use (plain `react-dom/server` is refused).
import { renderToStaticMarkup } from "react-dom/server.edge";
import type { ThreadComment } from "@/lib/comments/thread";
import { HiddenRepliesMarkup, ThreadMarkup, type ThreadMarkupOptions } from "./thread-markup";

/** The comments of a page of the thread, with their static controls, as HTML. */
export function renderThreadHtml(props: ThreadMarkupOptions & { comments: ThreadComment[]; isFirstPage: boolean; headingLevel: 2 | 3 }): string {
  return renderToStaticMarkup(<ThreadMarkup {...props} />);
}

/** The rest of a long run of replies, as the thread draws them at `depth`, in one list (`<ol>`) the page takes the items of. */
export function renderHiddenRepliesHtml(props: ThreadMarkupOptions & { replies: ThreadComment[]; depth: number }): string {
  return renderToStaticMarkup(<HiddenRepliesMarkup {...props} />);
}
