// The thread's static markup as an HTML string, for the article page to hand
// past React's page data (lib/reader-pages/server-html.ts). `react-dom/server.edge`
// is the renderer Next.js lets server code use (plain `react-dom/server` is refused).
import { renderToStaticMarkup } from "react-dom/server.edge";
import type { ThreadComment } from "@/lib/comments/thread";
import type { Locale } from "@/lib/i18n/locales";
import { ThreadMarkup } from "./thread-markup";

/** The comments of a page of the thread, with their static Reply and Report buttons, as HTML. */
export function renderThreadHtml(props: { comments: ThreadComment[]; now: Date; canReply: boolean; locale?: Locale }): string {
  return renderToStaticMarkup(<ThreadMarkup {...props} />);
}
