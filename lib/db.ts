// The only place a Prisma client is created. One PostgreSQL dialect, reached
// three ways: the embedded PGlite database in this process (DATABASE_URL
// unset, and this process owns the data directory), the embedded database
// through the process that owns its directory (its Unix socket: see
// lib/embedded-database/), or a PostgreSQL server through node-postgres
// (DATABASE_URL=postgresql://…).
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { copyDataDirectory, openDataDirectory } from "./embedded-database/data-directory";
import { refreshStatistics, startMaintenance } from "./embedded-database/maintenance";
import { OWNER_SOCKET_PORT, removeSocketFolder, startOwnerSockets, type OwnerSockets } from "./embedded-database/owner-server";
import { claimDirectory, DirectoryInUseError, findServingApp, lockFileFor, type OwnerRecord, type OwnershipClaim } from "./embedded-database/ownership";
import { getEnv } from "./env";
import { PrismaClient } from "./generated/prisma/client";

/** The Prisma client type that domain code receives. */
export type Db = PrismaClient;

/** One connection on which raw SQL runs in order (migrations, advisory locks). */
export interface SqlConnection {
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs a script of several statements. */
  exec(script: string): Promise<void>;
}

/** Hears NOTIFY payloads on one channel. */
export type NotificationListener = (payload: string) => void;

/** An open database: the Prisma client plus raw access for migrations. */
export interface DatabaseHandle {
  prisma: PrismaClient;
  engine: "embedded" | "postgresql";
  /**
   * How this process reaches it: `in-process` when PGlite runs here (this
   * process owns the embedded directory), `connection` over the PostgreSQL
   * protocol (a server, or the embedded directory's owner).
   */
  access: "in-process" | "connection";
  /** For `connection` access: where to open one more connection (the live bus listens on its own). */
  connectionString: string | undefined;
  /** Where the data lives, without credentials, for start-up messages. */
  location: string;
  /** Resolves once the database answers; rejects with a message that says what is wrong and what to do. */
  ready: Promise<void>;
  withConnection<T>(work: (connection: SqlConnection) => Promise<T>): Promise<T>;
  /** In-process only: hears NOTIFYs on a channel, whoever sends them (this process's SQL, or other processes through the owner's socket). */
  listen?: (channel: string, listener: NotificationListener) => Promise<() => void>;
  close(): Promise<void>;
}

/** Where to connect: a PostgreSQL URL, or else the embedded database's directory. */
export interface DatabaseOptions {
  url?: string | undefined;
  embeddedDir?: string | undefined;
  poolSize?: number | undefined;
}

/** Notification listeners of an in-process PGlite, fed by PGlite itself and by the owner's socket. */
class ChannelListeners {
  private readonly byChannel = new Map<string, Set<NotificationListener>>();

