// The change bus: domain code publishes what changed after its write commits,
// and live streams (and caches) subscribe. Chosen by how this process reaches
// the database: where PGlite runs in this process (the embedded database's
// owner, the app), an in-process emitter carries the app's own events, and
// what commands publish through the owner's socket arrives as NOTIFYs on the
// same channel; over a connection (a PostgreSQL server, or a command talking
// to the embedded database's owner), LISTEN/NOTIFY carries events between
// processes (postgres-bus.ts).
import { getDatabase, type DatabaseHandle } from "../db";
import { LIVE_CHANNEL, parseLiveEvent, serializeLiveEvent, type LiveEvent } from "./live-events";
import { LiveListeners, type LiveListener } from "./live-listeners";
import { PostgresLiveBus, type PostgresBusOptions } from "./postgres-bus";

export type { LiveListener } from "./live-listeners";

/** Publishes and delivers change events (live-events.ts). */
export interface LiveBus {
  readonly engine: DatabaseHandle["engine"];
  /** Tells every subscriber, in every instance, what changed. Never rejects: a lost notification must not fail the write it follows. */
  publish(event: LiveEvent): Promise<void>;
  /** Receives every event from now on, plus "resync" when some may have been missed; returns the unsubscribe function. */
  subscribe(listener: LiveListener): () => void;
  /** Stops delivering and releases the listening connection. */
  close(): Promise<void>;
}

/** How to open a bus: on PostgreSQL the listening connection needs the URL (the pool does not lend it). */
export interface LiveBusOptions extends PostgresBusOptions {
  connectionString?: string | undefined;
}

function createInProcessBus(handle: DatabaseHandle): LiveBus {
  const listeners = new LiveListeners();
  let isClosed = false;
  // Commands publish through the owner's socket with pg_notify; they reach this process's subscribers like its own events.
  const stopListening = handle.listen?.(LIVE_CHANNEL, (payload) => {
    const event = parseLiveEvent(payload);
    if (event && !isClosed) listeners.emit(event);
  });
  stopListening?.catch((error: unknown) => console.error(`Live updates: could not listen for other processes' changes: ${error instanceof Error ? error.message : String(error)}`));
  return {
    engine: "embedded",
    async publish(event) {
      if (isClosed) return;
      // The same round trip through the wire format as on PostgreSQL, so both engines deliver (and drop) the same events.
      const delivered = parseLiveEvent(serializeLiveEvent(event));
      if (delivered) queueMicrotask(() => listeners.emit(delivered));
    },
    subscribe: (listener) => listeners.add(listener),
    async close() {
      isClosed = true;
      listeners.clear();
      const stop = await stopListening?.catch(() => undefined);
      stop?.();
    },
  };
}

/** Opens a bus on an explicit database (tests, scripts); the app uses getLiveBus(). */
export function createLiveBus(handle: DatabaseHandle, options: LiveBusOptions = {}): LiveBus {
  if (handle.access === "in-process") return createInProcessBus(handle);
  const connectionString = options.connectionString ?? handle.connectionString;
  if (!connectionString) throw new Error("A live bus on PostgreSQL needs the database URL for its listening connection");
  return new PostgresLiveBus(handle, connectionString, options);
}

// On globalThis like the database handle: separately bundled routes and the proxy share one bus, hence one listening connection.
const globalForLive = globalThis as typeof globalThis & { commentsLiveBus?: { handle: DatabaseHandle; bus: LiveBus } };

/** The process-wide bus, on the process-wide database (lib/db.ts getDatabase). */
export function getLiveBus(): LiveBus {
  const handle = getDatabase();
  const current = globalForLive.commentsLiveBus;
  if (current?.handle === handle) return current.bus;
  // The database it spoke for was closed and another opened (tests): that bus is done.
  if (current) void current.bus.close();
  const bus = createLiveBus(handle);
  globalForLive.commentsLiveBus = { handle, bus };
  return bus;
}

/** Closes the process-wide bus (before closing the database: end of a script or test file). */
export async function closeLiveBus(): Promise<void> {
  const current = globalForLive.commentsLiveBus;
  globalForLive.commentsLiveBus = undefined;
  if (current) await current.bus.close();
}
