// The owner of an embedded data directory serves it to every other process:
// the project's commands, psql, and anything that speaks PostgreSQL's wire
// protocol connect to a Unix socket beside the directory and run their SQL in
// the owner's PGlite; a second socket answers control requests (a consistent
// backup). Both live in a folder only this user can enter (mode 0700), which
// is the whole of the access control, as for PostgreSQL's own local sockets.
//
// Why not @electric-sql/pglite-socket's server: it takes PGlite's query lock
// per message only, so a client's open transaction and the app's own
// transactions (pglite-prisma-adapter takes PGlite's transaction lock) would
// run their statements inside each other's transactions, and a command's
// ROLLBACK could undo a comment the app had acknowledged. Here a client holds
// PGlite's transaction lock from its first message until PostgreSQL reports
// it idle again (ReadyForQuery 'I'), so the app and each client see whole
// transactions, one after the other.
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, rmdirSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { runOwnMessage, simpleQueryMessage, SYNC_MESSAGE } from "./protocol";

/** The port number in the socket's name: PostgreSQL clients find `<dir>/.s.PGSQL.<port>`. */
export const OWNER_SOCKET_PORT = 5432;

/** The control socket's file name inside the socket folder. */
export const CONTROL_SOCKET_NAME = "control.sock";

/** A client that keeps a transaction open this long without sending anything is rolled back and disconnected: the app waits while it holds the database. */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000;

/** What a client may have left in the shared backend's session, cleared when it goes (see SessionGate.endSession). */
const RESET_SESSION_STATE = "RESET ALL; DEALLOCATE ALL; CLOSE ALL; SELECT pg_advisory_unlock_all(); DISCARD TEMP";

/** How many clients may be connected at once (they take turns on the database). */
const MAX_CONNECTIONS = 32;

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;


/** Reads the backend's messages out of a byte stream that may split them anywhere. */
class BackendMessageReader {
  private pending = Buffer.alloc(0);
  /** The transaction status of the last ReadyForQuery, while nothing has followed it. */
  lastReadyStatus: string | null = null;

  constructor(private readonly onNotification: (channel: string, payload: string) => void) {}

  push(bytes: Uint8Array): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, bytes]) : Buffer.from(bytes);
    while (this.pending.length >= 5) {
      const length = this.pending.readInt32BE(1);
      if (this.pending.length < 1 + length) break;
      const type = String.fromCharCode(this.pending[0]!);
      if (type === "Z") {
        this.lastReadyStatus = String.fromCharCode(this.pending[5]!);
      } else {
        this.lastReadyStatus = null;
        if (type === "A") this.readNotification(this.pending.subarray(9, 1 + length));
      }
      this.pending = this.pending.subarray(1 + length);
    }
  }

  private readNotification(body: Buffer): void {
    const channelEnd = body.indexOf(0);
    const payloadEnd = body.indexOf(0, channelEnd + 1);
    if (channelEnd < 0 || payloadEnd < 0) return;
    this.onNotification(body.subarray(0, channelEnd).toString("utf8"), body.subarray(channelEnd + 1, payloadEnd).toString("utf8"));
  }
}

/** One client connection: its socket, its unread bytes and the chain that runs its messages in order. */
interface ClientConnection {
  socket: Socket;
  incoming: Buffer;
  hasStarted: boolean;
  isClosed: boolean;
  /** Its session state has been cleared from the shared backend (endSession ran). */
  hasEnded: boolean;
  chain: Promise<void>;
  reader: BackendMessageReader;
}

/**
 * Lends PGlite to one client at a time, from its first message until its
 * session is idle again, through PGlite's own transaction lock (the one the
 * in-process app's queries and transactions take).
 */
