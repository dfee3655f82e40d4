// Markup handed from a page's server component to the client component that
// draws it during server rendering, without passing through React's server
// components payload: whatever a server component gives a client component
// as props is written into the page a second time, as the data the browser
// hydrates from. The article page's thread is most of the page, so it goes
// this way (components/comments/static-thread.tsx): the server component
// keeps a function that renders it under a random key, and the client
// component calls it when Next.js renders the page's HTML in the same
// process moments later. The browser reads the markup back from the document.
//
// Both renders run in one process but in separate module graphs, so the
// store lives on globalThis. The router's own requests (a client-side
// navigation, a refresh) render no HTML, so nobody takes what they kept:
// that is why it is a function, not markup, and why the store is bounded in
// time and size. A client component that finds nothing fetches the page.

/** How long markup waits to be taken before it is dropped, and how many renders wait at most. */
const KEEP_MS = 10_000;
const MAX_KEPT = 64;
const STORE = Symbol.for("tertulia.serverHtml");

/** Renders the markup. */
export type HtmlRender = () => string;

interface KeptHtml {
  render: HtmlRender;
  keptAt: number;
}

function store(): Map<string, KeptHtml> {
  const holder = globalThis as typeof globalThis & { [STORE]?: Map<string, KeptHtml> };
  holder[STORE] ??= new Map();
  return holder[STORE];
}

/** Keeps the render of some markup for this page; returns the key its client component takes it by. */
export function keepServerHtml(render: HtmlRender, now = Date.now()): string {
  const kept = store();
  // Oldest first (insertion order): stop at the first one still fresh, once there is room.
  for (const [key, entry] of kept) {
    if (now - entry.keptAt < KEEP_MS && kept.size < MAX_KEPT) break;
    kept.delete(key);
  }
  const key = globalThis.crypto.randomUUID();
  kept.set(key, { render, keptAt: now });
  return key;
}

/** The markup kept under `key`, rendered, once: it is forgotten as it is taken. Null when there is none (taken, expired, or another process's). */
export function takeServerHtml(key: string): string | null {
  const kept = store();
  const entry = kept.get(key);
  if (!entry) return null;
  kept.delete(key);
  return entry.render();
}
