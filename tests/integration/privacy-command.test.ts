// `npm run privacy -- export|erase --email E` as an operator runs it: a Node
// process on an embedded data directory of its own.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations";

const root = process.cwd();
const tempDir = mkdtempSync(join(tmpdir(), "privacy-command-"));
const dataDir = join(tempDir, "pglite");
const EMAIL = "iker.sola@example.org";

interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function runScript(args: string[]): Promise<RunResult> {
  // An empty DATABASE_URL wins over any .env file: the script must use the embedded database in the temporary folder.
  const env = { ...process.env, DATABASE_URL: "", EMBEDDED_DATABASE_DIR: dataDir, AUTH_SECRET: "command test secret" };
  return new Promise((resolve) => {
    execFile(join(root, "node_modules", ".bin", "tsx"), ["scripts/privacy.ts", ...args], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Works on the data directory while no command holds it. */
async function withDirectory<T>(work: (database: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const database = openDatabase({ embeddedDir: dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  await withDirectory(async (database) => {
    await applyMigrations(database);
    const db = database.prisma;
    const site = await db.site.create({ data: { key: "cli", name: "CLI", allowedOrigins: [] } });
    const article = await db.article.create({ data: { siteId: site.id, slug: "cli-article", externalId: "cli", url: "https://news.example/cli", title: "CLI", publishedAt: new Date(), tags: [] } });
    await db.comment.create({ data: { articleId: article.id, authorName: "Iker Sola", authorEmail: EMAIL, body: "From the command line.", bodyHtml: "<p>From the command line.</p>", status: "approved", ip: "192.0.2.44" } });
  });
}, 60_000);

afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const RUN_TIMEOUT_MS = 90_000;

describe("npm run privacy", { timeout: RUN_TIMEOUT_MS }, () => {
  it("export prints everything about the commenter as JSON on stdout", async () => {
    const result = await runScript(["export", "--email", "IKER.SOLA@example.org"]);
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    const data = JSON.parse(result.stdout) as { email: string; comments: Array<Record<string, unknown>> };
    expect(data.email).toBe(EMAIL);
    expect(data.comments).toEqual([expect.objectContaining({ authorName: "Iker Sola", body: "From the command line.", ip: "192.0.2.44", article: expect.objectContaining({ slug: "cli-article" }) })]);
  });

  it("export --out writes the file, readable by its owner only, and says so on stderr", async () => {
    const out = join(tempDir, "iker.json");
    const result = await runScript(["export", "--email", EMAIL, "--out", out]);
    expect(result).toMatchObject({ exitCode: 0, stdout: "" });
    expect(result.stderr).toContain(`Wrote 1 comment and 0 bans of ${EMAIL} to ${out}`);
    expect(JSON.parse(readFileSync(out, "utf8"))).toMatchObject({ email: EMAIL, comments: [{ authorName: "Iker Sola" }] });
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it("erase turns the comments into [deleted], says how many, and logs both requests", async () => {
    const result = await runScript(["erase", "--email", EMAIL]);
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout.trim()).toBe(`Erased ${EMAIL}: 1 comment now read "[deleted]", 0 bans emptied.`);
    await withDirectory(async ({ prisma }) => {
      expect(await prisma.comment.findFirstOrThrow()).toMatchObject({ authorName: "[deleted]", authorEmail: "", body: "[deleted]", ip: null });
      expect((await prisma.privacyRequest.findMany({ orderBy: { createdAt: "asc" } })).map((request) => [request.kind, request.comments, request.moderatorId])).toEqual([
        ["export", 1, null],
        ["export", 1, null],
        ["erase", 1, null],
      ]);
    });
  });

  it.each([
    ["no command", ["--email", EMAIL], /Say export or erase[\s\S]*Usage: npm run privacy/],
    ["an unknown command", ["delete", "--email", EMAIL], /Unknown command "delete"[\s\S]*Usage:/],
    ["a missing --email", ["erase"], /Missing --email[\s\S]*Usage:/],
    ["a malformed e-mail", ["export", "--email", "iker"], /--email: Enter a valid e-mail address/],
    ["--out with erase", ["erase", "--email", EMAIL, "--out", "x.json"], /--out is for export only/],
    ["an unknown option", ["erase", "--email", EMAIL, "--force"], /Unknown option '--force'[\s\S]*Usage:/],
  ])("exits 1 on %s, printing what is wrong", async (_name, args, message) => {
    const result = await runScript(args);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
});
