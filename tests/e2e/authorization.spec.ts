// Every dashboard page and moderation API route, read from the app's route
// files (so a new one is covered without editing this test), refuses visitors
// without a session (redirect to /login, or 401) and signed-in accounts
// without moderation rights (403); admin-only routes refuse moderators.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, request as requestFactory, test, type APIRequestContext } from "@playwright/test";
import { e2eAdmin, e2eLockable, e2eMember, e2eModerator } from "./accounts";
import { signInThroughApi } from "./dashboard-support";

function filesNamed(directory: string, name: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return filesNamed(path, name);
    return entry === name ? [path] : [];
  });
}

// A sample value for each dynamic segment: the guard answers before any lookup.
function toUrlPath(file: string, root: string): string {
  const segments = relative(root, file).split("/").slice(0, -1).filter((segment) => !/^\(.+\)$/.test(segment));
  return `/${segments.map((segment) => (segment.startsWith("[") ? "sample" : segment)).join("/")}`;
}

const pagePaths = filesNamed("app/(moderation)", "page.tsx").map((file) => toUrlPath(file, "app"));
const apiRoutes = filesNamed("app/api/v1/moderation", "route.ts").map((file) => {
  const source = readFileSync(file, "utf8");
  return {
    path: toUrlPath(file, "app"),
    methods: [...source.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]!),
    isAdminOnly: /requireModerator\(\{\s*admin:\s*true\s*\}\)/.test(source),
  };
});

async function call(request: APIRequestContext, method: string, path: string, headers: Record<string, string> = {}) {
  return request.fetch(path, { method, headers, maxRedirects: 0, ...(method === "GET" || method === "DELETE" ? {} : { data: {} }) });
}

async function signedInContext(baseURL: string | undefined, account: { email: string; password: string }): Promise<APIRequestContext> {
  const context = await requestFactory.newContext({ baseURL });
  const url = await signInThroughApi(context, account);
  expect(url).not.toContain("error=");
  return context;
}

test.describe("the dashboard's authorization", () => {
  test("finds the dashboard's pages and routes in the route files", () => {
    expect(pagePaths).toContain("/moderation");
    expect(pagePaths).toContain("/moderation/queue/sample");
    expect(apiRoutes.map((route) => route.path)).toContain("/api/v1/moderation/comments");
    expect(apiRoutes.map((route) => route.path)).toContain("/api/v1/moderation/comments/sample/decision");
    for (const route of apiRoutes) expect(route.methods.length, route.path).toBeGreaterThan(0);
  });

  test("sends visitors without a session to /login and answers the API with 401", async ({ request }) => {
    for (const path of pagePaths) {
      const response = await call(request, "GET", path);
      expect(response.status(), path).toBe(307);
      expect(response.headers().location, path).toContain(`/login?callbackUrl=${encodeURIComponent(path)}`);
    }
    for (const route of apiRoutes) {
      for (const method of route.methods) {
        const response = await call(request, method, route.path);
        expect(response.status(), `${method} ${route.path}`).toBe(401);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
      }
    }
  });

  test("answers 403 to a signed-in account without moderation rights", async ({ baseURL }) => {
    const member = await signedInContext(baseURL, e2eMember);
    for (const path of pagePaths) {
      const response = await call(member, "GET", path);
      expect(response.status(), path).toBe(403);
      expect(await response.text()).toContain("has no moderation rights");
    }
    for (const route of apiRoutes) {
      for (const method of route.methods) {
        const response = await call(member, method, route.path);
        expect(response.status(), `${method} ${route.path}`).toBe(403);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
      }
    }
    await member.dispose();
  });

  test("keeps admin-only routes from moderators", async ({ baseURL }) => {
    const moderator = await signedInContext(baseURL, e2eModerator);
    const adminOnly = apiRoutes.filter((route) => route.isAdminOnly);
    expect(adminOnly.map((route) => route.path)).toContain("/api/v1/moderation/settings");
    for (const route of adminOnly) {
      for (const method of route.methods) {
        expect((await call(moderator, method, route.path)).status(), `${method} ${route.path}`).toBe(403);
      }
    }
    expect((await call(moderator, "GET", "/api/v1/moderation/comments")).status()).toBe(200);
    await moderator.dispose();
  });

  test("refuses cross-site state-changing requests even with a moderator's cookie", async ({ baseURL }) => {
    const admin = await signedInContext(baseURL, e2eAdmin);
    const path = "/api/v1/moderation/decisions";
    const crossSite: Array<Record<string, string>> = [{ Origin: "http://evil.example" }, { "Sec-Fetch-Site": "cross-site" }];
    for (const headers of crossSite) {
      const response = await call(admin, "POST", path, headers);
      expect(response.status(), JSON.stringify(headers)).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain("Cross-site");
    }
    // The same request from the dashboard's own origin reaches the handler (which then names the missing field).
    const sameOrigin = await call(admin, "POST", path, { Origin: new URL(baseURL ?? "").origin, "Sec-Fetch-Site": "same-origin" });
    expect(sameOrigin.status()).toBe(400);
    expect(((await sameOrigin.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("action");
    await admin.dispose();
  });

  test("locks an account after five failed sign-ins, with a clear message", async ({ baseURL }) => {
    const context = await requestFactory.newContext({ baseURL });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await signInThroughApi(context, { email: e2eLockable.email, password: "wrong password" })).toContain("error=");
    }
    const url = decodeURIComponent(await signInThroughApi(context, e2eLockable));
    expect(url).toContain("Too many failed sign-ins for this account");
    expect((await context.get("/api/v1/moderation/comments")).status()).toBe(401);
    await context.dispose();
  });

  test("sets an HttpOnly, SameSite=Lax session cookie that sign-out clears", async ({ baseURL }) => {
    const context = await signedInContext(baseURL, e2eModerator);
    const cookie = (await context.storageState()).cookies.find((item) => item.name.endsWith("next-auth.session-token"));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(cookie!.expires * 1000 - Date.now()).toBeLessThanOrEqual(8 * 60 * 60 * 1000 + 60_000);
    const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await context.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
    expect((await context.get("/api/v1/moderation/comments")).status()).toBe(401);
    await context.dispose();
  });
});
