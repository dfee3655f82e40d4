// The embed loader served as /embed.js: fills every [data-comments] element with
// a framed thread that grows to its content, and every [data-comments-count]
// element with its article's comment count. No framework and no dependencies:
// it runs on other people's pages, so it stays small and touches nothing else.
import { buildFrameUrl, formatCountText, formatFrameTitle, planCountRequests, readFrameParams, readHeightMessage, resolveArticleKey } from "./loader-core";

// Read now: document.currentScript is only set while this script first runs.
const scriptSrc =
  (document.currentScript as HTMLScriptElement | null)?.src || document.querySelector<HTMLScriptElement>('script[src*="/embed.js"]')?.src;
const server = scriptSrc ? new URL(scriptSrc).origin : "";
const frames = new Set<HTMLIFrameElement>();
// Threads far below the fold load only as the reader scrolls near them.
const observer =
  "IntersectionObserver" in window
    ? new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            observer!.unobserve(entry.target);
            startFrame(entry.target.querySelector("iframe"));
          }
        },
        { rootMargin: "600px 0px" },
      )
    : null;

function startFrame(frame: HTMLIFrameElement | null): void {
  if (frame?.dataset.src) frame.src = frame.dataset.src;
}

function readCanonicalHref(): string | undefined {
  return document.querySelector<HTMLLinkElement>("link[rel~=canonical]")?.href;
}

function mountThreads(): void {
  const canonical = readCanonicalHref();
  for (const host of document.querySelectorAll<HTMLElement>("[data-comments]")) {
    const { site, article, url, title, signature, lang, theme } = host.dataset;
    if (!site || host.dataset.commentsMounted) continue;
    host.dataset.commentsMounted = "1";
    const frame = document.createElement("iframe");
    frame.title = formatFrameTitle(lang || document.documentElement.lang);
    frame.setAttribute("scrolling", "no");
    frame.setAttribute("loading", "lazy");
    frame.style.cssText = "display:block;width:100%;height:150px;border:0;overflow:hidden";
    frame.dataset.src = buildFrameUrl(
      server,
      site,
      resolveArticleKey(article, canonical, location.href),
      readFrameParams({ url, title, signature, lang, theme }, { canonicalHref: canonical, locationHref: location.href, documentTitle: document.title, origin: location.origin }),
    );
    host.textContent = "";
    host.appendChild(frame);
    frames.add(frame);
    if (observer) observer.observe(host);
    else startFrame(frame);
  }
}

function fillCounts(): void {
  const thread = document.querySelector<HTMLElement>("[data-comments]");
  const pageArticle = resolveArticleKey(thread?.dataset.article, readCanonicalHref(), location.href);
  const targets: { element: HTMLElement; site: string; article: string; lang: string }[] = [];
  for (const element of document.querySelectorAll<HTMLElement>("[data-comments-count]")) {
    if (element.dataset.commentsCounted) continue;
    element.dataset.commentsCounted = "1";
    targets.push({
      element,
      site: element.dataset.site || thread?.dataset.site || "",
      article: element.dataset.article || pageArticle,
      lang: element.dataset.lang || thread?.dataset.lang || document.documentElement.lang,
    });
  }
  for (const request of planCountRequests(server, targets)) {
    fetch(request.url)
      .then((response) => (response.ok ? response.json() : {}))
      .then((counts: Record<string, unknown>) => {
        for (const { element, site, article, lang } of targets) {
          const count = counts[article];
          if (site === request.site && typeof count === "number") {
            element.textContent = formatCountText(count, element.hasAttribute("data-count-only"), lang);
          }
        }
      })
      // A count that cannot be fetched leaves the element's own text in place.
      .catch(() => undefined);
  }
}

function start(): void {
  mountThreads();
  fillCounts();
}

if (server) {
  addEventListener("message", (event) => {
    const report = readHeightMessage(event, server, frames);
    if (report) report.frame.style.height = `${report.height}px`;
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
