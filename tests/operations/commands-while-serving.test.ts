// A newcomer's first hour on the embedded database, against `npm start`: the
// project's commands run while the app serves, and what they change counts at
// once (caches included) and survives a restart; a second `npm start` on the
// same directory is refused while the first goes on.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppProcess, makeTempFolder, ModeratorSession, operationsPorts, postComment, runNpmScript, setUpDemoDatabase, type AppEnvironment } from "./app-process";

const folder = makeTempFolder("ops-commands");
const app: AppEnvironment = { dataDir: join(folder.path, "pglite"), port: operationsPorts.first };
const slug = "shade-before-air-conditioning";
const newcomer = { email: "newcomer@example.org", password: "a newcomer's passphrase" };
let running: AppProcess | null = null;

beforeAll(async () => {
  await setUpDemoDatabase(app);
  running = await AppProcess.start(app);
});

afterAll(async () => {
  await running?.stop();
  folder.remove();
});

/** The frame policy the app sends for a site's framed thread (cached per site by the app). */
async function frameAncestors(siteKey: string): Promise<string> {
  const response = await fetch(`${running!.url}/embed/${siteKey}/any-article`);
  await response.body?.cancel();
  return response.headers.get("content-security-policy") ?? "";
}

describe("the project's commands while npm start serves the embedded database", { timeout: 180_000 }, () => {
  const ids: { a?: string; b?: string } = {};

  it("takes post A, adds a moderator from the command line whose account signs in at once, and takes post B", async () => {
    const postA = await postComment(running!.url, slug, { body: "Comment A: shade trees cool streets before any machine does.", authorEmail: "a@example.org" }, "203.0.113.1");
    expect(postA.status).toBe(201);
    ids.a = postA.id!;

    const added = await runNpmScript(app, "moderator:add", ["--email", newcomer.email, "--password", newcomer.password, "--role", "admin"]);
    expect(added).toMatchObject({ exitCode: 0, stderr: "" });
    expect(added.stdout.trim()).toBe(`Created moderator ${newcomer.email} (admin)`);

    const session = await ModeratorSession.signIn(running!.url, newcomer.email, newcomer.password);
    expect(session, "the account made by moderator:add signs in to the running app").not.toBeNull();

    const postB = await postComment(running!.url, slug, { body: "Comment B: and they cost less to run every summer after.", authorEmail: "b@example.org" }, "203.0.113.2");
    expect(postB.status).toBe(201);
    ids.b = postB.id!;

    for (const id of [ids.a, ids.b]) {
      const decision = await session!.request("POST", `/api/v1/moderation/comments/${id}/decision`, { action: "approve" });
      expect(decision).toMatchObject({ status: 200, body: { id, status: "approved" } });
    }
  });

  it("shows site:add and settings in the dashboard API at once, and drops the app's cached frame policy and thread pages at once", async () => {
    const session = (await ModeratorSession.signIn(running!.url, newcomer.email, newcomer.password))!;
    const first = await runNpmScript(app, "site:add", ["--name", "Operations News", "--origin", "https://first.example", "--key", "ops-news"]);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(await frameAncestors("ops-news")).toContain("https://first.example");

    // The same key with another origin: the app cached the policy above (for 2 s); the command's change must replace it now.
    const second = await runNpmScript(app, "site:add", ["--name", "Operations News", "--origin", "https://second.example", "--key", "ops-news"]);
    expect(second.exitCode, second.stderr).toBe(0);
    const policy = await frameAncestors("ops-news");
    expect(policy).toContain("https://second.example");
    expect(policy).not.toContain("https://first.example");

    const sites = await session.request("GET", "/api/v1/moderation/sites");
    expect(sites.status).toBe(200);
    expect(sites.body.sites).toEqual(expect.arrayContaining([expect.objectContaining({ key: "ops-news", name: "Operations News", allowedOrigins: ["https://second.example"] })]));

    // The thread page is cached by npm start's server for up to 5 s; auto-closing old threads must show at once.
    const before = (await (await fetch(`${running!.url}/api/v1/articles/${slug}/comments`)).json()) as { article: { commentsOpen: boolean } };
    expect(before.article.commentsOpen).toBe(true);
    const settings = await runNpmScript(app, "settings", ["linkHoldThreshold=3", "autoCloseAfterDays=30"]);
    expect(settings.exitCode, settings.stderr).toBe(0);
    const after = (await (await fetch(`${running!.url}/api/v1/articles/${slug}/comments`)).json()) as { article: { commentsOpen: boolean } };
    expect(after.article.commentsOpen).toBe(false);

    const shown = await session.request("GET", "/api/v1/moderation/settings");
    expect(shown).toMatchObject({ status: 200, body: { settings: { linkHoldThreshold: 3, autoCloseAfterDays: 30 } } });
  });

  it("imports a WordPress export and writes one while the app serves, and the imported thread shows at once", async () => {
    const imported = await runNpmScript(app, "import", ["--format", "wxr", "tests/fixtures/import/wordpress.xml", "--site", "ops-news"]);
    expect(imported.exitCode, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("Comments: 16 created");
    const thread = (await (await fetch(`${running!.url}/api/v1/articles/dont-panic-carry-on/comments?limit=100`)).json()) as { article: { title: string }; comments: { authorName: string }[] };
    expect(thread.article.title).toBe("Don’t panic & carry on");
    expect(thread.comments.map((comment) => comment.authorName)).toContain("José Ñúñez");

    const out = join(folder.path, "export.xml");
    const exported = await runNpmScript(app, "export", ["--out", out, "--format", "wxr"]);
    expect(exported.exitCode, exported.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("<wp:comment_author><![CDATA[José Ñúñez]]></wp:comment_author>");
  });

  it("refuses a second npm start on the same directory within seconds, naming it, while the first goes on serving", async () => {
    const started = Date.now();
    const second = AppProcess.launch({ ...app, port: operationsPorts.second });
    const exitCode = await second.waitForExit(30_000);
    expect(exitCode).not.toBe("timeout");
    expect(exitCode).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(second.printed).toContain(app.dataDir);
    expect(second.printed).toMatch(/in use by the app \(PID \d+/);

    const home = await fetch(`${running!.url}/`);
    expect(home.status).toBe(200);
    const session = (await ModeratorSession.signIn(running!.url, newcomer.email, newcomer.password))!;
    const queue = await session.request("GET", "/api/v1/moderation/comments?queue=approved");
    expect(queue.status).toBe(200);
  });

  it("keeps A, B, their approvals, the account, the site and the settings across a stop and a start", async () => {
    await running!.stop();
    expect(running!.printed).not.toMatch(/Aborted\(\)/);
    running = await AppProcess.start(app);

    const thread = (await (await fetch(`${running.url}/api/v1/articles/${slug}/comments?limit=100`)).json()) as { comments: { id: string }[] };
    const visible = thread.comments.map((comment) => comment.id);
    expect(visible).toEqual(expect.arrayContaining([ids.a, ids.b]));

    const session = await ModeratorSession.signIn(running.url, newcomer.email, newcomer.password);
    expect(session).not.toBeNull();
    const sites = await session!.request("GET", "/api/v1/moderation/sites");
    expect(sites.body.sites).toEqual(expect.arrayContaining([expect.objectContaining({ key: "ops-news", allowedOrigins: ["https://second.example"] })]));
    const settings = await session!.request("GET", "/api/v1/moderation/settings");
    expect(settings.body).toMatchObject({ settings: { linkHoldThreshold: 3, autoCloseAfterDays: 30 } });
    expect(await frameAncestors("ops-news")).toContain("https://second.example");
  });
});
