// Backing up and restoring the embedded database (`npm run db:backup`,
// `npm run db:restore`). A backup is a consistent copy of the data directory
// as a gzipped tar: taken by the app that serves the directory, over its
// control socket, while it goes on serving; or, when nothing serves it, by
// the command itself after claiming the directory.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join, resolve } from "node:path";
import { copyDataDirectory, EmbeddedDatabaseError, openDataDirectory, restoreDataDirectory, type RestoreReport } from "./data-directory";
import { CONTROL_SOCKET_NAME } from "./owner-server";
import { claimDirectory, DirectoryInUseError, isDirectoryEmpty, type OwnerRecord, type OwnershipClaim } from "./ownership";

/** How long a command waits for another command that holds the directory. */
const WAIT_FOR_COMMAND_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Claims a directory for a command, waiting while another command has it; an app that serves it is returned instead. */
async function claimOrFindApp(dataDir: string): Promise<{ claim: OwnershipClaim } | { app: OwnerRecord }> {
  const deadline = Date.now() + WAIT_FOR_COMMAND_MS;
  for (;;) {
    const result = claimDirectory(dataDir, "command");
    if ("claim" in result) return result;
    if (result.owner.role === "app" && result.owner.socketDir) return { app: result.owner };
    if (Date.now() > deadline) throw new DirectoryInUseError(dataDir, result.owner, "Wait for it to finish and try again.");
    await sleep(200);
  }
}

/** Asks the app that serves a directory for a consistent copy, over its control socket. */
function requestBackupFromApp(owner: OwnerRecord): Promise<Uint8Array> {
  return new Promise((resolvePromise, reject) => {
    const call = request({ socketPath: join(owner.socketDir ?? "", CONTROL_SOCKET_NAME), method: "POST", path: "/backup" }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        if (response.statusCode === 200) return resolvePromise(new Uint8Array(body));
        let message = body.toString("utf8");
        try {
          message = (JSON.parse(message) as { error?: string }).error ?? message;
        } catch {
          // not JSON: say it as it came
        }
        reject(new EmbeddedDatabaseError(`The app (PID ${owner.pid}) could not copy the database: ${message}`));
      });
    });
    call.on("error", (error) => reject(new EmbeddedDatabaseError(`The app (PID ${owner.pid}) serving the database did not answer on ${owner.socketDir}: ${error.message}`)));
    call.end();
  });
}

/** What a backup wrote. */
export interface BackupReport {
  file: string;
  bytes: number;
  /** Who made the copy: the app serving the directory, or this command on the closed directory. */
  madeBy: "app" | "command";
}

/** Writes a consistent copy of the embedded database in `dataDir` to `outFile` (through a temporary file, so a failed backup leaves no half file). */
export async function backupEmbeddedDatabase(dataDir: string, outFile: string): Promise<BackupReport> {
  if (!existsSync(join(dataDir, "PG_VERSION"))) throw new EmbeddedDatabaseError(`There is no embedded database in ${resolve(dataDir)} to back up.`);
  const found = await claimOrFindApp(dataDir);
  let bytes: Uint8Array;
  if ("app" in found) {
    bytes = await requestBackupFromApp(found.app);
  } else {
    try {
      const { pglite, ready } = openDataDirectory(dataDir);
      try {
        await ready;
        bytes = (await copyDataDirectory(pglite)).bytes;
      } finally {
        await pglite.close().catch(() => undefined);
      }
    } finally {
      found.claim.release();
    }
  }
  const target = resolve(outFile);
  const partial = `${target}.partial-${process.pid}`;
  try {
    writeFileSync(partial, bytes, { mode: 0o600 });
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { file: target, bytes: bytes.length, madeBy: "app" in found ? "app" : "command" };
}

/**
 * Fills the embedded data directory from a backup file. Refuses while any
 * process holds the directory (a restore replaces it under them), and refuses
 * a directory that is not empty unless `force` (its contents are then moved
 * aside, never deleted).
 */
export async function restoreEmbeddedDatabase(dataDir: string, backupFile: string, options: { force: boolean }): Promise<RestoreReport> {
  if (!existsSync(backupFile)) throw new EmbeddedDatabaseError(`${backupFile}: no such file.`);
  const backup = new Uint8Array(readFileSync(backupFile));
  const result = claimDirectory(dataDir, "command");
  if ("owner" in result) throw new DirectoryInUseError(dataDir, result.owner, "Stop it before restoring: a restore replaces the directory under it.");
  try {
    if (!options.force && !isDirectoryEmpty(dataDir)) {
      throw new EmbeddedDatabaseError(
        `${resolve(dataDir)} is not empty. Add --force to replace it (its current contents are moved aside, not deleted), or restore into another directory with EMBEDDED_DATABASE_DIR.`,
      );
    }
    return await restoreDataDirectory(dataDir, backup, backupFile);
  } finally {
    result.claim.release();
  }
}
