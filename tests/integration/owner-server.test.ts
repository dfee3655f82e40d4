// The owner of an embedded data directory serving it over PostgreSQL's wire
// protocol: whole transactions, one after the other, between the in-process
// app and socket clients (a command's ROLLBACK never undoes the app's write);
// a client that leaves or idles in a transaction is rolled back; NOTIFYs and
// backups reach the owner. Plus opening damaged directories and restoring.
// Every test runs on its own copy of a real data directory, claimed and
// served like the app does it (lib/db.ts serveDatabase), and talks to it with
// node-postgres over the Unix socket.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { backupEmbeddedDatabase, restoreEmbeddedDatabase } from "@/lib/embedded-database/backup";
import { copyDataDirectory, EmbeddedDatabaseError, openDataDirectory, restoreDataDirectory } from "@/lib/embedded-database/data-directory";
import { CONTROL_SOCKET_NAME, IDLE_IN_TRANSACTION_TIMEOUT_MS, startOwnerSockets } from "@/lib/embedded-database/owner-server";
import { claimDirectory, DirectoryInUseError, lockFileFor, readProcessStart, type OwnershipClaim } from "@/lib/embedded-database/ownership";

/** How long a statement that should be waiting is given to (wrongly) finish. */
const WAIT_MS = 300;

const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

let root: string;
/** A closed data directory with the tables the tests use, copied for each test (initdb takes seconds, a copy a fraction of one). */
let templateDir: string;
const cleanups: Array<() => unknown> = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "owner-server-"));
  templateDir = join(root, "template");
  const pglite = new PGlite(templateDir);
  try {
    await pglite.exec(`
      CREATE TABLE notes (note text NOT NULL);
      -- restoreDataDirectory accepts only a backup of this app's database: one with a migration history.
      CREATE TABLE "_prisma_migrations" (migration_name text NOT NULL, finished_at timestamptz);
      INSERT INTO "_prisma_migrations" VALUES ('0001_init', now());
    `);
  } finally {
    await pglite.close();
  }
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A new folder for one test, removed after it. */
function makeTempDir(): string {
  const dir = mkdtempSync(join(root, "case-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of the template data directory. */
function copyTemplate(dataDir: string): void {
  cpSync(templateDir, dataDir, { recursive: true });
}

function requireClaim(result: ReturnType<typeof claimDirectory>): OwnershipClaim {
  if (!("claim" in result)) throw new Error(`the directory is held by PID ${result.owner.pid}`);
  return result.claim;
}

/** A promise whose settling the test can look at without awaiting it. */
function track<T>(promise: Promise<T>): { promise: Promise<T>; isSettled: () => boolean } {
  let isSettled = false;
  promise.then(
    () => (isSettled = true),
    () => (isSettled = true),
  );
  return { promise, isSettled: () => isSettled };
}

/** Awaits a promise, failing with a clear message if it takes longer than it should. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A claimed, opened and served data directory, as the app holds it. */
async function startOwner() {
  const dir = makeTempDir();
  const dataDir = join(dir, "pglite");
  copyTemplate(dataDir);
  const claim = requireClaim(claimDirectory(dataDir, "app"));
  cleanups.push(() => claim.release());
  const { pglite, ready } = openDataDirectory(dataDir);
  cleanups.push(() => pglite.close());
  await ready;
  const notifications: Array<{ channel: string; payload: string }> = [];
  const sockets = await startOwnerSockets(pglite, join(dir, "sockets"), {
    onNotification: (channel, payload) => notifications.push({ channel, payload }),
    control: {
      backup: async () => (await copyDataDirectory(pglite)).bytes,
      describe: () => ({ dataDir: resolve(dataDir), pid: process.pid }),
    },
  });
  cleanups.push(() => sockets.close());
  claim.announceSockets(sockets.socketDir);

  /** A client connected over the owner's socket, as a command or psql would be. */
  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ host: sockets.socketDir, port: 5432, user: "postgres", database: "postgres" });
    // A connection the owner cuts emits an error; the tests look at what the database did instead.
    client.on("error", () => undefined);
    cleanups.push(() => client.end());
    await client.connect();
    return client;
  };
  /** The notes table as the app sees it. */
  const readNotes = async (): Promise<string[]> => (await pglite.query<{ note: string }>("SELECT note FROM notes ORDER BY note")).rows.map((row) => row.note);
  return { dir, dataDir, pglite, sockets, notifications, connect, readNotes };
}

