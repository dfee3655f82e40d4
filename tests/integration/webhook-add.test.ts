// `npm run webhook:add` as the operator runs it (through tsx), on an embedded
// data directory of its own.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations";

const root = process.cwd();
const tempDir = mkdtempSync(join(tmpdir(), "webhook-add-"));
const dataDir = join(tempDir, "pglite");

interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function runScript(args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
  // Empty values win over any .env file: the embedded database in the temporary folder, no configured public URL.
  const env = { ...process.env, DATABASE_URL: "", EMBEDDED_DATABASE_DIR: dataDir, NEXTAUTH_URL: "", PUBLIC_URL: "", PORT: "3000", ...extraEnv };
  return new Promise((resolve) => {
    execFile(join(root, "node_modules", ".bin", "tsx"), ["scripts/webhook-add.ts", ...args], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Opens the data directory while no command runs. */
async function withDatabase<T>(work: (database: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const database = openDatabase({ embeddedDir: dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const readHooks = () =>
  withDatabase((database) => database.prisma.webhook.findMany({ orderBy: { createdAt: "asc" }, select: { url: true, events: true, secret: true, isActive: true, site: { select: { key: true } } } }));

beforeAll(async () => {
  await withDatabase(async (database) => {
    await applyMigrations(database);
    await database.prisma.site.create({ data: { key: "daily", name: "The Daily", allowedOrigins: ["https://daily.example"] } });
  });
}, 90_000);

afterAll(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

const USAGE_LINE = "Usage: npm run webhook:add -- --site KEY --url URL [--secret S] [--event E …]";

describe("npm run webhook:add", { timeout: 90_000 }, () => {
  it.each([
    ["no --url", ["--site", "daily"], `Missing --url\n${USAGE_LINE}`],
    ["neither --site nor --url", [], `Missing --site and --url\n${USAGE_LINE}`],
    ["an unknown option", ["--site", "daily", "--url", "https://hooks.example/a", "--events", "comment.created"], "Unknown option '--events'"],
    ["another scheme", ["--site", "daily", "--url", "ftp://hooks.example/a"], "Invalid webhook:\n  --url: The URL must start with http:// or https://"],
    ["the app itself on its port", ["--site", "daily", "--url", "http://localhost:3000/api"], "Invalid webhook:\n  --url: The URL points at this app itself: webhooks go to another service"],
    ["the metadata address", ["--site", "daily", "--url", "http://169.254.169.254/"], "Invalid webhook:\n  --url: 169.254.169.254 is a link-local, metadata, unspecified or multicast address: no webhook receiver lives there"],
    ["an unknown event", ["--site", "daily", "--url", "https://hooks.example/a", "--event", "comment.deleted"], "Invalid webhook:\n  --event: Each event must be one of comment.created, comment.approved, comment.rejected"],
    ["a short secret", ["--site", "daily", "--url", "https://hooks.example/a", "--secret", "short"], "Invalid webhook:\n  --secret: Use at least 16 characters (e.g. openssl rand -hex 32)"],
    ["an unknown site", ["--site", "nope", "--url", "https://hooks.example/a"], "Invalid webhook:\n  --site: No site with the key “nope” (npm run site:add creates one)"],
  ])("refuses %s with exit code 1, naming the option, adding nothing", async (_name, args, message) => {
    const result = await runScript(args);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
    expect(await readHooks()).toEqual([]);
  });

  it("refuses the configured public URL", async () => {
    const result = await runScript(["--site", "daily", "--url", "https://comments.example.com/hook"], { PUBLIC_URL: "https://comments.example.com" });
    expect(result).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("  --url: The URL points at this app itself") });
  });

  it("adds a hook with every event and a generated secret, printed once", async () => {
    const result = await runScript(["--site", "daily", "--url", "https://hooks.example/a"]);
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe("Added the webhook https://hooks.example/a of the site daily");
    expect(lines[1]).toBe("Events: comment.created, comment.approved, comment.rejected");
    const secret = /^Secret: ([0-9a-f]{64})$/.exec(lines[2]!)?.[1];
    expect(secret).toBeDefined();
    expect(lines[3]).toMatch(/not shown again/);
    expect(await readHooks()).toEqual([{ url: "https://hooks.example/a", events: ["comment.created", "comment.approved", "comment.rejected"], secret, isActive: true, site: { key: "daily" } }]);
  });

  it("updates the site's hook at the same URL: the events and secret given, resumed; without --secret the secret stays", async () => {
    await withDatabase((database) => database.prisma.webhook.updateMany({ data: { isActive: false } }));
    const given = "receiver-chosen-secret-0123456789";
    const updated = await runScript(["--site", "daily", "--url", "https://hooks.example/a", "--event", "comment.approved", "--event", "comment.created", "--secret", given]);
    expect(updated).toMatchObject({ exitCode: 0, stderr: "" });
    expect(updated.stdout.split("\n").slice(0, 3)).toEqual(["Updated the webhook https://hooks.example/a of the site daily", "Events: comment.created, comment.approved", `Secret: ${given}`]);
    expect(await readHooks()).toEqual([{ url: "https://hooks.example/a", events: ["comment.created", "comment.approved"], secret: given, isActive: true, site: { key: "daily" } }]);

    const again = await runScript(["--site", "daily", "--url", "https://hooks.example/a"]);
    expect(again.stdout).toContain("Secret: unchanged (give --secret to replace it)");
    expect(again.stdout).not.toContain(given);
    expect(await readHooks()).toMatchObject([{ events: ["comment.created", "comment.approved"], secret: given }]);
  });
});
