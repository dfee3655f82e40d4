import { describe, expect, it } from "vitest";
import { createEventStreamResponse, formatServerSentEvent } from "@/lib/live/event-stream";
import { parseLiveEvent, serializeLiveEvent, type LiveEvent } from "@/lib/live/live-events";
import { EventStreamReader } from "../../support/live-stream";

describe("serializeLiveEvent and parseLiveEvent", () => {
  it.each<LiveEvent>([{ type: "thread", slug: "an-article" }, { type: "queues" }, { type: "sites" }])("round-trips %j", (event) => {
    expect(parseLiveEvent(serializeLiveEvent(event))).toEqual(event);
  });

  it("sends only the event's own fields", () => {
    expect(serializeLiveEvent({ type: "queues", extra: "x" } as LiveEvent)).toBe('{"type":"queues"}');
  });

  it.each([
    ["nothing", undefined],
    ["not JSON", "thread:abc"],
    ["a number", "42"],
    ["an unknown type", '{"type":"resync"}'],
    ["a thread without a slug", '{"type":"thread"}'],
    ["a thread with an empty slug", '{"type":"thread","slug":""}'],
    ["a thread with an overlong slug", JSON.stringify({ type: "thread", slug: "x".repeat(201) })],
  ])("drops %s", (_label, payload) => {
    expect(parseLiveEvent(payload)).toBeNull();
  });
});

describe("createEventStreamResponse", () => {
  it("answers with an uncached, unbuffered event stream that starts with the retry delay", async () => {
    const controller = new AbortController();
    const response = createEventStreamResponse(controller.signal, (send) => {
      send("thread", { slug: "a", commentCount: 2 });
      return () => undefined;
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const reader = new EventStreamReader(response);
    expect(await reader.next()).toEqual({ retry: "3000" });
    expect(await reader.next()).toEqual({ event: "thread", data: '{"slug":"a","commentCount":2}' });
    controller.abort();
  });

  it("pings, and stops sending once the request is aborted", async () => {
    const controller = new AbortController();
    let stops = 0;
    const response = createEventStreamResponse(
      controller.signal,
      () => () => {
        stops += 1;
      },
      { pingMs: 20 },
    );
    const reader = new EventStreamReader(response);
    await reader.next();
    expect(await reader.next()).toEqual({ comment: "ping" });
    controller.abort();
    await reader.waitForEnd();
    expect(stops).toBe(1);
  });

  it("stops sending when the reader cancels the body", async () => {
    let stops = 0;
    const response = createEventStreamResponse(new AbortController().signal, () => () => {
      stops += 1;
    });
    const reader = new EventStreamReader(response);
    await reader.next();
    await reader.cancel();
    expect(stops).toBe(1);
  });

  it("ends the stream after maxDurationMs so the client reconnects", async () => {
    const response = createEventStreamResponse(new AbortController().signal, () => () => undefined, { maxDurationMs: 30 });
    await new EventStreamReader(response).waitForEnd();
  });

  it("formats one message per event, its data as one JSON line", () => {
    expect(formatServerSentEvent("counts", { pending: 1, note: "two\nlines" })).toBe('event: counts\ndata: {"pending":1,"note":"two\\nlines"}\n\n');
  });
});
