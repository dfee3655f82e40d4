import { serveEmbedAsset } from "@/lib/embed/assets";

export const dynamic = "force-dynamic";

/** GET /embed-frame.css[?v={hash}] — the framed thread's style sheet. */
export function GET(request: Request): Response {
  return serveEmbedAsset(request, "/embed-frame.css");
}
