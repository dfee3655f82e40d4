// Applies the committed prisma/migrations/*/migration.sql files in order, each in
// its own transaction, and records them in Prisma's own _prisma_migrations table
// (same columns, checksum = sha256 of the file) so `prisma migrate status` on a
// networked machine agrees. The Prisma CLI cannot migrate offline (README).
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseHandle, SqlConnection } from "./db";

/** Prisma's own advisory lock key, so that our runner and `prisma migrate` exclude each other. */
const MIGRATION_LOCK_KEY = 72707369;

const createHistoryTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** A migration found on disk. */
export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** What one run did. */
export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
  checksumMismatches: string[];
}

/** Reads the migration directories in name (= time) order. */
export function readMigrationFiles(migrationsDir = join(process.cwd(), "prisma", "migrations")): MigrationFile[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

async function applyPending(connection: SqlConnection, migrations: MigrationFile[]): Promise<MigrationReport> {
  await connection.exec(createHistoryTable);
  const rows = await connection.query(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const appliedChecksums = new Map(rows.map((row) => [String(row.migration_name), String(row.checksum)]));
  const report: MigrationReport = { applied: [], alreadyApplied: 0, checksumMismatches: [] };
  for (const migration of migrations) {
    const appliedChecksum = appliedChecksums.get(migration.name);
    if (appliedChecksum !== undefined) {
      report.alreadyApplied += 1;
      if (appliedChecksum !== migration.checksum) report.checksumMismatches.push(migration.name);
      continue;
    }
    await connection.exec("BEGIN");
    try {
      await connection.exec(migration.sql);
      await connection.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      await connection.exec("COMMIT");
    } catch (error) {
      await connection.exec("ROLLBACK");
      throw new Error(`Migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    report.applied.push(migration.name);
  }
  return report;
}

/**
 * Applies every pending migration. Several app instances starting at once
 * take turns on a PostgreSQL advisory lock, so each migration runs once.
 */
export async function applyMigrations(database: DatabaseHandle, migrations = readMigrationFiles()): Promise<MigrationReport> {
  return database.withConnection(async (connection) => {
    await connection.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      return await applyPending(connection, migrations);
    } finally {
      await connection.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  });
}
