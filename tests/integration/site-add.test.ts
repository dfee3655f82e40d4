import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";

const root = process.cwd();
const tempDir = mkdtempSync(join(tmpdir(), "site-add-"));
const dataDir = join(tempDir, "pglite");

afterAll(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run site:add -- …` as the operator would (through tsx), against the temporary data directory. */
function runScript(args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
  // Empty values win over any .env file: the script must use the embedded database in the temporary folder and no configured public URL.
  const env = { ...process.env, DATABASE_URL: "", EMBEDDED_DATABASE_DIR: dataDir, NEXTAUTH_URL: "", PORT: "3000", ...extraEnv };
  return new Promise((resolve) => {
    execFile(join(root, "node_modules", ".bin", "tsx"), ["scripts/site-add.ts", ...args], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Reads the sites straight from the data directory (the script has exited, so nothing else has it open). */
async function readSites() {
  const database = openDatabase({ embeddedDir: dataDir });
  try {
    return await database.prisma.site.findMany({ orderBy: { createdAt: "asc" }, select: { key: true, name: true, allowedOrigins: true } });
  } finally {
    await database.close();
  }
}

/** A site's stored secret, read straight from the data directory. */
async function readSecret(key: string): Promise<string | null> {
  const database = openDatabase({ embeddedDir: dataDir });
  try {
    return (await database.prisma.site.findUniqueOrThrow({ where: { key }, select: { secret: true } })).secret;
  } finally {
    await database.close();
  }
}

const SECRET = "operator-chosen-secret-0123456789";

// Each run starts a Node process and opens the embedded database; the first also creates and migrates it.
const RUN_TIMEOUT_MS = 90_000;

describe("npm run site:add", { timeout: RUN_TIMEOUT_MS }, () => {
  it("creates a site with the given key on a fresh data directory and prints the key and both snippets", async () => {
    const result = await runScript(["--name", "The Daily", "--origin", "https://daily.example/", "--origin", "HTTPS://www.daily.example", "--key", "daily"]);
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("Created site “The Daily” with the key daily");
    expect(lines[1]).toBe("Allowed origins: https://daily.example, https://www.daily.example");
    // The loader's address carries its build's hash once `npm run build:embed` has run.
    expect(result.stdout).toMatch(
      /^<div data-comments data-site="daily" data-article="stable-id" data-url="https:\/\/…" data-title="…"><\/div>\n<script src="http:\/\/localhost:3000\/embed\.js(\?v=[0-9a-f]{10})?" async><\/script>$/m,
    );
    expect(result.stdout).toContain('<span data-comments-count data-site="daily" data-article="stable-id"></span>');
    expect(result.stdout).toMatch(/set NEXTAUTH_URL to the server's public URL/);
    expect(await readSites()).toEqual([{ key: "daily", name: "The Daily", allowedOrigins: ["https://daily.example", "https://www.daily.example"] }]);
  });

  it("updates the name and origins of the site with an existing key, and uses the configured public URL in the snippet", async () => {
    const result = await runScript(["--name", "The Daily Example", "--origin", "https://news.daily.example", "--key", "daily"], { NEXTAUTH_URL: "https://comments.example.com/" });
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout.split("\n")[0]).toBe("Updated site “The Daily Example” with the key daily");
    expect(result.stdout).toMatch(/<script src="https:\/\/comments\.example\.com\/embed\.js(\?v=[0-9a-f]{10})?" async><\/script>/);
    expect(result.stdout).not.toMatch(/NEXTAUTH_URL/);
    expect(await readSites()).toEqual([{ key: "daily", name: "The Daily Example", allowedOrigins: ["https://news.daily.example"] }]);
  });

  it("generates a key when none is given and prints it", async () => {
    const result = await runScript(["--name", "The Weekly", "--origin", "http://localhost:4000"]);
    expect(result.exitCode).toBe(0);
    const key = /with the key ([a-z0-9]{12})$/m.exec(result.stdout)?.[1];
    expect(key).toBeDefined();
    expect(result.stdout).toContain(`data-site="${key}"`);
    expect((await readSites()).map((site) => site.key)).toEqual(["daily", key]);
  });

  it.each([
    ["an origin with a path", ["--name", "Bad", "--origin", "https://bad.example/news"], /--origin: “https:\/\/bad\.example\/news” is not an origin: remove the path/],
    ["an origin with another scheme", ["--name", "Bad", "--origin", "https://ok.example", "--origin", "ftp://bad.example"], /--origin: “ftp:\/\/bad\.example” must start with http:\/\/ or https:\/\//],
    ["a bad key", ["--name", "Bad", "--origin", "https://bad.example", "--key", "Not_A_Key"], /--key: Use 3–64 lower-case letters, digits or hyphens/],
    ["an empty name", ["--name", " ", "--origin", "https://bad.example"], /--name: Give the site a name/],
    ["a missing origin", ["--name", "Bad"], /Missing --origin[\s\S]*Usage: npm run site:add/],
    ["a missing name and origin", [], /Missing --name and --origin[\s\S]*Usage:/],
    ["an unknown option", ["--name", "Bad", "--origin", "https://bad.example", "--admin"], /Unknown option '--admin'[\s\S]*Usage:/],
    ["an option without its value", ["--name", "Bad", "--origin"], /--origin[\s\S]*argument missing[\s\S]*Usage:/],
  ])("exits 1 on %s, printing what is wrong and changing nothing", async (_name, args, message) => {
    const result = await runScript(args);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toMatch(/Created|Updated/);
  });

  it("left no site behind from the refused runs", async () => {
    expect((await readSites()).map((site) => site.name)).toEqual(["The Daily Example", "The Weekly"]);
  });

  it("stores --secret without printing it, and asks for data-signature in the snippet", async () => {
    const result = await runScript(["--name", "The Signed", "--origin", "https://signed.example", "--key", "signed", "--secret", SECRET]);
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout.split("\n")[0]).toBe("Created site “The Signed” with the key signed");
    expect(result.stdout).toContain("Signed embeds only: each page's data-signature is the hex HMAC-SHA256 of article|url|title with the secret (README, Embedding).");
    expect(result.stdout).toMatch(/data-title="…" data-signature="…"><\/div>/);
    expect(result.stdout).not.toContain(SECRET);
    expect(await readSecret("signed")).toBe(SECRET);
  });

  it("keeps the secret when the site is updated without --secret, and removes it with --no-secret", async () => {
    const kept = await runScript(["--name", "The Signed Daily", "--origin", "https://signed.example", "--key", "signed"]);
    expect(kept).toMatchObject({ exitCode: 0, stderr: "" });
    expect(kept.stdout).toContain("Signed embeds only");
    expect(kept.stdout).not.toContain(SECRET);
    expect(await readSecret("signed")).toBe(SECRET);

    const removed = await runScript(["--name", "The Signed Daily", "--origin", "https://signed.example", "--key", "signed", "--no-secret"]);
    expect(removed).toMatchObject({ exitCode: 0, stderr: "" });
    expect(removed.stdout).not.toContain("Signed embeds only");
    expect(removed.stdout).not.toContain("data-signature");
    expect(await readSecret("signed")).toBeNull();
  });

  it.each([
    ["an empty --secret", ["--secret", ""], /--secret: Use 16–200 characters/],
    ["a short --secret", ["--secret", "too-short"], /--secret: Use 16–200 characters/],
    ["--secret with --no-secret", ["--secret", SECRET, "--no-secret"], /Give --secret or --no-secret, not both[\s\S]*Usage: npm run site:add/],
  ])("exits 1 on %s, changing nothing", async (_name, args, message) => {
    const result = await runScript(["--name", "The Signed Daily", "--origin", "https://signed.example", "--key", "signed", ...args]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(await readSecret("signed")).toBeNull();
  });

  it("sets the language and the frame style sheet, keeps them on an update without them, and clears them", async () => {
    const set = await runScript(["--name", "The Themed", "--origin", "https://themed.example", "--key", "themed", "--language", "es", "--theme-stylesheet", "https://themed.example/comments.css"]);
    expect(set).toMatchObject({ exitCode: 0, stderr: "" });
    expect(set.stdout).toContain("Language: es");
    expect(set.stdout).toContain("Frame style sheet: https://themed.example/comments.css");
    expect(await readLook("themed")).toEqual({ language: "es", themeStylesheetUrl: "https://themed.example/comments.css" });

    const kept = await runScript(["--name", "The Themed", "--origin", "https://themed.example", "--key", "themed"]);
    expect(kept.exitCode).toBe(0);
    expect(await readLook("themed")).toEqual({ language: "es", themeStylesheetUrl: "https://themed.example/comments.css" });

    const cleared = await runScript(["--name", "The Themed", "--origin", "https://themed.example", "--key", "themed", "--language", "browser", "--no-theme-stylesheet"]);
    expect(cleared).toMatchObject({ exitCode: 0, stderr: "" });
    expect(cleared.stdout).toContain("Language: each reader's browser");
    expect(await readLook("themed")).toEqual({ language: null, themeStylesheetUrl: null });
  });

  it.each([
    ["an unknown --language", ["--language", "fr"], /--language: Choose English \(en\), Spanish \(es\) or null/],
    ["a plain-http --theme-stylesheet", ["--theme-stylesheet", "http://themed.example/c.css"], /--theme-stylesheet: The style sheet must be served over https/],
    ["a --theme-stylesheet on another origin", ["--theme-stylesheet", "https://elsewhere.example/c.css"], /--theme-stylesheet: The style sheet must be on one of the site's allowed origins/],
    ["--theme-stylesheet with --no-theme-stylesheet", ["--theme-stylesheet", "https://themed.example/c.css", "--no-theme-stylesheet"], /Give --theme-stylesheet or --no-theme-stylesheet, not both/],
  ])("exits 1 on %s, changing nothing", async (_name, args, message) => {
    const result = await runScript(["--name", "The Themed", "--origin", "https://themed.example", "--key", "themed", ...args]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(await readLook("themed")).toEqual({ language: null, themeStylesheetUrl: null });
  });
});

/** A site's language and frame style sheet, read straight from the data directory. */
async function readLook(key: string): Promise<{ language: string | null; themeStylesheetUrl: string | null }> {
  const database = openDatabase({ embeddedDir: dataDir });
  try {
    return await database.prisma.site.findUniqueOrThrow({ where: { key }, select: { language: true, themeStylesheetUrl: true } });
  } finally {
    await database.close();
  }
}
