import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db";
import { applyMigrations, readMigrationFiles } from "@/lib/migrations";

async function history() {
  return getDatabase().withConnection((sql) =>
    sql.query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`),
  );
}

describe("applyMigrations", () => {
  it("records every committed migration in Prisma's history table with its sha256 checksum", async () => {
    const files = readMigrationFiles();
    expect(files.length).toBeGreaterThan(0);
    const rows = await history();
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    for (const [index, file] of files.entries()) {
      expect(rows[index]!.checksum).toBe(createHash("sha256").update(file.sql).digest("hex"));
      expect(rows[index]!.finished_at).not.toBeNull();
      expect(Number(rows[index]!.applied_steps_count)).toBe(1);
    }
  });

  it("creates the schema the Prisma client expects", async () => {
    const db = getDatabase().prisma;
    await expect(db.comment.count()).resolves.toBe(0);
    await expect(db.moderationDecision.count()).resolves.toBe(0);
  });

  it("applies nothing the second time", async () => {
    const report = await applyMigrations(getDatabase());
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toBe(readMigrationFiles().length);
  });

  it("is safe when several instances migrate at once", async () => {
    const reports = await Promise.all([applyMigrations(getDatabase()), applyMigrations(getDatabase()), applyMigrations(getDatabase())]);
    expect(reports.every((report) => report.applied.length === 0)).toBe(true);
  });

  it("applies a new migration once, and rolls back a failing one without recording it", async () => {
    const files = readMigrationFiles();
    const good = { name: "99990101000000_test_good", sql: 'CREATE TABLE "MigrationProbe" ("id" TEXT PRIMARY KEY);', checksum: "a".repeat(64) };
    const bad = { name: "99990102000000_test_bad", sql: 'CREATE TABLE "HalfDone" ("id" TEXT); SELECT * FROM "NoSuchTable";', checksum: "b".repeat(64) };
    const first = await applyMigrations(getDatabase(), [...files, good]);
    expect(first.applied).toEqual([good.name]);
    await expect(applyMigrations(getDatabase(), [...files, good, bad])).rejects.toThrow(/99990102000000_test_bad failed/);
    const names = (await history()).map((row) => row.migration_name);
    expect(names).toContain(good.name);
    expect(names).not.toContain(bad.name);
    const halfDone = await getDatabase().withConnection((sql) => sql.query(`SELECT to_regclass('"HalfDone"') AS table_name`));
    expect(halfDone[0]!.table_name).toBeNull();
  });

  it("reports a migration edited after it was applied", async () => {
    const files = readMigrationFiles();
    const edited = files.map((file, index) => (index === 0 ? { ...file, checksum: "0".repeat(64) } : file));
    const report = await applyMigrations(getDatabase(), edited);
    expect(report.checksumMismatches).toEqual([files[0]!.name]);
  });
});
