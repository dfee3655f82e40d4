// Reads a server-sent event stream (a Response's body) message by message, as
// a browser's EventSource would parse it, with a deadline on each wait.

/** One message of the stream: its fields as sent (a comment is a `: …` line). */
export interface StreamMessage {
  event?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

function parseBlock(block: string): StreamMessage {
  const message: StreamMessage = {};
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) {
      message.comment = line.slice(1).trim();
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event" || field === "retry") message[field] = value;
    if (field === "data") message.data = message.data === undefined ? value : `${message.data}\n${value}`;
  }
  return message;
}

/** Reads messages off an event stream's body. */
export class EventStreamReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = "";
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  /** Whether the server ended the stream. */
  isDone = false;

  constructor(response: Response) {
    if (!response.body) throw new Error("the response has no body");
    this.reader = response.body.getReader();
  }

  /** The next message; throws after `timeoutMs` without one, or when the stream ends first. */
  async next(timeoutMs = 3_000): Promise<StreamMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end !== -1) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        return parseBlock(block);
      }
      if (this.isDone) throw new Error("the stream ended");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms`);
      // A read that outlives one wait is kept for the next, so no chunk is lost.
      this.pending ??= this.reader.read();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), left);
      });
      const result = await Promise.race([this.pending, timeout]);
      clearTimeout(timer);
      if (result === "timeout") continue;
      this.pending = null;
      if (result.done) this.isDone = true;
      else this.buffer += this.decoder.decode(result.value, { stream: true });
    }
  }

  /** The data (parsed JSON) of the next message named `event`, skipping pings and others; throws after `timeoutMs`. */
  async nextEvent(event: string, timeoutMs = 3_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await this.next(Math.max(1, deadline - Date.now()));
      if (message.event === event) return JSON.parse(message.data ?? "null") as unknown;
    }
  }

  /** Waits for the server to end the stream (reading whatever is left); throws after `timeoutMs`. */
  async waitForEnd(timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.next(Math.max(1, deadline - Date.now()));
      } catch (error) {
        if (this.isDone) return;
        throw error;
      }
    }
  }

  /** Stops reading (as a browser closing the connection). */
  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}
