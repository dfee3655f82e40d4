// Issue #13, item 1: an account without moderation rights (a member, or a
// moderator demoted while their 8-hour cookie lasts) gets nothing of the
// dashboard's data: no commenter's e-mail or IP, no other moderator's e-mail,
// in the HTML page nor in the RSC payload the router asks for, on any page.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppProcess, cookieHeader, makeTempFolder, ModeratorSession, operationsPorts, postComment, runNpmScript, setUpDemoDatabase, signInCookies, type AppEnvironment } from "./app-process";

const folder = makeTempFolder("ops-dashboard-privacy");
const app: AppEnvironment = { dataDir: join(folder.path, "pglite"), port: operationsPorts.first };
const slug = "shade-before-air-conditioning";

const admin = { email: "privacy-admin@example.org", password: "privacy-admin-password", role: "admin" };
const member = { email: "privacy-member@example.org", password: "privacy-member-password", role: "member" };
const demoted = { email: "privacy-demoted@example.org", password: "privacy-demoted-password", role: "moderator" };
const commenters = [
  { email: "secret-commenter-one@example.org", address: "198.51.100.171", body: "Shade is cheaper than any machine, and it lasts for decades." },
  { email: "secret-commenter-two@example.org", address: "203.0.113.172", body: "You are an idiot and a liar, everyone knows it." },
];

let running: AppProcess | null = null;

function pagePathsUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return pagePathsUnder(path);
    if (entry !== "page.tsx") return [];
    const segments = relative("app", path).split("/").slice(0, -1).filter((segment) => !/^\(.+\)$/.test(segment));
    return segments.some((segment) => segment.startsWith("[")) ? [] : [`/${segments.join("/")}`];
  });
}

// Every page, with each queue filled in for the dynamic segment.
const pagePaths = [...pagePathsUnder("app/(moderation)"), ...["pending", "reported", "spam", "rejected", "approved"].map((queue) => `/moderation/queue/${queue}`)];

// The ways a browser asks for a page: a navigation, the router's RSC request, its prefetch, and the `_rsc` query it adds.
const requestShapes: Array<{ label: string; headers: Record<string, string>; query: string }> = [
  { label: "HTML", headers: {}, query: "" },
  { label: "RSC", headers: { RSC: "1" }, query: "" },
  { label: "RSC prefetch", headers: { RSC: "1", "Next-Router-Prefetch": "1" }, query: "" },
  { label: "RSC with _rsc", headers: { RSC: "1", "Next-Url": "/moderation" }, query: "?_rsc=probe" },
];

/** What must never reach an account without moderation rights. */
const secrets = [...commenters.flatMap((commenter) => [commenter.email, commenter.address]), admin.email];

beforeAll(async () => {
  await setUpDemoDatabase(app);
  for (const account of [admin, member, demoted]) {
    const added = await runNpmScript(app, "moderator:add", ["--email", account.email, "--password", account.password, "--role", account.role]);
    if (added.exitCode !== 0) throw new Error(added.stdout + added.stderr);
  }
  running = await AppProcess.start(app);
  for (const commenter of commenters) {
    const posted = await postComment(running.url, slug, { body: commenter.body, authorEmail: commenter.email }, commenter.address);
    expect(posted.status).toBe(201);
  }
  // A decision puts the admin's e-mail in the log.
  const adminSession = await ModeratorSession.signIn(running.url, admin.email, admin.password);
  const pending = await adminSession!.request("GET", "/api/v1/moderation/comments?queue=pending");
  const held = (pending.body.comments as Array<{ id: string }>)[0];
  if (held) expect((await adminSession!.request("POST", `/api/v1/moderation/comments/${held.id}/decision`, { action: "reject" })).status).toBe(200);
});

afterAll(async () => {
  await running?.stop();
  folder.remove();
});

/** Signs in and keeps the cookie header, to ask for pages as a browser does. */
async function signInCookie(email: string, password: string): Promise<string> {
  const cookies = await signInCookies(running!.url, email, password);
  expect([...cookies.keys()].some((name) => name.endsWith("next-auth.session-token"))).toBe(true);
  return cookieHeader(cookies);
}

async function expectNothingLeaks(cookie: string): Promise<void> {
  for (const path of pagePaths) {
    for (const shape of requestShapes) {
      const ask = (url: string) => fetch(url, { headers: { cookie, ...shape.headers }, redirect: "manual" });
      let response = await ask(`${running!.url}${path}${shape.query}`);
      // Next.js sends an RSC request without the right `_rsc` cache key to the address with it, as the router would then ask.
      const location = response.headers.get("location");
      if (response.status === 307 && location?.includes("_rsc")) response = await ask(new URL(location, running!.url).toString());
      const body = await response.text();
      const where = `${shape.label} ${path} → ${response.headers.get("location") ?? ""} ${body.slice(0, 300)}`;
      expect(response.status, where).toBe(403);
      for (const secret of secrets) expect(body.includes(secret), `${where} carries ${secret}`).toBe(false);
      // A prefetch carries the route's tree (here /forbidden's), not its content.
      if ("Next-Router-Prefetch" in shape.headers) expect(body, where).toContain('"forbidden"');
      else expect(body, where).toContain("no moderation rights");
    }
  }
}

describe("the dashboard, asked for by an account without moderation rights", () => {
  it("finds every dashboard page, and a moderator sees the seeded data on them", async () => {
    expect(pagePaths).toEqual(expect.arrayContaining(["/moderation", "/moderation/log", "/moderation/queue/pending", "/moderation/bans", "/moderation/settings", "/moderation/sites"]));
    const cookie = await signInCookie(admin.email, admin.password);
    const approved = (await Promise.all(["pending", "approved"].map(async (queue) => (await fetch(`${running!.url}/moderation/queue/${queue}`, { headers: { cookie } })).text()))).join("");
    const rejected = await (await fetch(`${running!.url}/moderation/queue/rejected`, { headers: { cookie } })).text();
    const log = await (await fetch(`${running!.url}/moderation/log`, { headers: { cookie } })).text();
    // The probe can fail: these are what the refusals below must not carry.
    expect(approved + rejected).toContain(commenters[0]!.email);
    expect(approved + rejected).toContain(commenters[1]!.address);
    expect(log).toContain(admin.email);
  });

  it("answers a member 403 with none of it, as HTML or RSC", async () => {
    await expectNothingLeaks(await signInCookie(member.email, member.password));
  });

  it("answers a moderator demoted after signing in 403 with none of it, as HTML or RSC", async () => {
    const cookie = await signInCookie(demoted.email, demoted.password);
    const before = await fetch(`${running!.url}/moderation/queue/pending`, { headers: { cookie } });
    expect(before.status).toBe(200);
    await before.body?.cancel();
    const demotion = await runNpmScript(app, "moderator:add", ["--email", demoted.email, "--password", demoted.password, "--role", "member"]);
    expect(demotion.exitCode, demotion.stdout + demotion.stderr).toBe(0);
    await expectNothingLeaks(cookie);
  });
});
