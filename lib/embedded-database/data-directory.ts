// Opening, copying and restoring an embedded data directory's files: the
// parts that only the process holding the directory (ownership.ts) may do.
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { runOwnMessage, simpleQueryMessage } from "./protocol";

const gzipAsync = promisify(gzip);

/** The directory cannot be opened as a database; the message says what happened and what to do. */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmbeddedDatabaseError";
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** PGlite's own words for a failed start are WebAssembly's ("Aborted(). Build with -sASSERTIONS…"): say what they mean. */
function describeOpeningFailure(error: unknown): string {
  const message = describe(error);
  if (/^Aborted\(/.test(message) || /failed to initialize/i.test(message)) return "PostgreSQL could not start on its files: some are missing or corrupt";
  return message;
}

const RESTORE_ADVICE =
  "Restore it from a backup (npm run db:restore -- FILE --force), or move the directory aside to start with an empty database.";

/**
 * Checks a directory before PGlite sees it: PGlite would create a database
 * inside any folder, even one full of somebody's other files.
 */
export function requireDatabaseDirectory(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const names = readdirSync(dataDir);
  if (names.length > 0 && !names.includes("PG_VERSION")) {
    throw new EmbeddedDatabaseError(
      `${resolve(dataDir)} is not an embedded database: it holds other files and no PG_VERSION. Point EMBEDDED_DATABASE_DIR at an empty or new folder, or restore a backup into it.`,
    );
  }
}

/** PGlite on a directory this process holds, and when it is ready to answer. */
export interface OpenedDataDirectory {
  pglite: PGlite;
  /** Resolves once the database answers; a damaged directory rejects with a message that says what to do, not PGlite's `Aborted()`. */
  ready: Promise<void>;
}

/** Opens PGlite on a directory this process holds (ownership.ts). Throws at once for a folder that is not a database. */
export function openDataDirectory(dataDir: string): OpenedDataDirectory {
  requireDatabaseDirectory(dataDir);
  const pglite = new PGlite(dataDir);
  const ready = (async () => {
    try {
      await pglite.waitReady;
      await pglite.query("SELECT 1");
    } catch (error) {
      throw new EmbeddedDatabaseError(`The embedded database in ${resolve(dataDir)} could not be opened: it looks damaged (${describeOpeningFailure(error)}). ${RESTORE_ADVICE}`, {
        cause: error,
      });
    }
  })();
  // Whoever needs the answer awaits it; an unawaited failure must not crash the process on its own.
  ready.catch(() => undefined);
  return { pglite, ready };
}

/**
 * A consistent copy of the open database as a gzipped tar of its files (the
 * backup file's format), with how long it waited for a moment between
 * transactions and how long it held the database. It is taken between transactions, under PGlite's
 * transaction lock, after a CHECKPOINT, so it holds every committed write and
 * nothing half done; the app's requests wait only for the copy, not for its
 * compression.
 */
export async function copyDataDirectory(pglite: PGlite): Promise<{ bytes: Uint8Array; waitedMs: number; heldMs: number }> {
  const requested = performance.now();
  let locked = requested;
  const tar = await pglite._runExclusiveTransaction(async () => {
    locked = performance.now();
    await pglite.runExclusive(() => runOwnMessage(pglite, simpleQueryMessage("CHECKPOINT")));
    const file = await pglite.dumpDataDir("none");
    return new Uint8Array(await file.arrayBuffer());
  });
  const released = performance.now();
  // Compressed once the lock is released: the app only waits for the copy itself.
  const bytes = new Uint8Array(await gzipAsync(tar));
  return { bytes, waitedMs: Math.round(locked - requested), heldMs: Math.round(released - locked) };
}

/** How a backup file is recognised before anything is written: gzip's magic number. */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 18 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** What restoring did. */
export interface RestoreReport {
  /** Where the directory's previous contents were moved, when it was not empty. */
  previousMovedTo: string | null;
  migrations: number;
}

/**
 * Fills `dataDir` from a backup, as a whole or not at all: the backup is
 * unpacked into a sibling folder and opened there first, and only a copy that
 * opens and holds this app's tables replaces the directory. The caller holds
 * the directory (ownership.ts) and has decided that replacing it is wanted.
 */
export async function restoreDataDirectory(dataDir: string, backup: Uint8Array, source: string): Promise<RestoreReport> {
  const target = resolve(dataDir);
  if (!isGzip(backup)) throw new EmbeddedDatabaseError(`${source} is not a backup made by npm run db:backup (it is not a gzip file).`);
  const staging = `${target}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let migrations: number;
  let pglite: PGlite | undefined;
  try {
    pglite = new PGlite(staging, { loadDataDir: new Blob([Buffer.from(backup)]) });
    await pglite.waitReady;
    const rows = await pglite.query<{ count: number }>(`SELECT count(*)::int AS count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
    migrations = rows.rows[0]?.count ?? 0;
    await pglite.close();
    pglite = undefined;
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    rmSync(staging, { recursive: true, force: true });
    throw new EmbeddedDatabaseError(`${source} could not be restored: it is not a readable backup of this app's database (${describe(error)}).`, { cause: error });
  }
  let previousMovedTo: string | null = null;
  if (existsSync(target) && readdirSync(target).length > 0) {
    previousMovedTo = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(target, previousMovedTo);
  } else {
    rmSync(target, { recursive: true, force: true });
  }
  renameSync(staging, target);
  return { previousMovedTo, migrations };
}
