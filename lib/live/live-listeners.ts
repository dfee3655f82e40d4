// The subscribers of one bus: each gets every message, and one that throws
// neither stops the others nor reaches whoever published.
import type { LiveMessage } from "./live-events";

/** Receives the bus's messages; called synchronously, so it should only schedule work. */
export type LiveListener = (message: LiveMessage) => void;

/** A set of subscribers that delivers to each in isolation. */
export class LiveListeners {
  private readonly listeners = new Set<LiveListener>();

  /** Adds a subscriber; returns what removes it (calling it twice is harmless). */
  add(listener: LiveListener): () => void {
    // Wrapped, so one function subscribed twice counts as two subscriptions.
    const entry: LiveListener = (message) => listener(message);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /** Delivers one message to every subscriber present now. */
  emit(message: LiveMessage): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch (error) {
        console.error(`Live updates: a subscriber failed on a "${message.type}" message: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** How many subscribers there are. */
  get size(): number {
    return this.listeners.size;
  }

  /** Drops every subscriber. */
  clear(): void {
    this.listeners.clear();
  }
}