class SessionGate {
  private holder: ClientConnection | null = null;
  private releaseLock: (() => void) | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly pglite: PGlite) {}

  /** Runs one protocol message of a client, writing the backend's answer to its socket. */
  async run(client: ClientConnection, message: Uint8Array): Promise<void> {
    if (client.isClosed) return;
    if (this.holder !== client) await this.acquire(client);
    clearTimeout(this.idleTimer);
    if (client.isClosed) {
      await this.endSession(client);
      return;
    }
    await this.pglite.runExclusive(() =>
      this.pglite.execProtocolRawStream(message, {
        onRawData: (bytes) => {
          client.reader.push(bytes);
          if (!client.isClosed && client.socket.writable) client.socket.write(Buffer.from(bytes));
        },
      }),
    );
    if (client.reader.lastReadyStatus === "I") this.release(client);
    else this.idleTimer = setTimeout(() => void this.abandon(client), IDLE_IN_TRANSACTION_TIMEOUT_MS);
  }

  /**
   * Ends a closed client's session. Every client shares the app's one backend,
   * so what the client left there goes with it: an unfinished exchange (Sync),
   * an open transaction (ROLLBACK), and its session state — settings, prepared
   * statements, cursors, temporary tables, advisory locks — which would
   * otherwise apply to the app's statements and trip later clients. Not
   * DISCARD ALL: that would also end the owner's LISTEN, which the live bus needs.
   */
  async endSession(client: ClientConnection): Promise<void> {
    if (client.hasEnded) return;
    client.hasEnded = true;
    if (!client.hasStarted && this.holder !== client) return;
    if (this.holder !== client) await this.acquire(client);
    clearTimeout(this.idleTimer);
    try {
      await this.pglite.runExclusive(async () => {
        await runOwnMessage(this.pglite, SYNC_MESSAGE);
        if (this.pglite.isInTransaction()) await runOwnMessage(this.pglite, simpleQueryMessage("ROLLBACK"));
        await runOwnMessage(this.pglite, simpleQueryMessage(RESET_SESSION_STATE));
      });
    } finally {
      this.release(client);
    }
  }

  /** Stops waiting for a client that sat in a transaction too long. */
  private async abandon(client: ClientConnection): Promise<void> {
    if (this.holder !== client) return;
    console.warn(`Embedded database: a client kept a transaction open for ${IDLE_IN_TRANSACTION_TIMEOUT_MS / 1000} s without a statement; rolled back and disconnected`);
    client.isClosed = true;
    client.socket.destroy();
    await this.endSession(client);
  }

  private acquire(client: ClientConnection): Promise<void> {
    return new Promise((acquired) => {
      void this.pglite._runExclusiveTransaction(
        () =>
          new Promise<void>((release) => {
            this.holder = client;
            this.releaseLock = release;
            acquired();
          }),
      );
    });
  }

  private release(client: ClientConnection): void {
    if (this.holder !== client) return;
    clearTimeout(this.idleTimer);
    const release = this.releaseLock;
    this.holder = null;
    this.releaseLock = null;
    release?.();
  }
}

/** Splits a client's bytes into whole protocol messages; answers the ones PGlite has no use for. */
function takeMessages(client: ClientConnection): Uint8Array[] {
  const messages: Uint8Array[] = [];
  for (;;) {
    if (!client.hasStarted) {
      if (client.incoming.length < 8) break;
      const length = client.incoming.readInt32BE(0);
      if (client.incoming.length < length) break;
      const code = client.incoming.readInt32BE(4);
      const message = client.incoming.subarray(0, length);
      client.incoming = client.incoming.subarray(length);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        client.socket.write("N"); // no encryption on a local socket
      } else if (code === CANCEL_REQUEST) {
        client.socket.end(); // nothing to cancel: one backend, statements run to the end
      } else {
        client.hasStarted = true;
        messages.push(new Uint8Array(message));
      }
      continue;
    }
    if (client.incoming.length < 5) break;
    const length = 1 + client.incoming.readInt32BE(1);
    if (client.incoming.length < length) break;
    const message = client.incoming.subarray(0, length);
    client.incoming = client.incoming.subarray(length);
    if (message[0] === 0x58 /* 'X' Terminate */) {
      client.socket.end();
      break;
    }
    messages.push(new Uint8Array(message));
  }
  return messages;
}

/** What the owner serves besides SQL. */
export interface OwnerControl {
  /** A consistent copy of the database as a backup file's bytes. */
  backup(): Promise<Uint8Array>;
  /** Said in answer to a status request (data directory, since when). */
  describe(): Record<string, unknown>;
}

/** The owner's running sockets. */
export interface OwnerSockets {
  readonly socketDir: string;
  close(): Promise<void>;
}

/**
 * The socket folder is the access control: it must be a real folder of this
 * process's user. One made by somebody else (say, under a shared /tmp, to
 * plant a socket of their own for the commands to talk to) is refused.
 */
