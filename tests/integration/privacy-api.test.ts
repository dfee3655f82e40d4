// The dashboard's readers' data endpoints: administrators only, the app's one
// error shape for every refusal, and an erasure only when confirmed.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postErase } from "@/app/api/v1/moderation/privacy/erase/route";
import { POST as postExport } from "@/app/api/v1/moderation/privacy/export/route";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { createArticle } from "../support/factories";

// The session is next-auth's cookie in the app; here the test says who is signed in.
const session = vi.hoisted(() => ({ account: null as SignedInAccount | null }));
vi.mock("@/lib/auth/session", async () => {
  const { requireModeratorRole } = await import("@/lib/auth/moderators");
  return {
    getSignedInAccount: async () => session.account,
    requireModerator: async (options: { admin?: boolean } = {}) => requireModeratorRole(session.account, options),
  };
});

const EMAIL = "nuria.vidal@example.org";
let admin: SignedInAccount;
let moderator: SignedInAccount;
let member: SignedInAccount;

async function createAccount(role: SignedInAccount["role"]): Promise<SignedInAccount> {
  const row = await getDb().moderator.create({ data: { email: `privacy-${role}@example.org`, passwordHash: "unused", role } });
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

function post(path: "export" | "erase", body: unknown): Promise<Response> {
  const request = new Request(`http://localhost/api/v1/moderation/privacy/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return path === "export" ? postExport(request) : postErase(request);
}

async function call(path: "export" | "erase", body: unknown) {
  const response = await post(path, body);
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, cacheControl: response.headers.get("cache-control") };
}

beforeAll(async () => {
  [admin, moderator, member] = [await createAccount("admin"), await createAccount("moderator"), await createAccount("member")];
  const { article } = await createArticle(getDb());
  await getDb().comment.create({
    data: { articleId: article.id, authorName: "Núria Vidal", authorEmail: EMAIL, body: "Mine.", bodyHtml: "<p>Mine.</p>", status: "approved", ip: "198.51.100.4" },
  });
});

describe("POST /api/v1/moderation/privacy/{export,erase} refusals", () => {
  const asNobody = () => null;
  const asModerator = () => moderator;
  const asMember = () => member;
  const asAdmin = () => admin;
  it.each([
    ["export", "nobody signed in", asNobody, { email: EMAIL }, 401, { code: "unauthorized", message: "Sign in as a moderator to do this." }],
    ["erase", "nobody signed in", asNobody, { email: EMAIL, confirm: true }, 401, { code: "unauthorized", message: "Sign in as a moderator to do this." }],
    ["export", "a moderator", asModerator, { email: EMAIL }, 403, { code: "forbidden", message: "Only administrators can do this." }],
    ["erase", "a moderator", asModerator, { email: EMAIL, confirm: true }, 403, { code: "forbidden", message: "Only administrators can do this." }],
    ["erase", "a member", asMember, { email: EMAIL, confirm: true }, 403, { code: "forbidden", message: "Only administrators can do this." }],
    ["export", "an admin without an e-mail", asAdmin, {}, 400, { code: "validation", fields: { email: "Enter the commenter's e-mail address" } }],
    ["export", "an admin with a malformed e-mail", asAdmin, { email: "not an address" }, 400, { code: "validation", fields: { email: "Enter a valid e-mail address" } }],
    ["erase", "an admin without confirm", asAdmin, { email: EMAIL }, 400, { code: "validation", fields: { confirm: "Erasure cannot be undone: send confirm: true to go ahead" } }],
    ["erase", "an admin with confirm: false", asAdmin, { email: EMAIL, confirm: false }, 400, { code: "validation", fields: { confirm: "Erasure cannot be undone: send confirm: true to go ahead" } }],
    ["erase", "an admin with confirm: \"yes\"", asAdmin, { email: EMAIL, confirm: "yes" }, 400, { code: "validation", fields: { confirm: expect.any(String) } }],
    ["erase", "an admin sending an array", asAdmin, [EMAIL], 400, { code: "validation", fields: { _: "Send a JSON object with the e-mail address and confirm: true" } }],
    ["export", "an admin sending text that is not JSON", asAdmin, "email=x", 400, { code: "validation", message: "The request body must be JSON", fields: { body: "must be a JSON object" } }],
  ] as const)("%s by %s → %i in the error shape, changing nothing", async (path, _who, account, body, status, error) => {
    session.account = account();
    const requests = await getDb().privacyRequest.count();
    const result = await call(path, body);
    expect(result.status).toBe(status);
    expect(Object.keys(result.body)).toEqual(["error"]);
    expect(result.body.error).toMatchObject({ ...error, message: "message" in error ? error.message : expect.any(String) });
    expect(await getDb().privacyRequest.count()).toBe(requests);
    expect(await getDb().comment.count({ where: { authorEmail: EMAIL } })).toBe(1);
  });
});

describe("POST /api/v1/moderation/privacy/export and /erase as an administrator", () => {
  it("exports the reader's data, not to be cached, and logs who asked", async () => {
    session.account = admin;
    const result = await call("export", { email: "Nuria.Vidal@Example.org" });
    expect(result.status).toBe(200);
    expect(result.cacheControl).toContain("no-store");
    expect(result.body).toMatchObject({ email: EMAIL, comments: [{ authorName: "Núria Vidal", authorEmail: EMAIL, body: "Mine.", ip: "198.51.100.4" }], bans: [] });
    expect(await getDb().privacyRequest.findFirstOrThrow({ where: { kind: "export" } })).toMatchObject({ moderatorId: admin.id, comments: 1 });
  });

  it("erases the reader when confirmed and answers how many comments", async () => {
    session.account = admin;
    const result = await call("erase", { email: EMAIL, confirm: true });
    expect(result).toMatchObject({ status: 200, body: { erased: 1, bans: 0 } });
    expect(await getDb().comment.count({ where: { authorEmail: EMAIL } })).toBe(0);
    expect(await getDb().privacyRequest.findFirstOrThrow({ where: { kind: "erase" } })).toMatchObject({ moderatorId: admin.id, comments: 1 });
    // The export of the same address now finds nothing.
    expect((await call("export", { email: EMAIL })).body).toMatchObject({ comments: [], bans: [] });
  });
});