type Owner = Awaited<ReturnType<typeof startOwner>>;

/** One request to the owner's control socket. */
function controlRequest(socketDir: string, method: string, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolvePromise, reject) => {
    const call = request({ socketPath: join(socketDir, CONTROL_SOCKET_NAME), method, path }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => resolvePromise({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    call.on("error", reject);
    call.end();
  });
}

/** The notes of a closed data directory, read by opening it. */
async function readNotesIn(dataDir: string): Promise<string[]> {
  const pglite = new PGlite(dataDir);
  try {
    return (await pglite.query<{ note: string }>("SELECT note FROM notes ORDER BY note")).rows.map((row) => row.note);
  } finally {
    await pglite.close();
  }
}

describe("the owner's database socket", () => {
  it("shows a client's committed row to the app and the app's row to the client", async () => {
    const owner = await startOwner();
    const client = await owner.connect();

    await client.query("INSERT INTO notes VALUES ($1)", ["from the client"]);
    await owner.pglite.query("INSERT INTO notes VALUES ($1)", ["from the app"]);

    expect(await owner.readNotes()).toEqual(["from the app", "from the client"]);
    const seen = await client.query<{ note: string }>("SELECT note FROM notes ORDER BY note");
    expect(seen.rows.map((row) => row.note)).toEqual(["from the app", "from the client"]);
  });

  it.each([
    { end: "COMMIT", expected: ["app", "client"] },
    { end: "ROLLBACK", expected: ["app"] },
  ])("holds the app's statement while a client's transaction is open, and the client's $end leaves the app's row alone", async ({ end, expected }) => {
    const owner = await startOwner();
    const client = await owner.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO notes VALUES ('client')");

    const appInsert = track(owner.pglite.query("INSERT INTO notes VALUES ('app')"));
    await sleep(WAIT_MS);
    expect(appInsert.isSettled()).toBe(false);

    await client.query(end);
    await within(appInsert.promise, 5_000, "the app's INSERT");
    expect(await owner.readNotes()).toEqual(expected);
  });

  it("holds a client's statement while the app's transaction is open, and the app's rollback leaves the client's row alone", async () => {
    const owner = await startOwner();
    const client = await owner.connect();
    let finishApp!: () => void;
    const appMayFinish = new Promise<void>((resolvePromise) => (finishApp = resolvePromise));
    let markInside!: () => void;
    const appIsInside = new Promise<void>((resolvePromise) => (markInside = resolvePromise));
    const appTransaction = owner.pglite.transaction(async (tx) => {
      await tx.query("INSERT INTO notes VALUES ('app')");
      markInside();
      await appMayFinish;
      await tx.rollback();
    });
    await appIsInside;

    const clientInsert = track(client.query("INSERT INTO notes VALUES ('client')"));
    await sleep(WAIT_MS);
    expect(clientInsert.isSettled()).toBe(false);

    finishApp();
    await appTransaction;
    await within(clientInsert.promise, 5_000, "the client's INSERT");
    expect(await owner.readNotes()).toEqual(["client"]);
  });

  it("runs two clients' transactions one after the other, each seeing only committed rows besides its own", async () => {
    const owner = await startOwner();
    const first = await owner.connect();
    const second = await owner.connect();
    await first.query("BEGIN");
    await first.query("INSERT INTO notes VALUES ('first')");

    const secondBegin = track(second.query("BEGIN"));
    await sleep(WAIT_MS);
    expect(secondBegin.isSettled()).toBe(false);
    const seenByFirst = await first.query<{ note: string }>("SELECT note FROM notes ORDER BY note");
    expect(seenByFirst.rows.map((row) => row.note)).toEqual(["first"]);
    await first.query("COMMIT");

    await within(secondBegin.promise, 5_000, "the second client's BEGIN");
    await second.query("INSERT INTO notes VALUES ('second')");
    const seenBySecond = await second.query<{ note: string }>("SELECT note FROM notes ORDER BY note");
    expect(seenBySecond.rows.map((row) => row.note)).toEqual(["first", "second"]);
    await second.query("COMMIT");

    expect(await owner.readNotes()).toEqual(["first", "second"]);
  });

  it.each([
    { how: "ends its connection", disconnect: async (client: pg.Client) => void client.end() },
    { how: "drops its socket", disconnect: async (client: pg.Client) => void client.connection.stream.destroy() },
    {
      how: "drops its socket after a failed statement",
      disconnect: async (client: pg.Client) => {
        await expect(client.query("SELECT no_such_column FROM notes")).rejects.toThrow("no_such_column");
        client.connection.stream.destroy();
      },
    },
  ])("rolls back a client that $how in the middle of a transaction, and lets the app go on", async ({ disconnect }) => {
    const owner = await startOwner();
    const client = await owner.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO notes VALUES ('client')");
    const appInsert = track(owner.pglite.query("INSERT INTO notes VALUES ('app')"));
    await sleep(WAIT_MS);
    expect(appInsert.isSettled()).toBe(false);

    await disconnect(client);

    await within(appInsert.promise, 5_000, "the app's INSERT");
    expect(await owner.readNotes()).toEqual(["app"]);
    expect(owner.pglite.isInTransaction()).toBe(false);
  });

  it.each([
    {
      state: "a setting (SET default_transaction_read_only = on)",
      leave: (client: pg.Client) => client.query("SET default_transaction_read_only = on"),
      check: (owner: Owner) => owner.pglite.query("INSERT INTO notes VALUES ('app')"),
    },
    {
      state: "a named prepared statement",
      leave: (client: pg.Client) => client.query({ name: "count_notes", text: "SELECT count(*) FROM notes" }),
      check: async (owner: Owner) => (await owner.connect()).query({ name: "count_notes", text: "SELECT count(*) FROM notes" }),
    },
  ])("ends $state that a client leaves in its session when it disconnects", async ({ leave, check }) => {
    const owner = await startOwner();
    const client = await owner.connect();
    await leave(client);

    await client.end();
    await sleep(WAIT_MS); // the owner hears of the disconnection a moment later

    // As on PostgreSQL, where a session's state dies with its connection; here it would stay in the one backend the app and every later client share.
    const outcome = await check(owner).then(
      () => "succeeded",
      (error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    expect(outcome).toBe("succeeded");
  });

  it("passes a client's NOTIFY to the owner with its channel and payload", async () => {
    const owner = await startOwner();
    await owner.pglite.listen("comment_events", () => undefined);
    const client = await owner.connect();

    await client.query("NOTIFY comment_events, 'thread:42'");
    // As the live bus publishes from a command (postgres-bus.ts): extended protocol, parameters.
    await client.query("SELECT pg_notify($1, $2)", ["comment_events", "thread:43"]);

    await vi.waitFor(
      () =>
        expect(owner.notifications).toEqual([
          { channel: "comment_events", payload: "thread:42" },
          { channel: "comment_events", payload: "thread:43" },
        ]),
      { timeout: 2_000, interval: 20 },
    );
  });

  it("passes on a NOTIFY only once the client's transaction commits, and never one it rolled back", async () => {
    const owner = await startOwner();
    await owner.pglite.listen("comment_events", () => undefined);
    const client = await owner.connect();

    await client.query("BEGIN");
    await client.query("SELECT pg_notify('comment_events', 'rolled back')");
    await client.query("ROLLBACK");
    await client.query("BEGIN");
    await client.query("SELECT pg_notify('comment_events', 'committed')");
    expect(owner.notifications).toEqual([]);
    await client.query("COMMIT");

    await vi.waitFor(() => expect(owner.notifications).toEqual([{ channel: "comment_events", payload: "committed" }]), { timeout: 2_000, interval: 20 });
  });

  it(
    "rolls back and disconnects a client that sits in a transaction for the idle timeout, and the app then goes on",
    async () => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const owner = await startOwner();
      const client = await owner.connect();
      await client.query("BEGIN");
      await client.query("INSERT INTO notes VALUES ('client')");
      const idleSince = Date.now();

      await within(owner.pglite.query("INSERT INTO notes VALUES ('app')"), IDLE_IN_TRANSACTION_TIMEOUT_MS + 5_000, "the app's INSERT");

      expect(Date.now() - idleSince).toBeGreaterThanOrEqual(IDLE_IN_TRANSACTION_TIMEOUT_MS - 500);
      expect(await owner.readNotes()).toEqual(["app"]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("rolled back and disconnected"));
      await expect(client.query("SELECT 1")).rejects.toThrow();
    },
    IDLE_IN_TRANSACTION_TIMEOUT_MS + 10_000,
  );
});

describe("the owner's control socket", () => {
  it("answers POST /backup with a gzip backup that restores the rows committed before it", async () => {
    const owner = await startOwner();
    const client = await owner.connect();
    await client.query("INSERT INTO notes VALUES ('from the client')");
    await owner.pglite.query("INSERT INTO notes VALUES ('from the app')");

    const { status, body } = await controlRequest(owner.sockets.socketDir, "POST", "/backup");
    await client.query("INSERT INTO notes VALUES ('after the backup')");

    expect(status).toBe(200);
    expect([...body.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const restoredDir = join(owner.dir, "restored");
    const report = await restoreDataDirectory(restoredDir, new Uint8Array(body), "the control socket's backup");
    expect(report).toEqual({ previousMovedTo: null, migrations: 1 });
    expect(await readNotesIn(restoredDir)).toEqual(["from the app", "from the client"]);
  });

  it("answers GET /status with the owner's description, and any other request with 404", async () => {
    const owner = await startOwner();
    const requests = [
      { method: "GET", path: "/status", status: 200, answer: { dataDir: resolve(owner.dataDir), pid: process.pid } },
      { method: "GET", path: "/backup", status: 404, answer: { error: "No such control request: GET /backup" } },
      { method: "POST", path: "/restore", status: 404, answer: { error: "No such control request: POST /restore" } },
    ];

    for (const { method, path, status, answer } of requests) {
      const response = await controlRequest(owner.sockets.socketDir, method, path);

      expect({ request: `${method} ${path}`, status: response.status, answer: JSON.parse(response.body.toString("utf8")) as unknown }).toEqual({
        request: `${method} ${path}`,
        status,
        answer,
      });
    }
  });
});

describe("openDataDirectory", () => {
  it("rejects ready for a damaged directory, saying so and how to restore it", async () => {
    const dataDir = join(makeTempDir(), "pglite");
    copyTemplate(dataDir);
    writeFileSync(join(dataDir, "global", "pg_control"), Buffer.alloc(8192, 0x07));

    const { pglite, ready } = openDataDirectory(dataDir);
    cleanups.push(() => pglite.close().catch(() => undefined));

    const error = await ready.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(EmbeddedDatabaseError);
    expect((error as Error).message).toContain(resolve(dataDir));
    expect((error as Error).message).toContain("looks damaged");
    expect((error as Error).message).toContain("db:restore");
  });

  it("throws at once for a folder that holds other files and no PG_VERSION", () => {
    const dataDir = join(makeTempDir(), "documents");
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, "notes.txt"), "not a database");

    expect(() => openDataDirectory(dataDir)).toThrow(EmbeddedDatabaseError);
    expect(() => openDataDirectory(dataDir)).toThrow(`${resolve(dataDir)} is not an embedded database`);
    expect(readdirSync(dataDir)).toEqual(["notes.txt"]);
  });
});

describe("backupEmbeddedDatabase", () => {
  it("writes a backup of a directory nobody serves that restoreEmbeddedDatabase restores, and gives the directory back", async () => {
    const dir = makeTempDir();
    const dataDir = join(dir, "pglite");
    copyTemplate(dataDir);
    const pglite = new PGlite(dataDir);
    await pglite.query("INSERT INTO notes VALUES ('backed up')");
    await pglite.close();

    const report = await backupEmbeddedDatabase(dataDir, join(dir, "backup.tar.gz"));

    expect(report).toEqual({ file: join(dir, "backup.tar.gz"), bytes: expect.any(Number), madeBy: "command" });
    expect(existsSync(lockFileFor(dataDir))).toBe(false);
    const restoredDir = join(dir, "restored");
    await restoreEmbeddedDatabase(restoredDir, report.file, { force: false });
    expect(await readNotesIn(restoredDir)).toEqual(["backed up"]);
  });
});

describe("restoreEmbeddedDatabase", () => {
  /** A backup file of the template with one note in it, shared by the tests (they only read it). */
  let backupFile: string;

  beforeAll(async () => {
    const source = join(root, "backup-source");
    copyTemplate(source);
    const pglite = new PGlite(source);
    try {
      await pglite.query("INSERT INTO notes VALUES ('backed up')");
      backupFile = join(root, "backup.tar.gz");
      writeFileSync(backupFile, (await copyDataDirectory(pglite)).bytes);
    } finally {
      await pglite.close();
    }
  });

  /** A live process other than this one holds the directory. */
  async function holdByOtherProcess(dataDir: string): Promise<void> {
    const child = spawn("sleep", ["30"], { stdio: "ignore" });
    children.push(child);
    await new Promise<void>((resolvePromise, reject) => {
      child.once("spawn", resolvePromise);
      child.once("error", reject);
    });
    const owner = { pid: child.pid, processStart: readProcessStart(child.pid!), role: "app", command: "next start", since: new Date().toISOString(), socketDir: null };
    writeFileSync(lockFileFor(dataDir), JSON.stringify(owner));
  }

  it.each([
    {
      case: "a file that is not a backup",
      prepare: async (dir: string, dataDir: string) => {
        mkdirSync(dataDir);
        const file = join(dir, "notes.txt");
        writeFileSync(file, "these are not the files you are looking for");
        return file;
      },
      force: true,
      error: EmbeddedDatabaseError,
      message: "is not a backup made by npm run db:backup",
    },
    {
      case: "a directory that is not empty, without force",
      prepare: async (_dir: string, dataDir: string) => {
        mkdirSync(dataDir);
        writeFileSync(join(dataDir, "keep.txt"), "mine");
        return backupFile;
      },
      force: false,
      error: EmbeddedDatabaseError,
      message: "is not empty",
    },
    {
      case: "a directory another live process holds",
      prepare: async (_dir: string, dataDir: string) => {
        mkdirSync(dataDir);
        await holdByOtherProcess(dataDir);
        return backupFile;
      },
      force: true,
      error: DirectoryInUseError,
      message: "Stop it before restoring",
    },
  ])("refuses $case and leaves the directory as it was", async ({ prepare, force, error, message }) => {
    const dir = makeTempDir();
    const dataDir = join(dir, "pglite");
    const file = await prepare(dir, dataDir);
    const contentsBefore = readdirSync(dataDir);
    const lockBefore = existsSync(lockFileFor(dataDir)) ? readFileSync(lockFileFor(dataDir), "utf8") : null;

    const refusal = restoreEmbeddedDatabase(dataDir, file, { force });

    await expect(refusal).rejects.toThrow(error);
    await expect(refusal).rejects.toThrow(message);
    expect(readdirSync(dataDir)).toEqual(contentsBefore);
    expect(existsSync(lockFileFor(dataDir)) ? readFileSync(lockFileFor(dataDir), "utf8") : null).toBe(lockBefore);
    expect(readdirSync(dir).filter((name) => name.includes("before-restore") || name.includes("restoring"))).toEqual([]);
  });

  it("with force, moves the directory's old contents aside and fills it from the backup", async () => {
    const dir = makeTempDir();
    const dataDir = join(dir, "pglite");
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, "keep.txt"), "mine");

    const report = await restoreEmbeddedDatabase(dataDir, backupFile, { force: true });

    expect(report.migrations).toBe(1);
    expect(report.previousMovedTo).toMatch(new RegExp(`^${resolve(dataDir).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.before-restore-`));
    expect(readFileSync(join(report.previousMovedTo!, "keep.txt"), "utf8")).toBe("mine");
    expect(await readNotesIn(dataDir)).toEqual(["backed up"]);
    expect(existsSync(lockFileFor(dataDir))).toBe(false);
  });
});
