import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { refreshStatistics, startMaintenance } from "@/lib/embedded-database/maintenance";

let pglite: PGlite | null = null;
let stop: (() => void) | null = null;

afterEach(async () => {
  stop?.();
  await pglite?.close();
  pglite = null;
  stop = null;
});

/** What the planner believes a table holds (pg_class.reltuples: -1 until first analyzed). */
async function plannedRows(db: PGlite): Promise<number> {
  const result = await db.query<{ rows: number }>("SELECT reltuples::int AS rows FROM pg_class WHERE relname = 'notes'");
  return result.rows[0]!.rows;
}

async function openWithRows(count: number): Promise<PGlite> {
  const db = new PGlite();
  await db.exec(`CREATE TABLE notes (id serial PRIMARY KEY, body text); INSERT INTO notes (body) SELECT 'note ' || g FROM generate_series(1, ${count}) g`);
  return db;
}

describe("the embedded database's maintenance (no autovacuum in PGlite)", () => {
  it("gives the planner the tables' real sizes at once", async () => {
    pglite = await openWithRows(5_000);
    expect(await plannedRows(pglite)).toBe(-1);

    await refreshStatistics(pglite);

    expect(await plannedRows(pglite)).toBe(5_000);
  });

  it("vacuums and analyzes again in the background, so what was written since counts", async () => {
    pglite = await openWithRows(1_000);
    await refreshStatistics(pglite);
    await pglite.exec("INSERT INTO notes (body) SELECT 'later ' || g FROM generate_series(1, 2000) g; DELETE FROM notes WHERE id <= 500");

    stop = startMaintenance(pglite, 50);

    await expect.poll(() => plannedRows(pglite!), { timeout: 5_000 }).toBe(2_500);
  });
});
