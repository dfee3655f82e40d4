// Server-sent events (the text/event-stream format) on a standard Response:
// a `retry:` line first, `event:`/`data:` messages, a comment every 15 s so
// proxies keep the connection open, and clean-up when the client goes away.

/** The headers of every event stream: never cached, never compressed or buffered on the way. */
export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};

/** How a stream behaves; the defaults are the protocol's. */
export interface EventStreamOptions {
  /** Between `: ping` comments. */
  pingMs?: number;
  /** The reconnection delay the browser is told (the `retry:` line). */
  retryMs?: number;
  /** When set, the stream ends after this long and the client reconnects (and is authorized again). */
  maxDurationMs?: number;
  /** Runs once when the stream ends, whatever ends it (its slot is given back here, stream-slots.ts). */
  onFinish?: () => void;
}

/** Sends one message: `event: {name}` with the value as JSON on one `data:` line. */
export type SendEvent = (name: string, data: unknown) => void;

/** A client that stopped reading this far behind is dropped rather than buffered for. */
const MAX_QUEUED_CHUNKS = 1_000;

/** Formats one message (JSON never holds a raw line break, so one data line suffices). */
export function formatServerSentEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A streaming response. `open` starts sending (synchronously or later) and
 * returns what stops it; that runs once, when the request is aborted, the
 * body is cancelled, the stream cannot be written, or maxDurationMs passes
 * (and then onFinish). When `open` throws, the stream is finished and the
 * error thrown from here.
 */
export function createEventStreamResponse(signal: AbortSignal, open: (send: SendEvent) => () => void, options: EventStreamOptions = {}): Response {
  const encoder = new TextEncoder();
  let finish: () => void = () => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let isDone = false;
      let stop: (() => void) | undefined;
      const write = (text: string) => {
        if (isDone) return;
        try {
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED_CHUNKS) throw new Error("the client stopped reading");
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      const ping = setInterval(() => write(": ping\n\n"), options.pingMs ?? 15_000);
      const deadline = options.maxDurationMs ? setTimeout(() => finish(), options.maxDurationMs) : undefined;
      finish = () => {
        if (isDone) return;
        isDone = true;
        clearInterval(ping);
        clearTimeout(deadline);
        signal.removeEventListener("abort", finish);
        try {
          stop?.();
        } finally {
          try {
            controller.close();
          } catch {
            // Already closed or cancelled by the reader.
          }
          options.onFinish?.();
        }
      };
      write(`retry: ${options.retryMs ?? 3_000}\n\n`);
      signal.addEventListener("abort", finish, { once: true });
      let stopSending: () => void;
      try {
        stopSending = open((name, data) => write(formatServerSentEvent(name, data)));
      } catch (error) {
        finish();
        throw error;
      }
      if (isDone) stopSending();
      else stop = stopSending;
      if (signal.aborted) finish();
    },
    cancel() {
      finish();
    },
  });
  return new Response(body, { headers: EVENT_STREAM_HEADERS });
}
