// The Account page's API: each moderator chooses their own alerts.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getAlerts, PUT as putAlerts } from "@/app/api/v1/moderation/account/alerts/route";
import { GET as getLanguage, PUT as putLanguage } from "@/app/api/v1/moderation/account/language/route";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";

// The session is next-auth's cookie in the app; here the test says who is signed in.
const session = vi.hoisted(() => ({ account: null as SignedInAccount | null }));
vi.mock("@/lib/auth/session", async () => {
  const { requireModeratorRole } = await import("@/lib/auth/moderators");
  return {
    getSignedInAccount: async () => session.account,
    requireModerator: async (options: { admin?: boolean } = {}) => requireModeratorRole(session.account, options),
  };
});

const accounts = {} as Record<"admin" | "moderator" | "member", SignedInAccount>;

async function put(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await putAlerts(new Request("http://localhost/api/v1/moderation/account/alerts", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function putLanguageAs(body: unknown, acceptLanguage = "en"): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await putLanguage(
    new Request("http://localhost/api/v1/moderation/account/language", { method: "PUT", headers: { "content-type": "application/json", "accept-language": acceptLanguage }, body: JSON.stringify(body) }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function storedLanguage(id: string) {
  return (await getDb().moderator.findUniqueOrThrow({ where: { id }, select: { language: true } })).language;
}

async function storedMode(id: string) {
  return getDb().moderator.findUniqueOrThrow({ where: { id }, select: { alertMode: true, alertDigestSentAt: true } });
}

beforeAll(async () => {
  for (const role of ["admin", "moderator", "member"] as const) {
    const row = await getDb().moderator.create({ data: { email: `${role}-alerts@staff.example`, passwordHash: "not used", role } });
    accounts[role] = { id: row.id, email: row.email, name: null, role };
  }
});

describe("PUT /api/v1/moderation/account/alerts", () => {
  it.each<[string, keyof typeof accounts | null, unknown, number, string]>([
    ["without a session", null, { mode: "off" }, 401, "unauthorized"],
    ["for a member", "member", { mode: "off" }, 403, "forbidden"],
    ["with an unknown mode", "moderator", { mode: "weekly" }, 400, "validation"],
    ["without a mode", "moderator", {}, 400, "validation"],
  ])("refuses %s", async (_name, who, body, status, code) => {
    session.account = who ? accounts[who] : null;
    const result = await put(body);
    expect(result.status).toBe(status);
    expect(result.body.error).toMatchObject({ code });
    if (who) expect((await storedMode(accounts[who].id)).alertMode).toBe("immediate");
  });

  it("changes only the signed-in moderator's mode, and starting the digest starts its first hour now", async () => {
    session.account = accounts.moderator;
    const before = Date.now();
    expect(await put({ mode: "digest" })).toEqual({ status: 200, body: { alerts: { mode: "digest" } } });
    const stored = await storedMode(accounts.moderator.id);
    expect(stored.alertMode).toBe("digest");
    expect(stored.alertDigestSentAt!.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect((await storedMode(accounts.admin.id)).alertMode).toBe("immediate");
    expect(await (await getAlerts()).json()).toEqual({ alerts: { mode: "digest" } });

    session.account = accounts.admin;
    expect((await put({ mode: "off" })).body).toEqual({ alerts: { mode: "off" } });
    expect((await storedMode(accounts.admin.id)).alertMode).toBe("off");
    expect((await storedMode(accounts.moderator.id)).alertMode).toBe("digest");
  });
});

describe("PUT /api/v1/moderation/account/language", () => {
  it.each<[string, keyof typeof accounts | null, unknown, number, string]>([
    ["without a session", null, { language: "es" }, 401, "unauthorized"],
    ["for a member", "member", { language: "es" }, 403, "forbidden"],
    ["with a language the app does not speak", "moderator", { language: "fr" }, 400, "validation"],
    ["without a language", "moderator", {}, 400, "validation"],
    ["with a language that is not text", "moderator", { language: 3 }, 400, "validation"],
  ])("refuses %s", async (_name, who, body, status, code) => {
    session.account = who ? accounts[who] : null;
    const result = await putLanguageAs(body);
    expect(result.status).toBe(status);
    expect(result.body.error).toMatchObject({ code });
    if (status === 400) expect(result.body.error).toMatchObject({ fields: { language: "Choose the browser’s language, English or Español" } });
    if (who) expect(await storedLanguage(accounts[who].id)).toBeNull();
  });

  it("names the refused field in the request's language", async () => {
    session.account = accounts.moderator;
    const result = await putLanguageAs({ language: "fr" }, "es-ES,es;q=0.9");
    expect(result.body.error).toMatchObject({ code: "validation", fields: { language: "Elige el idioma del navegador, English o Español" } });
    expect((result.body.error as { message: string }).message).toContain("language");
  });

  it("saves the signed-in moderator's language, and null goes back to the browser's", async () => {
    session.account = accounts.moderator;
    expect(await putLanguageAs({ language: "es" })).toEqual({ status: 200, body: { language: "es" } });
    expect(await storedLanguage(accounts.moderator.id)).toBe("es");
    expect(await storedLanguage(accounts.admin.id)).toBeNull();
    expect(await (await getLanguage()).json()).toEqual({ language: "es" });
    expect(await putLanguageAs({ language: null })).toEqual({ status: 200, body: { language: null } });
    expect(await storedLanguage(accounts.moderator.id)).toBeNull();
  });
});
