// Issue #15: a held comment stays in sight of its author, and of no one else.
// The 201 hands the poster an editToken; GET /api/v1/comments/{id}/status
// answers only its holder.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getStatus } from "@/app/api/v1/comments/[id]/status/route";
import { getDb } from "@/lib/db";
import { createArticle } from "../support/factories";
import { postCommentWithCaptcha } from "../support/posting";

let slug: string;

beforeAll(async () => {
  ({ article: { slug } } = await createArticle(getDb()));
});

async function statusRequest(id: string, headers: Record<string, string> = {}) {
  const response = await getStatus(new Request(`http://localhost/api/v1/comments/${encodeURIComponent(id)}/status`, { headers }), { params: Promise.resolve({ id }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

async function postHeld(): Promise<{ id: string; editToken: string }> {
  // A first-time commenter is held by default.
  const { status, body } = await postCommentWithCaptcha(slug, { body: "The council should publish the tender documents before the vote." });
  expect(status).toBe(201);
  expect(body).toMatchObject({ status: "pending", editToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
  return { id: body.id as string, editToken: body.editToken as string };
}

describe("GET /api/v1/comments/{id}/status", () => {
  it("tells the holder of the editToken that the comment awaits moderation, and is never kept by a shared cache", async () => {
    const { id, editToken } = await postHeld();
    const answer = await statusRequest(id, { "x-edit-token": editToken });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id, status: "pending" });
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
  });

  it("follows the moderator's decision: approved, then rejected", async () => {
    const { id, editToken } = await postHeld();
    await getDb().comment.update({ where: { id }, data: { status: "approved" } });
    expect((await statusRequest(id, { "x-edit-token": editToken })).body).toEqual({ id, status: "approved" });
    await getDb().comment.update({ where: { id }, data: { status: "rejected" } });
    expect((await statusRequest(id, { "x-edit-token": editToken })).body).toEqual({ id, status: "rejected" });
  });

  it("says pending for a comment judged spam, as the 201 did", async () => {
    const { id, editToken } = await postHeld();
    await getDb().comment.update({ where: { id }, data: { status: "spam" } });
    expect((await statusRequest(id, { "x-edit-token": editToken })).body).toEqual({ id, status: "pending" });
  });

  it("refuses anyone without the comment's own token with 403 naming editToken, and the body says nothing of the comment", async () => {
    const mine = await postHeld();
    const other = await postHeld();
    const cases = [
      await statusRequest(mine.id),
      await statusRequest(mine.id, { "x-edit-token": other.editToken }),
      await statusRequest(mine.id, { "x-edit-token": `${mine.editToken.slice(0, -1)}A` === mine.editToken ? `${mine.editToken.slice(0, -1)}B` : `${mine.editToken.slice(0, -1)}A` }),
      // An id that does not exist is refused the same way: a wrong token cannot learn what exists.
      await statusRequest("cnonexistent000000000000", { "x-edit-token": mine.editToken }),
      await statusRequest("../../etc", { "x-edit-token": mine.editToken }),
    ];
    for (const answer of cases) {
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ error: { code: "forbidden", message: expect.any(String), fields: { editToken: expect.any(String) } } });
      expect(JSON.stringify(answer.body)).not.toMatch(/pending|approved|tender/);
    }
  });

  it("answers 404 once the comment is gone", async () => {
    const { id, editToken } = await postHeld();
    await getDb().comment.delete({ where: { id } });
    const answer = await statusRequest(id, { "x-edit-token": editToken });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: "not_found" } });
  });
});
