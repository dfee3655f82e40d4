// The change bus across app instances on PostgreSQL: events go out with
// pg_notify through the app's pool, and each process keeps ONE dedicated
// connection (not from the pool, opened on the first subscription) that
// LISTENs. A lost connection is reopened with backoff; once it listens again,
// subscribers get "resync" because events may have gone by meanwhile.
import pg from "pg";
import type { DatabaseHandle } from "../db";
import { LIVE_CHANNEL, parseLiveEvent, serializeLiveEvent, type LiveEvent } from "./live-events";
import { LiveListeners, type LiveListener } from "./live-listeners";

/** How the listening connection behaves; the defaults suit production, tests shorten them. */
export interface PostgresBusOptions {
  /** Past this, publish() returns (logging) while the notification is still on its way: a slow pool must not hold up a decision. */
  publishTimeoutMs?: number;
  /** The first reconnection delay, doubled per failed attempt up to maxReconnectDelayMs (each ±25 % so instances do not reconnect in step). */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** How often the listening connection is probed; a half-open TCP connection otherwise looks alive but hears nothing. */
  healthCheckMs?: number;
}

type ListenState = "idle" | "connecting" | "waiting" | "listening" | "closed";

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A timer that never keeps a script or a test run alive on its own. */
function unrefTimer<T extends { unref?: () => unknown }>(timer: T): T {
  timer.unref?.();
  return timer;
}

/** The PostgreSQL implementation of LiveBus (see live-bus.ts). */
export class PostgresLiveBus {
  readonly engine = "postgresql" as const;
  private readonly listeners = new LiveListeners();
  private readonly publishTimeoutMs: number;
  private readonly reconnectDelayMs: number;
  private readonly maxReconnectDelayMs: number;
  private readonly healthCheckMs: number;
  private state: ListenState = "idle";
  /** The connection that listens, or is being opened to. */
  private client: pg.Client | null = null;
  private failedAttempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private healthTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly connectionString: string,
    options: PostgresBusOptions = {},
  ) {
    this.publishTimeoutMs = options.publishTimeoutMs ?? 2_000;
    this.reconnectDelayMs = options.reconnectDelayMs ?? 250;
    this.maxReconnectDelayMs = options.maxReconnectDelayMs ?? 5_000;
    this.healthCheckMs = options.healthCheckMs ?? 30_000;
  }

  /** Sends an event to every instance (this one too, through its listener). Never rejects. */
  async publish(event: LiveEvent): Promise<void> {
    if (this.state === "closed") return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const payload = serializeLiveEvent(event);
      const sent = this.handle
        .withConnection((connection) => connection.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, payload]))
        .then(
          () => undefined,
          (error: unknown) => console.error(`Live updates: could not publish "${event.type}": ${describe(error)}`),
        );
      const slow = new Promise<void>((resolve) => {
        timer = unrefTimer(
          setTimeout(() => {
            console.warn(`Live updates: publishing "${event.type}" is taking over ${this.publishTimeoutMs} ms; not waiting for it`);
            resolve();
          }, this.publishTimeoutMs),
        );
      });
      await Promise.race([sent, slow]);
    } catch (error) {
      console.error(`Live updates: could not publish "${event.type}": ${describe(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Adds a subscriber; the first one opens the listening connection. */
  subscribe(listener: LiveListener): () => void {
    const remove = this.listeners.add(listener);
    if (this.state === "idle") void this.listen();
    return remove;
  }

  /** Stops listening and drops every subscriber. */
  async close(): Promise<void> {
    this.state = "closed";
    clearTimeout(this.reconnectTimer);
    clearInterval(this.healthTimer);
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    this.state = "connecting";
    const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true, application_name: "comments-live" });
    this.client = client;
    // An 'error' without a handler would crash the process; both it and 'end' mean the connection is gone.
    client.on("error", (error) => this.lose(client, error));
    client.on("end", () => this.lose(client, new Error("the connection ended")));
    client.on("notification", (message) => {
      if (message.channel !== LIVE_CHANNEL) return;
      const event = parseLiveEvent(message.payload);
      if (event) this.listeners.emit(event);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (error) {
      if (this.client !== client) return; // closed meanwhile, or already handled by lose()
      this.client = null;
      void client.end().catch(() => undefined);
      console.error(`Live updates: could not listen on PostgreSQL (${describe(error)}); retrying`);
      this.retryLater();
      return;
    }
    if (this.client !== client) return;
    this.state = "listening";
    this.failedAttempts = 0;
    this.healthTimer = unrefTimer(setInterval(() => void this.probe(client), this.healthCheckMs));
    // Also on the first connection: whoever subscribed while it was opening may have read state before LISTEN took effect.
    this.listeners.emit({ type: "resync" });
  }

  /** Re-issues LISTEN (harmless, and it keeps pg_stat_activity showing what the connection is for); no answer in time means the connection is dead. */
  private async probe(client: pg.Client): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = unrefTimer(setTimeout(() => reject(new Error("no answer to the health check")), Math.min(10_000, this.healthCheckMs)));
    });
    try {
      await Promise.race([client.query(`LISTEN ${LIVE_CHANNEL}`), timeout]);
    } catch (error) {
      this.lose(client, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private lose(client: pg.Client, error: unknown): void {
    if (this.client !== client || this.state !== "listening") return;
    this.client = null;
    clearInterval(this.healthTimer);
    void client.end().catch(() => undefined);
    console.error(`Live updates: lost the PostgreSQL listening connection (${describe(error)}); reconnecting`);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.state === "closed") return;
    this.state = "waiting";
    const base = Math.min(this.maxReconnectDelayMs, this.reconnectDelayMs * 2 ** this.failedAttempts);
    this.failedAttempts += 1;
    this.reconnectTimer = unrefTimer(
      setTimeout(() => {
        if (this.state === "waiting") void this.listen();
      }, base * (0.75 + Math.random() * 0.5)),
    );
  }
}
