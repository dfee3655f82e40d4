import { describe, expect, it } from "vitest";
import { AppError, toErrorResponse } from "@/lib/errors";
import { createEventStreamResponse } from "@/lib/live/event-stream";
import { requireStreamSlot, STREAM_RETRY_AFTER_SECONDS, StreamSlots, type StreamSlot } from "@/lib/live/stream-slots";
import { EventStreamReader } from "../../support/live-stream";

/** The release function of a slot that must have been granted. */
function granted(slot: StreamSlot): () => void {
  if (!slot.isGranted) throw new Error(`refused (${slot.scope})`);
  return slot.release;
}

describe("StreamSlots", () => {
  it("grants an address its limit and refuses the next, naming the address cap", () => {
    const slots = new StreamSlots({ perAddress: 2, total: 10 });
    granted(slots.acquire("203.0.113.1"));
    granted(slots.acquire("203.0.113.1"));
    expect(slots.acquire("203.0.113.1")).toEqual({ isGranted: false, scope: "address" });
    expect(slots.countFor("203.0.113.1")).toBe(2);
    expect(slots.size).toBe(2);
  });

  it("keeps serving other addresses while one is at its cap", () => {
    const slots = new StreamSlots({ perAddress: 1, total: 10 });
    granted(slots.acquire("203.0.113.1"));
    expect(slots.acquire("203.0.113.1").isGranted).toBe(false);
    expect(slots.acquire("203.0.113.2").isGranted).toBe(true);
  });

  it("refuses every address past the total, naming the total cap", () => {
    const slots = new StreamSlots({ perAddress: 2, total: 3 });
    granted(slots.acquire("203.0.113.1"));
    granted(slots.acquire("203.0.113.1"));
    granted(slots.acquire("203.0.113.2"));
    expect(slots.acquire("203.0.113.3")).toEqual({ isGranted: false, scope: "total" });
  });

  it("names the address cap when both are reached", () => {
    const slots = new StreamSlots({ perAddress: 1, total: 1 });
    granted(slots.acquire("203.0.113.1"));
    expect(slots.acquire("203.0.113.1")).toEqual({ isGranted: false, scope: "address" });
  });

  it("gives a slot back once however often it is released", () => {
    const slots = new StreamSlots({ perAddress: 2, total: 10 });
    const release = granted(slots.acquire("203.0.113.1"));
    granted(slots.acquire("203.0.113.1"));
    release();
    release();
    expect(slots.countFor("203.0.113.1")).toBe(1);
    expect(slots.size).toBe(1);
    granted(slots.acquire("203.0.113.1"));
    expect(slots.acquire("203.0.113.1").isGranted).toBe(false);
  });

  it("forgets an address once it holds no stream", () => {
    const slots = new StreamSlots({ perAddress: 1, total: 10 });
    granted(slots.acquire("203.0.113.1"))();
    expect(slots.countFor("203.0.113.1")).toBe(0);
    expect(slots.size).toBe(0);
  });

  it("applies only the total to an unknown (empty) address, which is not one client", () => {
    const slots = new StreamSlots({ perAddress: 1, total: 3 });
    const releases = [granted(slots.acquire("")), granted(slots.acquire("")), granted(slots.acquire(""))];
    expect(slots.acquire("")).toEqual({ isGranted: false, scope: "total" });
    for (const release of releases) release();
    expect(slots.size).toBe(0);
  });
});

describe("requireStreamSlot", () => {
  it("returns the slot's release function", () => {
    const slots = new StreamSlots({ perAddress: 1, total: 1 });
    requireStreamSlot(slots, "203.0.113.1")();
    expect(slots.size).toBe(0);
  });

  it.each([
    ["the address", { perAddress: 1, total: 5 }, "Too many live connections from your address (at most 1 at once); close other tabs or try again shortly."],
    ["the total", { perAddress: 5, total: 1 }, "The server has too many live connections open; try again shortly."],
  ])("answers past %s cap with the API's 429 rate_limited and Retry-After", (_label, limits, message) => {
    const slots = new StreamSlots(limits);
    requireStreamSlot(slots, "203.0.113.1");
    let thrown: unknown;
    try {
      requireStreamSlot(slots, "203.0.113.1");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(toErrorResponse(thrown)).toEqual({
      status: 429,
      body: { error: { code: "rate_limited", message } },
      headers: { "Retry-After": String(STREAM_RETRY_AFTER_SECONDS) },
    });
  });
});

describe("createEventStreamResponse onFinish", () => {
  /** Counts how often the stream's end is reported. */
  function counter() {
    const state = { finished: 0 };
    return { state, onFinish: () => (state.finished += 1) };
  }

  it("runs once when the request is aborted", async () => {
    const { state, onFinish } = counter();
    const controller = new AbortController();
    const reader = new EventStreamReader(createEventStreamResponse(controller.signal, () => () => undefined, { onFinish }));
    await reader.next();
    controller.abort();
    await reader.waitForEnd();
    await reader.cancel();
    expect(state.finished).toBe(1);
  });

  it("runs once when the body is cancelled", async () => {
    const { state, onFinish } = counter();
    const controller = new AbortController();
    const reader = new EventStreamReader(createEventStreamResponse(controller.signal, () => () => undefined, { onFinish }));
    await reader.next();
    await reader.cancel();
    controller.abort();
    expect(state.finished).toBe(1);
  });

  it("runs once when maxDurationMs passes", async () => {
    const { state, onFinish } = counter();
    const reader = new EventStreamReader(createEventStreamResponse(new AbortController().signal, () => () => undefined, { maxDurationMs: 20, onFinish }));
    await reader.waitForEnd();
    expect(state.finished).toBe(1);
  });

  it("runs once when the client stops reading and the stream cannot be written", () => {
    const { state, onFinish } = counter();
    let stops = 0;
    createEventStreamResponse(
      new AbortController().signal,
      (send) => {
        for (let index = 0; index < 1_100; index += 1) send("thread", { index });
        return () => (stops += 1);
      },
      { onFinish },
    );
    expect(state.finished).toBe(1);
    expect(stops).toBe(1);
  });

  it("runs when the request was aborted before the stream opened", () => {
    const { state, onFinish } = counter();
    createEventStreamResponse(AbortSignal.abort(), () => () => undefined, { onFinish });
    expect(state.finished).toBe(1);
  });

  it("runs, and the error is thrown, when opening the stream fails", () => {
    const { state, onFinish } = counter();
    expect(() =>
      createEventStreamResponse(
        new AbortController().signal,
        () => {
          throw new Error("no feed");
        },
        { onFinish },
      ),
    ).toThrow("no feed");
    expect(state.finished).toBe(1);
  });
});
