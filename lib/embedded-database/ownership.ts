// One owner per embedded data directory. PGlite is one PostgreSQL backend in
// the process that opens it; two processes opening one directory each write
// their own view of it and lose each other's commits (or leave it unopenable).
// So whoever opens a directory first claims it with a lock file beside it
// (`<dir>.lock`, created exclusively), and everyone else either goes through
// the owner (lib/embedded-database/owner-server.ts) or waits. The lock names
// its owner by PID and by the process's start time, so a lock left by a
// crashed process (or one whose PID was reused) is recognised as stale and
// taken over.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** What the owner does with the directory: an app serves it to commands; a command holds it for its own few seconds. */
export type OwnerRole = "app" | "command";

/** The contents of a lock file. */
export interface OwnerRecord {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux), so a reused PID is not mistaken for the owner; null where unknown. */
  processStart: number | null;
  role: OwnerRole;
  /** The command line of the owner, for messages. */
  command: string;
  /** When it claimed the directory (ISO). */
  since: string;
  /** The folder of the owner's sockets (PostgreSQL protocol and control), once it serves them; null before or for a command. */
  socketDir: string | null;
}

/** The lock file of a data directory: beside it, so the directory itself holds only PostgreSQL's files. */
export function lockFileFor(dataDir: string): string {
  return `${resolve(dataDir)}.lock`;
}

/** What /proc says of a process: its state letter and its start time in clock ticks since boot; null off Linux or when it is gone. */
function readProcessStat(pid: number): { state: string; start: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const start = Number(fields[19]);
    return Number.isFinite(start) ? { state: fields[0] ?? "", start } : null;
  } catch {
    return null;
  }
}

/** A process's start time from /proc (field 22 of /proc/PID/stat); null off Linux or when the process is gone. */
export function readProcessStart(pid: number): number | null {
  return readProcessStat(pid)?.start ?? null;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // A killed process lingers as a zombie until its parent reaps it: it answers signals, but it holds nothing.
  const state = readProcessStat(pid)?.state;
  return state !== "Z" && state !== "X";
}

/** Whether the process a lock names is still the one that wrote it. */
export function isOwnerAlive(owner: OwnerRecord): boolean {
  if (!isProcessAlive(owner.pid)) return false;
  if (owner.processStart === null) return true;
  const start = readProcessStart(owner.pid);
  return start === null || start === owner.processStart;
}

function parseOwner(text: string): OwnerRecord | null {
  try {
    const value = JSON.parse(text) as Partial<OwnerRecord>;
    if (typeof value.pid !== "number" || (value.role !== "app" && value.role !== "command")) return null;
    return {
      pid: value.pid,
      processStart: typeof value.processStart === "number" ? value.processStart : null,
      role: value.role,
      command: typeof value.command === "string" ? value.command : "",
      since: typeof value.since === "string" ? value.since : "",
      socketDir: typeof value.socketDir === "string" ? value.socketDir : null,
    };
  } catch {
    return null;
  }
}

/** Reads the lock of a directory as it is on disk: null when there is none (or it is unreadable, being written). */
export function readLock(dataDir: string): OwnerRecord | null {
  try {
    return parseOwner(readFileSync(lockFileFor(dataDir), "utf8"));
  } catch {
    return null;
  }
}

/** The live owner of a directory, or null when it is free (no lock, or a stale one). */
export function readLiveOwner(dataDir: string): OwnerRecord | null {
  const owner = readLock(dataDir);
  return owner && isOwnerAlive(owner) ? owner : null;
}

/**
 * The app that serves a directory, after a short grace: an app killed a moment
 * ago may still be tearing down, and a restart must not be refused for it.
 */
export async function findServingApp(dataDir: string, graceMs = 2_000): Promise<OwnerRecord | null> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const owner = readLiveOwner(dataDir);
    if (owner?.role !== "app" || Date.now() >= deadline) return owner?.role === "app" ? owner : null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How often, and how far apart, a claim is tried while the lock is being written or taken over. */
const CLAIM_ATTEMPTS = 100;
const CLAIM_RETRY_MS = 50;

/** A takeover guard older than this was left by a crash (a takeover takes milliseconds). */
const STALE_GUARD_MS = 3_000;

/** Blocks for a few milliseconds: claiming is synchronous so the one database handle can open lazily. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A held claim on a directory. */
export interface OwnershipClaim {
  readonly dataDir: string;
  readonly record: OwnerRecord;
  /** Records where the owner's sockets are, once they listen. */
  announceSockets(socketDir: string): void;
  /** Gives the directory up (removes the lock if it is still ours). Safe to call twice. */
  release(): void;
}

/** The outcome of trying to claim: the claim, or the live owner that has it. */
export type ClaimResult = { claim: OwnershipClaim } | { owner: OwnerRecord };

