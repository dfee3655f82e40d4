// Helpers for the dashboard's end-to-end tests: signing in through next-auth's
// credentials flow (SPEC.md), posting comments through the public API, and
// reading what the Akismet stand-in received.
import { execFile } from "node:child_process";
import { expect, type APIRequestContext } from "@playwright/test";
import type { E2eAccount } from "./accounts";

/** Signs in through GET /api/auth/csrf and POST /api/auth/callback/credentials; returns the URL next-auth answers with. */
export async function signInThroughApi(request: APIRequestContext, account: Pick<E2eAccount, "email" | "password">): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account.email, password: account.password, callbackUrl: "/moderation", json: "true" },
  });
  // 200 when signed in; 401 with the error in the URL when not.
  expect([200, 401]).toContain(response.status());
  return ((await response.json()) as { url: string }).url;
}

/** Solves "x − a = b" style questions from GET /api/v1/captcha. */
function solve(question: string): string {
  const match = /^\?\s*([−+-])\s*(\d+)\s*=\s*(-?\d+)$/.exec(question.trim());
  if (!match) throw new Error(`Unexpected captcha question: ${question}`);
  const [, operator, a, b] = match;
  return String(operator === "+" ? Number(b) - Number(a) : Number(a) + Number(b));
}

/** Posts a comment through the public API (captcha solved); waits out the one-second flood interval the e2e server runs with. */
export async function postComment(
  request: APIRequestContext,
  slug: string,
  fields: { authorName: string; authorEmail: string; body: string; authorUrl?: string; parentId?: string },
): Promise<{ status: number; body: { id?: string; status?: string; error?: { code: string; message: string } } }> {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const { token, question } = (await (await request.get("/api/v1/captcha")).json()) as { token: string; question: string };
  const response = await request.post(`/api/v1/articles/${slug}/comments`, {
    data: { ...fields, captchaToken: token, captchaAnswer: solve(question) },
  });
  return { status: response.status(), body: (await response.json()) as { id?: string; status?: string; error?: { code: string; message: string } } };
}

/** What the Akismet stand-in has received so far. */
export async function akismetRequests(request: APIRequestContext, akismetPort: number): Promise<Array<{ path: string; fields: Record<string, string> }>> {
  return (await (await request.get(`http://127.0.0.1:${akismetPort}/__requests`)).json()) as Array<{ path: string; fields: Record<string, string> }>;
}

/** Text no earlier run has posted: the server refuses duplicates. */
export function unique(text: string): string {
  return `${text} (${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)})`;
}

/** Gives a comment an earlier text, respects or its author's deletion, as an edit, readers or a deletion would, through the running app's database. */
export function engageComment(commentId: string, engagement: { revision?: string; respects?: number; isDeleted?: boolean }): Promise<void> {
  const env = { ...process.env, DATABASE_URL: "", EMBEDDED_DATABASE_DIR: "./data/e2e", NEXTAUTH_URL: "" };
  const args = ["tests/support/engage-comment.ts", commentId];
  if (engagement.revision !== undefined) args.push("--revision", engagement.revision);
  if (engagement.respects !== undefined) args.push("--respects", String(engagement.respects));
  if (engagement.isDeleted) args.push("--deleted", "yes");
  return new Promise((resolve, reject) => {
    execFile("node_modules/.bin/tsx", args, { env, timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`engage-comment failed: ${stderr}`));
      else resolve();
    });
  });
}

