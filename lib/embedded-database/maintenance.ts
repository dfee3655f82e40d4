// PostgreSQL's autovacuum is a background process, and PGlite has none: left
// alone, the embedded database never refreshes the planner's statistics (after
// a restore, an import or months of comments it plans as if the tables were
// empty: posting at 20,000 comments went from 90 ms to 1.4 s) and never
// reclaims the space of updated and deleted rows. Its owner does that work.
import type { PGlite } from "@electric-sql/pglite";

/** How often the owner vacuums and analyzes: often enough to track a busy site, rarely enough to cost nothing noticeable. */
export const MAINTENANCE_INTERVAL_MS = 10 * 60_000;

/** Statistics for the planner, at once: ANALYZE samples at most a few tens of thousands of rows a table, so it takes milliseconds. */
export async function refreshStatistics(pglite: PGlite): Promise<void> {
  await pglite.exec("ANALYZE");
}

/** Runs VACUUM (ANALYZE) every `intervalMs` in the background (never keeping the process alive); returns the function that stops it. */
export function startMaintenance(pglite: PGlite, intervalMs = MAINTENANCE_INTERVAL_MS): () => void {
  let isRunning = false;
  const timer = setInterval(() => {
    if (isRunning) return;
    isRunning = true;
    const started = performance.now();
    pglite
      .exec("VACUUM (ANALYZE)")
      .then(() => {
        const took = performance.now() - started;
        // The app waits while it runs: say so when that was noticeable.
        if (took > 1_000) console.warn(`Embedded database: VACUUM (ANALYZE) took ${Math.round(took)} ms`);
      })
      .catch((error: unknown) => console.error(`Embedded database: VACUUM (ANALYZE) failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        isRunning = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
