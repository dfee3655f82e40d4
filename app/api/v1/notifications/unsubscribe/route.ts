import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse } from "@/lib/http";
import { unsubscribeReaderAddress } from "@/lib/notifications/reader-subscriptions";

/**
 * POST /api/v1/notifications/unsubscribe?token=… — stops every mail to a
 * reader's address: RFC 8058 one-click (mail clients POST the form body
 * `List-Unsubscribe=One-Click`) and the unsubscribe page's button.
 */
export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token");
  const isForm = (request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded");
  try {
    // The page's button says so in a field of its own; a mail client's one-click POST gets a plain answer.
    const isPageForm = isForm && new URLSearchParams(await request.text()).get("from") === "page";
    const result = await unsubscribeReaderAddress(getDb(), token);
    if (isPageForm) return new Response(null, { status: 303, headers: { Location: `/notifications/unsubscribe?token=${encodeURIComponent(token ?? "")}` } });
    return jsonResponse({ unsubscribed: result.state === "unsubscribed" });
  } catch (error) {
    return errorResponse(error);
  }
}
