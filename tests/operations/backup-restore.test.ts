// npm run db:backup while the app takes 20 comments a second, then
// npm run db:restore into a new directory: every comment acknowledged before
// the backup began is in the copy, and the copy serves. Plus the refusals an
// operator can run into, each with a message that says what to do.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { AppProcess, makeTempFolder, operationsPorts, postAtRate, postComment, runNpmScript, setUpDemoDatabase, type AppEnvironment, type LoadReport } from "./app-process";

const slug = "why-newsrooms-turn-comments-back-on";
const folder = makeTempFolder("ops-backup");
const app: AppEnvironment = { dataDir: join(folder.path, "pglite"), port: operationsPorts.first };
const restored: AppEnvironment = { dataDir: join(folder.path, "restored"), port: operationsPorts.second };
const backupFile = join(folder.path, "comments.backup");
let running: AppProcess | null = null;

beforeAll(async () => {
  await setUpDemoDatabase(app, ["floodIntervalSeconds=0"]);
  running = await AppProcess.start(app);
});

afterAll(async () => {
  await running?.stop();
  folder.remove();
});

describe("npm run db:backup and db:restore on the embedded database", { timeout: 240_000 }, () => {
  let acknowledgedBeforeBackup: string[] = [];

  it("backs up while 20 comments a second are posted, and every post is still answered", async () => {
    const progress: LoadReport = { outcomes: [], acknowledged: [], others: new Map() };
    const load = postAtRate(running!.url, slug, 20, 9_000, progress);
    // The backup begins once posts are stored and more are in flight (about 2 s in; later on a busy machine, whose first posts are slow).
    const deadline = Date.now() + 6_000;
    while (progress.acknowledged.length < 30 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const backupStartedAt = Date.now();
    const backup = await runNpmScript(app, "db:backup", ["--out", backupFile]);
    const backupEndedAt = Date.now();
    const report = await load;
    expect(backup.exitCode, backup.stderr).toBe(0);
    expect(backup.stdout).toContain("copied by the running app");
    acknowledgedBeforeBackup = report.outcomes.filter((outcome) => outcome.status === 201 && outcome.acknowledgedAt < backupStartedAt).map((outcome) => outcome.id!);
    const during = report.outcomes.filter((outcome) => outcome.acknowledgedAt >= backupStartedAt && outcome.acknowledgedAt <= backupEndedAt);
    console.log(
      `backup: ${backup.stdout.split("\n")[0]}; ${report.acknowledged.length} posts acknowledged in 9 s (${acknowledgedBeforeBackup.length} before the backup began, ${during.length} while it ran); other outcomes: ${JSON.stringify([...report.others])}`,
    );
    expect(report.others.size, `every post answered 201 while the backup ran: ${JSON.stringify([...report.others])}`).toBe(0);
    expect(acknowledgedBeforeBackup.length).toBeGreaterThanOrEqual(30);
    expect(report.acknowledged.length).toBeGreaterThan(150);
  });

  it("refuses to restore into the directory the app serves, naming the app", async () => {
    const refused = await runNpmScript(app, "db:restore", [backupFile, "--force"]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(`The embedded database ${app.dataDir} is in use by the app (PID`);
    expect(refused.stderr).toContain("Stop it before restoring");
  });

  it("restores into a new directory a copy that holds every comment acknowledged before the backup, and serves it", async () => {
    const restore = await runNpmScript(restored, "db:restore", [backupFile]);
    expect(restore.exitCode, restore.stderr).toBe(0);
    expect(restore.stdout).toContain(`Restored ${backupFile} into ${restored.dataDir}`);

    const copy = await AppProcess.start(restored);
    try {
      const thread = await fetch(`${copy.url}/api/v1/articles/${slug}/comments`);
      expect(thread.status).toBe(200);
      const posted = await postComment(copy.url, slug, { body: "A first comment on the restored copy.", authorEmail: "restored@example.org" }, "192.0.2.44");
      expect(posted.status).toBe(201);
      // Through the restored app, which owns its directory, as any command would.
      const handle = openDatabase({ embeddedDir: restored.dataDir });
      try {
        await handle.ready;
        expect(handle.access).toBe("connection");
        const stored = await handle.prisma.comment.count({ where: { id: { in: acknowledgedBeforeBackup } } });
        expect(stored).toBe(acknowledgedBeforeBackup.length);
      } finally {
        await handle.close();
      }
    } finally {
      await copy.stop();
    }
  });

  it.each([
    { case: "a directory that is not empty, without --force", args: () => [backupFile], message: "is not empty. Add --force to replace it" },
    { case: "a file that is not a backup", args: () => [join(folder.path, "notes.txt"), "--force"], message: "is not a backup made by npm run db:backup" },
    { case: "a file that does not exist", args: () => [join(folder.path, "missing.backup")], message: "no such file" },
    { case: "no file", args: () => [], message: "Missing FILE" },
  ])("refuses $case and changes nothing", async ({ args, message }) => {
    writeFileSync(join(folder.path, "notes.txt"), "not a backup\n");
    const refused = await runNpmScript(restored, "db:restore", args());
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(message);
    const handle = openDatabase({ embeddedDir: restored.dataDir });
    try {
      await handle.ready;
      expect(await handle.prisma.comment.count({ where: { id: { in: acknowledgedBeforeBackup } } })).toBe(acknowledgedBeforeBackup.length);
    } finally {
      await handle.close();
    }
  });

  it("replaces a directory with --force, moving its previous contents aside", async () => {
    const forced = await runNpmScript(restored, "db:restore", [backupFile, "--force"]);
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/Its previous contents were moved to .*restored\.before-restore-/);
  });

  it.each([
    { case: "no --out", args: [], message: "Missing --out FILE" },
    { case: "an unknown option", args: ["--to", "x"], message: "Unknown option '--to'" },
  ])("db:backup refuses $case with its usage", async ({ args, message }) => {
    const refused = await runNpmScript(app, "db:backup", args);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(message);
    expect(refused.stderr).toContain("Usage: npm run db:backup -- --out FILE");
  });

  it("db:backup on a PostgreSQL server says to use pg_dump", async () => {
    const refused = await runNpmScript({ ...app, databaseUrl: "postgresql://user@127.0.0.1:1/none" }, "db:backup", ["--out", join(folder.path, "pg.backup")]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain("pg_dump --format=custom");
  });
});

describe("a damaged embedded data directory", { timeout: 120_000 }, () => {
  it("stops npm start with a message that says what happened and to restore a backup, not Aborted()", async () => {
    const damaged: AppEnvironment = { dataDir: join(folder.path, "damaged"), port: operationsPorts.third };
    const restore = await runNpmScript(damaged, "db:restore", [backupFile]);
    expect(restore.exitCode, restore.stderr).toBe(0);
    writeFileSync(join(damaged.dataDir, "global", "pg_control"), Buffer.alloc(8192, 7));
    const start = AppProcess.launch(damaged);
    expect(await start.waitForExit(60_000)).toBe(1);
    expect(start.printed).toContain(`The embedded database in ${damaged.dataDir} could not be opened: it looks damaged`);
    expect(start.printed).toContain("npm run db:restore -- FILE --force");
  });
});
