// Gives each integration test file a fresh, migrated database: an in-memory
// embedded PGlite by default, or a new database on the PostgreSQL server named
// by TEST_POSTGRES_URL (the second pass that .ci/run makes).
import { afterAll, beforeAll } from "vitest";
import { closeDatabase, getDatabase } from "@/lib/db";
import { closeLiveBus } from "@/lib/live/live-bus";
import { applyMigrations } from "@/lib/migrations";
import { runAdminSql } from "./postgres-admin";

const adminUrl = process.env.TEST_POSTGRES_URL;
const databaseName = `test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

// Point the app at the test database before any test module can open one:
// a stray early getDb() must never reach a developer's own data.
if (adminUrl) {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  delete process.env.DATABASE_URL;
  process.env.EMBEDDED_DATABASE_DIR = "memory://";
}

beforeAll(async () => {
  if (adminUrl) await runAdminSql(adminUrl, `CREATE DATABASE "${databaseName}"`);
  await applyMigrations(getDatabase());
});

afterAll(async () => {
  // The bus's listening connection first: dropping the database would otherwise cut it, and it would try to reconnect.
  await closeLiveBus();
  await closeDatabase();
  if (adminUrl) await runAdminSql(adminUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
});
