// The few PostgreSQL wire-protocol messages the owner writes itself.
import type { PGlite } from "@electric-sql/pglite";

/** A simple-query message ('Q'): for statements the owner runs under a lock that PGlite's query() would take again. */
export function simpleQueryMessage(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, "utf8");
  const message = Buffer.alloc(5 + text.length);
  message.write("Q", 0, "latin1");
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/** A Sync message ('S'): ends an unfinished extended-protocol exchange. */
export const SYNC_MESSAGE: Uint8Array = Buffer.from([0x53, 0, 0, 0, 4]);

/**
 * Runs a message of the owner's own, its answer dropped. Through the stream
 * variant on purpose: PGlite's execProtocolRaw would hand the answer to the
 * output callback the last streamed message left behind, a client's socket.
 */
export async function runOwnMessage(pglite: PGlite, message: Uint8Array): Promise<void> {
  await pglite.execProtocolRawStream(message, { onRawData: () => undefined });
}