function requireOwnFolder(socketDir: string): void {
  const stat = lstatSync(socketDir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) {
    throw new Error(`${socketDir} is not a folder of this user's: the embedded database's sockets cannot go there. Remove it, or set EMBEDDED_DATABASE_DIR elsewhere.`);
  }
}

const SOCKET_NAMES = [`.s.PGSQL.${OWNER_SOCKET_PORT}`, CONTROL_SOCKET_NAME];

/**
 * Removes the owner's socket folder: its two sockets, then the folder if
 * nothing else is in it. A folder holding anything else is somebody's, not
 * ours, and is refused rather than emptied.
 */
export function removeSocketFolder(socketDir: string): void {
  if (!existsSync(socketDir)) return;
  requireOwnFolder(socketDir);
  for (const name of SOCKET_NAMES) rmSync(join(/* turbopackIgnore: true */ socketDir, name), { force: true });
  const others = readdirSync(socketDir);
  if (others.length > 0) throw new Error(`${socketDir} is the embedded database's socket folder, but it holds other files (${others.slice(0, 3).join(", ")}): move them away`);
  rmdirSync(socketDir);
}

function listen(server: Server | HttpServer, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/**
 * Starts serving PGlite on `<socketDir>/.s.PGSQL.5432` and the control
 * requests on `<socketDir>/control.sock`. `onNotification` hears the NOTIFYs
 * clients send (the app's live bus forwards them to its subscribers).
 */
export async function startOwnerSockets(
  pglite: PGlite,
  socketDir: string,
  options: { control: OwnerControl; onNotification: (channel: string, payload: string) => void },
): Promise<OwnerSockets> {
  // Sockets left by a crashed owner would make listen() fail with EADDRINUSE.
  removeSocketFolder(socketDir);
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  requireOwnFolder(socketDir);
  chmodSync(socketDir, 0o700);

  const gate = new SessionGate(pglite);
  const clients = new Set<ClientConnection>();
  const sqlServer = createServer((socket) => {
    const client: ClientConnection = {
      socket,
      incoming: Buffer.alloc(0),
      hasStarted: false,
      isClosed: false,
      hasEnded: false,
      chain: Promise.resolve(),
      reader: new BackendMessageReader(options.onNotification),
    };
    clients.add(client);
    socket.setNoDelay(true);
    socket.on("data", (data) => {
      client.incoming = client.incoming.length ? Buffer.concat([client.incoming, data]) : data;
      for (const message of takeMessages(client)) {
        client.chain = client.chain.then(() => gate.run(client, message)).catch((error: unknown) => {
          console.error(`Embedded database: a client's statement failed in the server: ${error instanceof Error ? error.message : String(error)}`);
          client.isClosed = true;
          socket.destroy();
        });
      }
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      client.isClosed = true;
      clients.delete(client);
      client.chain = client.chain.then(() => gate.endSession(client)).catch(() => undefined);
    });
  });
  sqlServer.maxConnections = MAX_CONNECTIONS;

  const controlServer = createHttpServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.method === "GET" && request.url === "/status") return reply(200, options.control.describe());
    if (request.method !== "POST" || request.url !== "/backup") return reply(404, { error: `No such control request: ${request.method} ${request.url}` });
    options.control.backup().then(
      (bytes) => {
        response.writeHead(200, { "content-type": "application/gzip", "content-length": String(bytes.length) });
        response.end(Buffer.from(bytes));
      },
      (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });

  await listen(sqlServer, join(socketDir, `.s.PGSQL.${OWNER_SOCKET_PORT}`));
  await listen(controlServer, join(socketDir, CONTROL_SOCKET_NAME));

  let isClosed = false;
  return {
    socketDir,
    async close() {
      if (isClosed) return;
      isClosed = true;
      // Each client's session is ended (its transaction rolled back) before the database closes.
      for (const client of clients) {
        client.isClosed = true;
        client.socket.destroy();
        client.chain = client.chain.then(() => gate.endSession(client)).catch(() => undefined);
      }
      await Promise.all([...clients].map((client) => client.chain));
      await Promise.all([new Promise((resolve) => sqlServer.close(resolve)), new Promise((resolve) => controlServer.close(resolve))]);
      removeSocketFolder(socketDir);
    },
  };
}
