import { serveEmbedAsset } from "@/lib/embed/assets";

export const dynamic = "force-dynamic";

/** GET /embed-frame.js[?v={hash}] — the framed thread's script (forms, replies, reports, sizing). */
export function GET(request: Request): Response {
  return serveEmbedAsset(request, "/embed-frame.js");
}
