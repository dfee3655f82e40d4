// Helpers for posting through the real route handlers, as a site's client would.
import { GET as getCaptcha } from "@/app/api/v1/captcha/route";
import { POST as postComment } from "@/app/api/v1/articles/[slug]/comments/route";
import { POST as postReport } from "@/app/api/v1/comments/[id]/reports/route";
import { CLIENT_IP_HEADER } from "@/lib/http";

let ipCounter = 0;

/** A fresh client address, so the flood limit of one test does not touch another. */
export function nextIp(): string {
  ipCounter += 1;
  // Each in a network (/24) of its own: reports count one per network.
  return `10.${77 + Math.floor(ipCounter / 250)}.${ipCounter % 250}.7`;
}

/** Answers "? − b = c" as a reader would. */
export function solveQuestion(question: string): string {
  const match = /^\?\s*−\s*(\d+)\s*=\s*(\d+)$/.exec(question);
  if (!match) throw new Error(`Unexpected captcha question: ${question}`);
  return String(Number(match[1]) + Number(match[2]));
}

/** A new captcha token with its correct answer. */
export async function solvedCaptcha(): Promise<{ captchaToken: string; captchaAnswer: string }> {
  const response = await getCaptcha();
  const { token, question } = (await response.json()) as { token: string; question: string };
  return { captchaToken: token, captchaAnswer: solveQuestion(question) };
}

/** The JSON response of a route, parsed. */
export interface JsonResult {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function toResult(response: Response): Promise<JsonResult> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** POST /api/v1/articles/{slug}/comments with a raw body. */
export async function postCommentRaw(slug: string, body: string, headers: Record<string, string> = {}): Promise<JsonResult> {
  const request = new Request(`http://localhost/api/v1/articles/${encodeURIComponent(slug)}/comments`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "vitest", [CLIENT_IP_HEADER]: nextIp(), ...headers },
    body,
  });
  return toResult(await postComment(request, { params: Promise.resolve({ slug }) }));
}

/** POST a comment with a solved captcha; fields override the defaults. */
export async function postCommentWithCaptcha(slug: string, fields: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<JsonResult> {
  const body = {
    authorName: "Reader",
    authorEmail: `reader-${nextIp()}@example.org`,
    body: "A thoughtful comment about the article.",
    ...(await solvedCaptcha()),
    ...fields,
  };
  return postCommentRaw(slug, JSON.stringify(body), headers);
}

/** POST /api/v1/comments/{id}/reports. */
export async function postReportRequest(id: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonResult> {
  const request = new Request(`http://localhost/api/v1/comments/${id}/reports`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "vitest", [CLIENT_IP_HEADER]: nextIp(), ...headers },
    body: JSON.stringify(body),
  });
  return toResult(await postReport(request, { params: Promise.resolve({ id }) }));
}
