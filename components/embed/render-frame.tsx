// The framed thread rendered to a static HTML document: no React runtime, no
// hydration data, nothing for the reader to download but the markup, a small
// style sheet and the frame script. `react-dom/server.edge` is the renderer
// Next.js lets a route handler use (plain `react-dom/server` is refused there).
import { renderToStaticMarkup } from "react-dom/server.edge";
import type { FrameTheme } from "@/lib/embed/frame-thread";
import type { Locale } from "@/lib/i18n/locales";
import type { MessageParams } from "@/lib/i18n/translate";
import { FrameThreadDocument, FrameUnavailableDocument, type FrameAssets, type FrameThreadProps } from "./frame-document";

const DOCTYPE = "<!DOCTYPE html>";

/** The framed thread's language and colour scheme. */
export interface FrameLanguageAndTheme {
  locale: Locale;
  theme: FrameTheme;
}

/** The framed thread's page. */
export function renderFrameThread(props: FrameThreadProps, assets: FrameAssets, look: FrameLanguageAndTheme): string {
  return DOCTYPE + renderToStaticMarkup(<FrameThreadDocument {...props} {...look} assets={assets} />);
}

/** The page for a thread that cannot be shown here, saying why when there is more to say than that it is not available. */
export function renderFrameUnavailable(assets: FrameAssets, look: FrameLanguageAndTheme, message?: string, params?: MessageParams): string {
  return DOCTYPE + renderToStaticMarkup(<FrameUnavailableDocument assets={assets} {...look} message={message} params={params} />);
}