  add(channel: string, listener: NotificationListener): () => void {
    const listeners = this.byChannel.get(channel) ?? new Set();
    this.byChannel.set(channel, listeners);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  emit(channel: string, payload: string): void {
    for (const listener of this.byChannel.get(channel) ?? []) queueMicrotask(() => listener(payload));
  }
}

/** PGlite in this process: in memory, or on a directory this process holds. */
/** An in-process database, with what its owner runs beside it. */
type InProcessHandle = DatabaseHandle & { pglite: PGlite; notifications: ChannelListeners; sockets: { current: OwnerSockets | null }; stopMaintenance: () => void };

function openInProcess(dataDir: string, claim: OwnershipClaim | null): InProcessHandle {
  const { pglite, ready } = claim ? openDataDirectory(dataDir) : { pglite: new PGlite(dataDir), ready: Promise.resolve() };
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const notifications = new ChannelListeners();
  const sockets: { current: OwnerSockets | null } = { current: null };
  // PGlite is a single connection that queues its callers itself.
  const connection: SqlConnection = {
    query: async (text, params) => (await pglite.query<Record<string, unknown>>(text, params)).rows,
    exec: async (script) => {
      await pglite.exec(script);
    },
  };
  const listen = async (channel: string, listener: NotificationListener) => {
    // LISTEN on the one backend: PostgreSQL then passes on what other processes NOTIFY through the owner's socket (caught there), and PGlite what this process's own SQL does.
    const stopListening = await pglite.listen(channel, listener);
    const remove = notifications.add(channel, listener);
    return () => {
      remove();
      void stopListening().catch(() => undefined);
    };
  };
  const handle: InProcessHandle = {
    prisma,
    pglite,
    notifications,
    sockets,
    stopMaintenance: () => undefined,
    engine: "embedded",
    access: "in-process",
    connectionString: undefined,
    location: dataDir,
    ready,
    withConnection: (work) => work(connection),
    // Only a directory has an owner's socket for other processes to NOTIFY through.
    ...(claim ? { listen } : {}),
    close: async () => {
      try {
        handle.stopMaintenance();
        await sockets.current?.close();
        await prisma.$disconnect();
        await pglite.close().catch(() => undefined);
      } finally {
        claim?.release();
      }
    },
  };
  return handle;
}

function openPostgres(url: string, poolSize: number, shown: { engine: DatabaseHandle["engine"]; location: string }): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server (restart, failover) must not crash the app: the pool replaces it.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const ready = pool.query("SELECT 1").then(() => undefined);
  ready.catch(() => undefined);
  return {
    prisma,
    engine: shown.engine,
    access: "connection",
    connectionString: url,
    location: shown.location,
    ready,
    withConnection: async (work) => {
      const client = await pool.connect();
      try {
        return await work({
          query: async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows,
          exec: async (script) => {
            await client.query(script);
          },
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function redactedUrl(url: string): string {
  const redacted = new URL(url);
  redacted.password = redacted.password ? "***" : "";
  return redacted.toString();
}

/** The embedded database through the process that owns its directory, over the owner's Unix socket. */
function openThroughOwner(dataDir: string, owner: OwnerRecord, poolSize: number): DatabaseHandle {
  // Only the owner's own folder: a folder of another user's could hold a socket planted to collect what commands send.
  if (lstatSync(owner.socketDir ?? "").uid !== statSync(lockFileFor(dataDir)).uid) {
    throw new Error(`The embedded database's socket folder ${owner.socketDir} does not belong to the user that owns ${lockFileFor(dataDir)}: not connecting.`);
  }
  const socketUrl = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(owner.socketDir ?? "")}&port=${OWNER_SOCKET_PORT}`;
  const handle = openPostgres(socketUrl, poolSize, { engine: "embedded", location: dataDir });
  const ready = handle.ready.catch((error: unknown) => {
    throw new Error(`The embedded database ${resolve(dataDir)} is served by process ${owner.pid}, which did not answer on ${owner.socketDir}: ${error instanceof Error ? error.message : String(error)}`);
  });
  ready.catch(() => undefined);
  return { ...handle, ready };
}

const MEMORY_PREFIX = "memory://";

/** How long a command waits for another command that holds the directory (commands take seconds). */
const COMMAND_WAIT_MS = 60_000;

/** Connections a command keeps to the owner of an embedded directory: they take turns there anyway. */
const OWNER_POOL_SIZE = 4;

/**
 * Opens a database explicitly (scripts and tests); the app uses getDatabase().
 * An embedded directory is claimed for this process when it is free (see
 * lib/embedded-database/ownership.ts), or reached through the app that owns
 * it; held by another command, it throws DirectoryInUseError (connectDatabase() waits instead).
 */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10, { engine: "postgresql", location: redactedUrl(options.url) });
  const dataDir = options.embeddedDir ?? "./data/pglite";
  if (dataDir.startsWith(MEMORY_PREFIX)) return openInProcess(dataDir, null);
  const result = claimDirectory(dataDir, "command");
  if ("claim" in result) {
    try {
      return openInProcess(dataDir, result.claim);
    } catch (error) {
      result.claim.release();
      throw error;
    }
  }
  if (result.owner.role === "app" && result.owner.socketDir) return openThroughOwner(dataDir, result.owner, OWNER_POOL_SIZE);
  throw new DirectoryInUseError(dataDir, result.owner, "Wait for it to finish and try again.");
}

// Kept on globalThis so that dev-server reloads and separately bundled routes
// share one handle: two PGlite instances on one directory would corrupt it.
const globalForDb = globalThis as typeof globalThis & { commentsDatabase?: DatabaseHandle };

function environmentOptions(): DatabaseOptions {
  const env = getEnv();
  return { url: env.DATABASE_URL, embeddedDir: env.EMBEDDED_DATABASE_DIR, poolSize: env.DATABASE_POOL_SIZE };
}

/** The process-wide database chosen by the environment, opened on first use. */
export function getDatabase(): DatabaseHandle {
  globalForDb.commentsDatabase ??= openDatabase(environmentOptions());
  return globalForDb.commentsDatabase;
}

/** The process-wide Prisma client. */
export function getDb(): Db {
  return getDatabase().prisma;
}

/** Closes the process-wide database (end of a script or test file). */
export async function closeDatabase(): Promise<void> {
  const handle = globalForDb.commentsDatabase;
  globalForDb.commentsDatabase = undefined;
  if (handle) await handle.close();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function requireReady(handle: DatabaseHandle): Promise<DatabaseHandle> {
  try {
    await handle.ready;
    return handle;
  } catch (error) {
    await closeDatabase().catch(() => undefined);
    throw error;
  }
}

/**
 * The process-wide database for a command (scripts/*): like getDatabase(), but
 * it waits while another command holds the embedded directory, and returns only
 * once the database answers. While the app serves the directory, the command's
 * SQL runs in the app's process, so the app sees every change at once.
 */
export async function connectDatabase(): Promise<DatabaseHandle> {
  const options = environmentOptions();
  if (!options.url && options.embeddedDir && !options.embeddedDir.startsWith(MEMORY_PREFIX)) {
    mkdirSync(dirname(resolve(options.embeddedDir)), { recursive: true });
  }
  const deadline = Date.now() + COMMAND_WAIT_MS;
  for (;;) {
    try {
      return await requireReady(getDatabase());
    } catch (error) {
      if (!(error instanceof DirectoryInUseError) || Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/**
 * Opens the process-wide database for the app (`npm run dev`, `npm start`).
 * On an embedded directory the app becomes its owner and serves it to the
 * commands on a Unix socket beside it; a directory that another app serves
 * fails at once, naming the directory and that process. Idempotent.
 */
export async function serveDatabase(): Promise<DatabaseHandle> {
  if (globalForDb.commentsDatabase) return requireReady(globalForDb.commentsDatabase);
  const options = environmentOptions();
  const dataDir = options.embeddedDir ?? "./data/pglite";
  if (options.url || dataDir.startsWith(MEMORY_PREFIX)) return requireReady(getDatabase());

  mkdirSync(dirname(resolve(/* turbopackIgnore: true */ dataDir)), { recursive: true });
  const deadline = Date.now() + COMMAND_WAIT_MS;
  let claim: OwnershipClaim | null = null;
  while (!claim) {
    const result = claimDirectory(dataDir, "app");
    if ("claim" in result) {
      claim = result.claim;
    } else if (result.owner.role === "app") {
      if (!(await findServingApp(dataDir))) continue; // it was going away
      throw new DirectoryInUseError(dataDir, result.owner, "One app process serves a data directory: stop that one first, or set EMBEDDED_DATABASE_DIR to another directory.");
    } else if (Date.now() > deadline) {
      throw new DirectoryInUseError(dataDir, result.owner, "It did not finish within a minute; stop it and start again.");
    } else {
      await sleep(200); // a command's few seconds
    }
  }
  const handle = openInProcess(dataDir, claim);
  globalForDb.commentsDatabase = handle;
  await requireReady(handle);
  // No autovacuum in PGlite: the owner keeps the planner's statistics fresh and the tables vacuumed.
  await refreshStatistics(handle.pglite);
  handle.stopMaintenance = startMaintenance(handle.pglite);
  handle.sockets.current = await startOwnerSockets(handle.pglite, socketDirFor(dataDir), {
    onNotification: (channel, payload) => handle.notifications.emit(channel, payload),
    control: {
      backup: async () => {
        const copy = await copyDataDirectory(handle.pglite);
        console.log(`Embedded database: backup copy taken (${copy.bytes.length} bytes; waited ${copy.waitedMs} ms for a moment between transactions, held the database ${copy.heldMs} ms)`);
        return copy.bytes;
      },
      describe: () => ({ dataDir: resolve(/* turbopackIgnore: true */ dataDir), pid: process.pid, since: claim.record.since }),
    },
  });
  claim.announceSockets(handle.sockets.current.socketDir);
  releaseOnExit(handle, claim);
  const socketDir = handle.sockets.current.socketDir;
  console.log(`Embedded database ${resolve(/* turbopackIgnore: true */ dataDir)}: served by this process to the commands and to psql (psql -h ${socketDir} -U postgres postgres)`);
  return handle;
}

/** serveDatabase() for a server's start: a directory another app serves, or a damaged one, ends the process with the message alone. */
export async function serveDatabaseOrExit(): Promise<DatabaseHandle> {
  try {
    return await serveDatabase();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

/** Where the owner's sockets go: beside the directory, unless that path is too long for a Unix socket (107 bytes). */
function socketDirFor(dataDir: string): string {
  const beside = `${resolve(dataDir)}.sockets`;
  if (Buffer.byteLength(`${beside}/.s.PGSQL.${OWNER_SOCKET_PORT}`) < 100) return beside;
  return join(tmpdir(), `tertulia-${createHash("sha256").update(resolve(dataDir)).digest("hex").slice(0, 16)}`);
}

/**
 * Gives the directory back when the app stops: on SIGINT/SIGTERM the database
 * is closed cleanly first; on any exit the lock and sockets are removed (a
 * crash leaves them, and the next owner recognises them as stale).
 */
function releaseOnExit(handle: InProcessHandle, claim: OwnershipClaim): void {
  process.once("exit", () => {
    claim.release();
    if (handle.sockets.current) {
      try {
        removeSocketFolder(handle.sockets.current.socketDir);
      } catch {
        // leaving: a folder that is not ours stays as it is
      }
    }
  });
  const stop = (signal: NodeJS.Signals) => {
    void closeDatabase()
      .catch((error: unknown) => console.error(`Closing the embedded database: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
