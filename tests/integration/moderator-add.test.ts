import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { openDatabase } from "@/lib/db";

const root = process.cwd();
const tempDir = mkdtempSync(join(tmpdir(), "moderator-add-"));
const dataDir = join(tempDir, "pglite");

afterAll(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run moderator:add -- …` as the operator would (through tsx), against the temporary data directory. */
function runScript(args: string[]): Promise<RunResult> {
  // An empty DATABASE_URL wins over any .env file: the script must use the embedded database in the temporary folder.
  const env = { ...process.env, DATABASE_URL: "", EMBEDDED_DATABASE_DIR: dataDir };
  return new Promise((resolve) => {
    execFile(join(root, "node_modules", ".bin", "tsx"), ["scripts/moderator-add.ts", ...args], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Reads the account straight from the data directory (the script has exited, so nothing else has it open). */
async function readAccount(email: string) {
  const database = openDatabase({ embeddedDir: dataDir });
  try {
    return await database.prisma.moderator.findUnique({ where: { email } });
  } finally {
    await database.close();
  }
}

// Each run starts a Node process and opens the embedded database; the first also creates and migrates it.
const RUN_TIMEOUT_MS = 90_000;

describe("npm run moderator:add", { timeout: RUN_TIMEOUT_MS }, () => {
  it("creates an account on a fresh data directory (migrating it first) and says so", async () => {
    const result = await runScript(["--email", "New.Mod@Example.org", "--password", "first password 1", "--name", "New Mod"]);
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout.trim()).toBe("Created moderator new.mod@example.org (moderator)");
    const account = await readAccount("new.mod@example.org");
    expect(account).toMatchObject({ role: "moderator", name: "New Mod" });
    await expect(verifyPassword("first password 1", account!.passwordHash)).resolves.toBe(true);
  });

  it("updates the password and role of an existing account, and keeps the role when --role is left out", async () => {
    const promoted = await runScript(["--email", "new.mod@example.org", "--password", "second password 2", "--role", "admin"]);
    expect(promoted).toMatchObject({ exitCode: 0 });
    expect(promoted.stdout.trim()).toBe("Updated moderator new.mod@example.org (admin)");

    const passwordOnly = await runScript(["--email", "new.mod@example.org", "--password", "third password 3"]);
    expect(passwordOnly.stdout.trim()).toBe("Updated moderator new.mod@example.org (admin)");
    const account = await readAccount("new.mod@example.org");
    expect(account).toMatchObject({ role: "admin", name: "New Mod" });
    await expect(verifyPassword("third password 3", account!.passwordHash)).resolves.toBe(true);
    await expect(verifyPassword("first password 1", account!.passwordHash)).resolves.toBe(false);
  });

  it.each([
    ["a malformed e-mail", ["--email", "not-an-email", "--password", "long enough 123"], /--email: Enter a valid e-mail address/],
    ["a short password", ["--email", "short@example.org", "--password", "short"], /--password: Use at least 10 characters/],
    ["an unknown role", ["--email", "role@example.org", "--password", "long enough 123", "--role", "owner"], /--role: .*admin.*moderator.*member/],
    ["a missing password", ["--email", "nopass@example.org"], /Missing --password[\s\S]*Usage: npm run moderator:add/],
    ["an unknown option", ["--email", "x@example.org", "--password", "long enough 123", "--admin"], /Unknown option '--admin'[\s\S]*Usage:/],
  ])("exits 1 on %s, printing what is wrong and changing nothing", async (_name, args, message) => {
    const result = await runScript(args);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toMatch(/Created|Updated/);
  });

  it("left no account behind from the refused runs", async () => {
    const database = openDatabase({ embeddedDir: dataDir });
    try {
      expect((await database.prisma.moderator.findMany({ select: { email: true } })).map((account) => account.email)).toEqual(["new.mod@example.org"]);
    } finally {
      await database.close();
    }
  });
});
