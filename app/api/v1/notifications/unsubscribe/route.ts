import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse } from "@/lib/http";
import { readLocaleParam } from "@/lib/i18n/negotiate-locale";
import { unsubscribeReaderAddress } from "@/lib/notifications/reader-subscriptions";

/** The page keeps the language the address asked for (`&lang=`), if it asked. */
function langParam(request: Request): string {
  const lang = readLocaleParam(new URL(request.url).searchParams.get("lang"));
  return lang ? `&lang=${lang}` : "";
}

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
    if (isPageForm) return new Response(null, { status: 303, headers: { Location: `/notifications/unsubscribe?token=${encodeURIComponent(token ?? "")}${langParam(request)}` } });
    return jsonResponse({ unsubscribed: result.state === "unsubscribed" });
  } catch (error) {
    return errorResponse(error, request);
  }
}
