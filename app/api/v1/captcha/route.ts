import { getPostingServices } from "@/lib/comments/posting-services";
import { errorResponse, jsonResponse } from "@/lib/http";
import { createCaptcha } from "@/lib/integrations/captcha";

export const dynamic = "force-dynamic";

/** GET /api/v1/captcha — a new question and its signed, single-use token. */
export async function GET(request?: Request): Promise<Response> {
  try {
    return jsonResponse(createCaptcha(getPostingServices().secret), 200, { "Cache-Control": "no-store" });
  } catch (error) {
    return errorResponse(error, request);
  }
}
