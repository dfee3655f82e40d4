// One statement on a PostgreSQL server's admin connection (CREATE DATABASE,
// DROP DATABASE): the test layers and benchmarks that make a database of
// their own on the server TEST_POSTGRES_URL names.
import pg from "pg";

/** Runs `sql` on a connection of its own to `adminUrl`, then closes it. */
export async function runAdminSql(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
