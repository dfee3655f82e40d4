import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse } from "@/lib/http";
import { readLocaleParam } from "@/lib/i18n/negotiate-locale";
import { confirmReaderAddress } from "@/lib/notifications/reader-subscriptions";

/** The page keeps the language the address asked for (`&lang=`), if it asked. */
function langParam(request: Request): string {
  const lang = readLocaleParam(new URL(request.url).searchParams.get("lang"));
  return lang ? `&lang=${lang}` : "";
}

/** POST /api/v1/notifications/confirm?token=… — confirms a reader's address (the confirm page's button; a fetch of the mail's link never does). */
export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token");
  const isPageForm = (request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded");
  try {
    const result = await confirmReaderAddress(getDb(), token);
    // The page's form is answered with the page, which now says the address is confirmed.
    if (isPageForm) return new Response(null, { status: 303, headers: { Location: `/notifications/confirm?token=${encodeURIComponent(token ?? "")}${langParam(request)}` } });
    return jsonResponse({ confirmed: result.state === "confirmed" });
  } catch (error) {
    return errorResponse(error, request);
  }
}
