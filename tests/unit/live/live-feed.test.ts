import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CoalescedFeed } from "@/lib/live/coalesced-feed";

const INTERVAL = 200;

/** A value source that counts its reads; `value` is what the next read returns. */
function source(initial = 0) {
  const state = { value: initial, reads: 0, fail: false };
  const load = async () => {
    state.reads += 1;
    if (state.fail) throw new Error("database unavailable");
    return state.value;
  };
  return { state, load };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("CoalescedFeed", () => {
  it("serves a thousand subscribers of one key with one read", async () => {
    const feed = new CoalescedFeed<number>({ intervalMs: INTERVAL, name: "test" });
    const { state, load } = source(7);
    const received: number[] = [];
    for (let index = 0; index < 1_000; index += 1) feed.watch("thread", load, (value) => received.push(value));
    await vi.advanceTimersByTimeAsync(1);
    expect(state.reads).toBe(1);
    expect(received).toHaveLength(1_000);
    expect(new Set(received)).toEqual(new Set([7]));
  });

  it("reads a key at most once per interval however many events arrive, and ends on the latest value", async () => {
    const feed = new CoalescedFeed<number>({ intervalMs: INTERVAL, name: "test" });
    const { state, load } = source(0);
    const received: number[] = [];
    feed.watch("thread", load, (value) => received.push(value));
    await vi.advanceTimersByTimeAsync(1);
    expect(state.reads).toBe(1);
    for (let event = 1; event <= 20; event += 1) {
      state.value = event;
      feed.refresh("thread");
      await vi.advanceTimersByTimeAsync(5);
    }
    // 20 events over 100 ms: one more read, when the interval since the first has passed.
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(state.reads).toBe(2);
    expect(received).toEqual([0, 20]);
  });

  it("reads again after a read that was already running when the event came", async () => {
    const feed = new CoalescedFeed<number>({ intervalMs: INTERVAL, name: "test" });
    let release: (() => void) | undefined;
    let reads = 0;
    let value = 1;
    const slowLoad = () =>
      new Promise<number>((resolve) => {
        reads += 1;
        const seen = value;
        release = () => resolve(seen);
      });
    const received: number[] = [];
    feed.watch("thread", slowLoad, (count) => received.push(count));
    await vi.advanceTimersByTimeAsync(1);
    expect(reads).toBe(1);
    value = 2;
    feed.refresh("thread");
    release!();
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(reads).toBe(2);
    release!();
    await vi.advanceTimersByTimeAsync(1);
    expect(received).toEqual([1, 2]);
  });

  it("gives a new subscriber a value without sending it again to the others", async () => {
    const feed = new CoalescedFeed<number>({ intervalMs: INTERVAL, name: "test" });
    const { load } = source(3);
    const first: number[] = [];
    const second: number[] = [];
    feed.watch("thread", load, (value) => first.push(value));
    await vi.advanceTimersByTimeAsync(1);
    feed.watch("thread", load, (value) => second.push(value));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(first).toEqual([3]);
    expect(second).toEqual([3]);
  });

  it("keeps keys apart, and forgets a key once its last subscriber leaves", async () => {
    const feed = new CoalescedFeed<number>({ intervalMs: INTERVAL, name: "test" });
    const a = source(1);
    const b = source(2);
    const fromA: number[] = [];
    const stopA = feed.watch("a", a.load, (value) => fromA.push(value));
    const stopB = feed.watch("b", b.load, () => undefined);
    await vi.advanceTimersByTimeAsync(1);
    feed.refresh("b");
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect([a.state.reads, b.state.reads]).toEqual([1, 2]);
    stopA();
    feed.refresh("a");
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(a.state.reads).toBe(1);
    expect(fromA).toEqual([1]);
    stopB();
    expect(feed.size).toBe(0);
  });

  it("retries a failed read and then delivers", async () => {
    const feed = new CoalescedFeed<number>({ intervalMs: INTERVAL, retryMs: 1_000, name: "test" });
    const { state, load } = source(5);
    state.fail = true;
    const received: number[] = [];
    feed.watch("queues", load, (value) => received.push(value));
    await vi.advanceTimersByTimeAsync(1);
    expect(received).toEqual([]);
    state.fail = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(state.reads).toBe(1);
    await vi.advanceTimersByTimeAsync(600);
    expect(state.reads).toBe(2);
    expect(received).toEqual([5]);
  });

  it("refreshes every key after a resync", async () => {
    const feed = new CoalescedFeed<number>({ intervalMs: INTERVAL, name: "test" });
    const a = source(1);
    const b = source(2);
    feed.watch("a", a.load, () => undefined);
    feed.watch("b", b.load, () => undefined);
    await vi.advanceTimersByTimeAsync(1);
    feed.refreshAll();
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect([a.state.reads, b.state.reads]).toEqual([2, 2]);
  });
});
