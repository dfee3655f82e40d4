// How many live streams this process holds open: each one keeps a connection,
// a timer and a subscription for as long as the client likes, so one address
// may hold a few (a reader's tabs, one framed thread per embed on a page) and
// the process a bounded number in all. Counted per process, in memory: a
// stream lives in exactly one process, and ends with it.
import { AppError } from "../errors";
import type { EventStreamOptions } from "./event-stream";

/** Open streams one address may hold at once, across both live routes. */
export const MAX_STREAMS_PER_ADDRESS = 20;

/** Open streams this process holds at once, whoever opened them. */
export const MAX_STREAMS_IN_TOTAL = 2_000;

/** What a refused client is told to wait (Retry-After); the browser's own backoff is in components/live/use-event-stream.ts. */
export const STREAM_RETRY_AFTER_SECONDS = 30;

/** Who asks for a stream: the request's abort signal, and the client's address as the route read it (lib/http.ts readRequestMeta). */
export interface StreamClient {
  signal: AbortSignal;
  address: string;
}

/** A live stream's protocol options, and the slots it counts against (the process's by default). */
export interface LiveStreamOptions extends EventStreamOptions {
  slots?: StreamSlots;
}

/** The caps a set of slots enforces. */
export interface StreamSlotLimits {
  perAddress: number;
  total: number;
}

/** An acquired slot, with what gives it back (calling it again does nothing), or which cap refused it. */
export type StreamSlot = { isGranted: true; release: () => void } | { isGranted: false; scope: "address" | "total" };

/** Counts open streams per address and in all, refusing past the limits. */
export class StreamSlots {
  private readonly byAddress = new Map<string, number>();
  private openCount = 0;

  constructor(readonly limits: StreamSlotLimits = { perAddress: MAX_STREAMS_PER_ADDRESS, total: MAX_STREAMS_IN_TOTAL }) {}

  /**
   * Takes a slot for a stream from `address`. An empty address (nobody
   * stamped the peer, as when a handler is called outside our server) is not
   * one client, so only the total applies to it.
   */
  acquire(address: string): StreamSlot {
    const held = this.countFor(address);
    if (address !== "" && held >= this.limits.perAddress) return { isGranted: false, scope: "address" };
    if (this.openCount >= this.limits.total) return { isGranted: false, scope: "total" };
    this.openCount += 1;
    if (address !== "") this.byAddress.set(address, held + 1);
    let isReleased = false;
    const release = () => {
      if (isReleased) return;
      isReleased = true;
      this.openCount -= 1;
      if (address === "") return;
      const left = (this.byAddress.get(address) ?? 1) - 1;
      if (left > 0) this.byAddress.set(address, left);
      else this.byAddress.delete(address);
    };
    return { isGranted: true, release };
  }

  /** How many streams `address` holds open. */
  countFor(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }

  /** How many streams are open in all. */
  get size(): number {
    return this.openCount;
  }
}

/**
 * Takes a slot for a stream from `address`, returning what releases it;
 * throws `rate_limited` (429 with Retry-After) naming the cap that refused.
 */
export function requireStreamSlot(slots: StreamSlots, address: string): () => void {
  const slot = slots.acquire(address);
  if (slot.isGranted) return slot.release;
  const message = slot.scope === "address" ? "api.live.tooManyFromAddress" : "api.live.serverFull";
  throw new AppError("rate_limited", message, { retryAfterSeconds: STREAM_RETRY_AFTER_SECONDS, params: { max: slots.limits.perAddress } });
}

// On globalThis like the live bus: separately bundled routes must count against one total.
const globalForSlots = globalThis as typeof globalThis & { commentsStreamSlots?: StreamSlots };

/** The process-wide slots, with the limits above. */
export function getStreamSlots(): StreamSlots {
  globalForSlots.commentsStreamSlots ??= new StreamSlots();
  return globalForSlots.commentsStreamSlots;
}
