import { serveEmbedAsset } from "@/lib/embed/assets";

export const dynamic = "force-dynamic";

/** GET /embed.js[?v={hash}] — the embed loader other sites include (SPEC.md, Embed). */
export function GET(request: Request): Response {
  return serveEmbedAsset(request, "/embed.js");
}