function describeSelf(): string {
  return process.argv.slice(1).map((part) => (part.includes(process.cwd()) ? part.replace(`${process.cwd()}/`, "") : part)).join(" ");
}

function writeRecordAtomically(lockFile: string, record: OwnerRecord): void {
  const temporary = join(dirname(lockFile), `.${basename(lockFile)}.${process.pid}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  renameSync(temporary, lockFile);
}

/**
 * Removes a stale lock, under a short-lived second lock so that two processes
 * finding the same stale lock cannot both remove it and one of them remove
 * the other's fresh claim instead.
 */
function removeStaleLock(lockFile: string, stale: string): void {
  const guard = `${lockFile}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, "wx", 0o600);
  } catch {
    // Someone else is taking over; an old guard was left by a crash.
    try {
      if (Date.now() - statSync(guard).mtimeMs > STALE_GUARD_MS) unlinkSync(guard);
    } catch {
      // gone meanwhile
    }
    return;
  }
  try {
    let current: string | null = null;
    try {
      current = readFileSync(lockFile, "utf8");
    } catch {
      current = null;
    }
    if (current === stale) unlinkSync(lockFile);
  } finally {
    closeSync(fd);
    unlinkSync(guard);
  }
}

/**
 * Claims a data directory for this process, or says who has it. Synchronous
 * (a few file-system calls), so the one database handle can be opened lazily.
 */
export function claimDirectory(dataDir: string, role: OwnerRole): ClaimResult {
  const lockFile = lockFileFor(dataDir);
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
    // After the first try, a moment for whoever is writing or taking over the lock to finish.
    if (attempt > 0) sleepSync(CLAIM_RETRY_MS);
    const record: OwnerRecord = {
      pid: process.pid,
      processStart: readProcessStart(process.pid),
      role,
      command: describeSelf(),
      since: new Date().toISOString(),
      socketDir: null,
    };
    try {
      const fd = openSync(lockFile, "wx", 0o600);
      try {
        writeSync(fd, `${JSON.stringify(record)}\n`);
      } finally {
        closeSync(fd);
      }
      return { claim: createClaim(dataDir, lockFile, record) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let text: string;
    try {
      text = readFileSync(lockFile, "utf8");
    } catch {
      continue; // released meanwhile: try again
    }
    const owner = parseOwner(text);
    if (owner && owner.pid === process.pid && owner.processStart === readProcessStart(process.pid)) {
      throw new Error(`This process already holds ${dataDir}: open it once and share the handle`);
    }
    if (owner && isOwnerAlive(owner)) return { owner };
    // A crashed owner's lock, or one being written this instant (unparsable): a half-written one is only stale once it is a few seconds old.
    if (!owner) {
      try {
        if (Date.now() - statSync(lockFile).mtimeMs < 2_000) continue;
      } catch {
        continue;
      }
    }
    removeStaleLock(lockFile, text);
  }
  const owner = readLiveOwner(dataDir);
  if (owner) return { owner };
  throw new Error(`Could not claim ${resolve(dataDir)}: its lock file ${lockFile} kept changing for ${(CLAIM_ATTEMPTS * CLAIM_RETRY_MS) / 1000} s; if no process uses it, delete ${lockFile}`);
}

function createClaim(dataDir: string, lockFile: string, initial: OwnerRecord): OwnershipClaim {
  let record = initial;
  let isReleased = false;
  const isStillOurs = () => {
    const current = readLock(dataDir);
    return current !== null && current.pid === record.pid && current.since === record.since;
  };
  return {
    dataDir,
    get record() {
      return record;
    },
    announceSockets(socketDir) {
      record = { ...record, socketDir };
      writeRecordAtomically(lockFile, record);
    },
    release() {
      if (isReleased) return;
      isReleased = true;
      try {
        if (isStillOurs()) unlinkSync(lockFile);
      } catch {
        // already gone
      }
    },
  };
}

/** A directory that another live process holds; its message names the directory and the process. */
export class DirectoryInUseError extends Error {
  readonly owner: OwnerRecord;
  readonly dataDir: string;

  constructor(dataDir: string, owner: OwnerRecord, advice: string) {
    const who = owner.role === "app" ? "the app" : "a command";
    super(
      `The embedded database ${resolve(dataDir)} is in use by ${who} (PID ${owner.pid}${owner.command ? `: ${owner.command}` : ""}${owner.since ? `, since ${owner.since}` : ""}). ${advice}`,
    );
    this.name = "DirectoryInUseError";
    this.owner = owner;
    this.dataDir = dataDir;
  }
}

/** Whether a directory holds nothing (or does not exist). */
export function isDirectoryEmpty(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}
