// The change bus on the engine of this run: in-process on the embedded
// database; on PostgreSQL, LISTEN/NOTIFY between separately opened databases
// (as between app instances), surviving a killed listening connection.
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { getDatabase, getDb, openDatabase, type DatabaseHandle } from "@/lib/db";
import { clearFramePolicyCache, getFramePolicy } from "@/lib/embed/sites";
import { updateSite } from "@/lib/embed/site-admin";
import { createLiveBus, getLiveBus, type LiveBus } from "@/lib/live/live-bus";
import { LIVE_CHANNEL, type LiveMessage } from "@/lib/live/live-events";

const postgresUrl = process.env.DATABASE_URL;
const isPostgres = Boolean(postgresUrl);

/** Everything a subscriber receives, with a way to wait for a particular message. */
function record(bus: LiveBus) {
  const messages: LiveMessage[] = [];
  const unsubscribe = bus.subscribe((message) => messages.push(message));
  const waitFor = async (matches: (message: LiveMessage) => boolean, timeoutMs = 3_000, from = 0): Promise<LiveMessage> => {
    let found: LiveMessage | undefined;
    await vi.waitFor(
      () => {
        found = messages.slice(from).find(matches);
        if (!found) throw new Error(`not received; got ${JSON.stringify(messages)}`);
      },
      { timeout: timeoutMs, interval: 20 },
    );
    return found!;
  };
  return { messages, unsubscribe, waitFor };
}

/** Publishes until the subscriber hears it: the bus's listening connection is up (on PostgreSQL it opens in the background). */
async function untilListening(publisher: LiveBus, subscriber: ReturnType<typeof record>): Promise<void> {
  const slug = `ready-${Math.random().toString(36).slice(2)}`;
  await vi.waitFor(
    async () => {
      await publisher.publish({ type: "thread", slug });
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!subscriber.messages.some((message) => message.type === "thread" && message.slug === slug)) throw new Error("not listening yet");
    },
    { timeout: 5_000, interval: 50 },
  );
}

const opened: Array<{ bus?: LiveBus; handle?: DatabaseHandle }> = [];

afterEach(async () => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  for (const { bus, handle } of opened.reverse()) {
    await bus?.close();
    await handle?.close();
  }
});

describe("the live bus", () => {
  it("delivers a published event to every subscriber of the process's bus", async () => {
    const bus = getLiveBus();
    expect(bus.engine).toBe(getDatabase().engine);
    const first = record(bus);
    const second = record(bus);
    await untilListening(bus, first);
    await bus.publish({ type: "thread", slug: "delivered" });
    await first.waitFor((message) => message.type === "thread" && message.slug === "delivered");
    await second.waitFor((message) => message.type === "thread" && message.slug === "delivered");
    first.unsubscribe();
    second.unsubscribe();
  });

  it("stops delivering to a subscriber that unsubscribed", async () => {
    const bus = getLiveBus();
    const staying = record(bus);
    const leaving = record(bus);
    await untilListening(bus, staying);
    leaving.unsubscribe();
    const from = leaving.messages.length;
    await bus.publish({ type: "sites" });
    await staying.waitFor((message) => message.type === "sites");
    expect(leaving.messages.slice(from)).toEqual([]);
    staying.unsubscribe();
  });

  it("keeps delivering to the others when one subscriber throws, and never throws into the publisher", async () => {
    const bus = getLiveBus();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const throwing = bus.subscribe(() => {
      throw new Error("subscriber bug");
    });
    const healthy = record(bus);
    await untilListening(bus, healthy);
    await expect(bus.publish({ type: "queues" })).resolves.toBeUndefined();
    await healthy.waitFor((message) => message.type === "queues");
    expect(errors.mock.calls.some(([line]) => String(line).includes("subscriber bug"))).toBe(true);
    throwing();
    healthy.unsubscribe();
  });

  it("resolves publish() without delivering once the bus is closed", async () => {
    const bus = createLiveBus(getDatabase(), { connectionString: postgresUrl });
    const subscriber = record(bus);
    await bus.close();
    await expect(bus.publish({ type: "queues" })).resolves.toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(subscriber.messages.filter((message) => message.type !== "resync")).toEqual([]);
  });

  it("clears cached frame policies as soon as a site's origins change, before the cache would expire", async () => {
    const db = getDb();
    const bus = getLiveBus();
    const site = await db.site.create({ data: { key: "live-frame", name: "Live frame", allowedOrigins: ["https://before.example"] } });
    clearFramePolicyCache();
    const now = Date.now();
    expect(await getFramePolicy(db, site.key, now)).toBe("frame-ancestors 'self' https://before.example");
    // getFramePolicy subscribed the cache to the bus; make sure its listener is up before changing the site.
    const probe = record(bus);
    await untilListening(bus, probe);
    probe.unsubscribe();
    await updateSite(db, site.id, { allowedOrigins: ["https://after.example"] }, { live: bus });
    // The same instant: only the event, not the TTL, can have emptied the cache.
    await vi.waitFor(async () => expect(await getFramePolicy(db, site.key, now)).toBe("frame-ancestors 'self' https://after.example"), { timeout: 2_000, interval: 20 });
  });
});

describe.runIf(isPostgres)("the live bus on PostgreSQL", () => {
  async function listeningConnections(): Promise<Array<{ pid: number; application_name: string }>> {
    return getDb().$queryRawUnsafe(
      `SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid() ORDER BY pid`,
    );
  }

  function openInstance(): { bus: LiveBus; handle: DatabaseHandle } {
    const handle = openDatabase({ url: postgresUrl, poolSize: 2 });
    const bus = createLiveBus(handle, { connectionString: postgresUrl, reconnectDelayMs: 100 });
    opened.push({ bus, handle });
    return { bus, handle };
  }

  it("carries an event published by one instance to a subscriber of another", async () => {
    const publisher = openInstance();
    const subscriberInstance = openInstance();
    const before = (await listeningConnections()).length;
    const received = record(subscriberInstance.bus);
    await received.waitFor((message) => message.type === "resync");
    await publisher.bus.publish({ type: "thread", slug: "across-instances" });
    await received.waitFor((message) => message.type === "thread" && message.slug === "across-instances");
    // Only the subscribing instance listens; publishing goes through the pool.
    const after = await listeningConnections();
    expect(after.length).toBe(before + 1);
    expect(after.every((row) => row.application_name === "comments-live")).toBe(true);
    received.unsubscribe();
  });

  it("reconnects after its listening connection is killed, says resync, and delivers again", async () => {
    const publisher = openInstance();
    const { bus } = openInstance();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const pidsBefore = new Set((await listeningConnections()).map((row) => row.pid));
    const received = record(bus);
    await received.waitFor((message) => message.type === "resync");
    const mine = (await listeningConnections()).filter((row) => !pidsBefore.has(row.pid));
    expect(mine).toHaveLength(1);
    const killedPid = mine[0]!.pid;

    const from = received.messages.length;
    await getDb().$queryRawUnsafe(`SELECT pg_terminate_backend(${Number(killedPid)})`);
    await received.waitFor((message) => message.type === "resync", 5_000, from);
    expect(errors.mock.calls.some(([line]) => String(line).includes("lost the PostgreSQL listening connection"))).toBe(true);

    await publisher.bus.publish({ type: "thread", slug: "after-reconnect" });
    await received.waitFor((message) => message.type === "thread" && message.slug === "after-reconnect", 3_000, from);
    const pidsNow = (await listeningConnections()).map((row) => row.pid);
    expect(pidsNow).not.toContain(killedPid);
    received.unsubscribe();
  });

  it("ignores notifications on its channel that are not its events", async () => {
    const { bus } = openInstance();
    const received = record(bus);
    await received.waitFor((message) => message.type === "resync");
    const from = received.messages.length;
    await getDatabase().withConnection(async (connection) => {
      for (const payload of ["not json", '{"type":"unknown"}', '{"type":"thread","slug":""}', '{"type":"queues"}']) await connection.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, payload]);
    });
    await received.waitFor((message) => message.type === "queues", 3_000, from);
    expect(received.messages.slice(from)).toEqual([{ type: "queues" }]);
    received.unsubscribe();
  });

  it("logs and resolves when the notification cannot be sent (the pool is closed)", async () => {
    const handle = openDatabase({ url: postgresUrl, poolSize: 1 });
    const bus = createLiveBus(handle, { connectionString: postgresUrl });
    await handle.close();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(bus.publish({ type: "queues" })).resolves.toBeUndefined();
    expect(errors.mock.calls.some(([line]) => String(line).includes('could not publish "queues"'))).toBe(true);
    await bus.close();
  });
});

describe.runIf(!isPostgres)("the live bus on the embedded database", () => {
  it("delivers within the process, after publish() returns", async () => {
    const bus = createLiveBus(getDatabase());
    opened.push({ bus });
    const received = record(bus);
    const publishing = bus.publish({ type: "thread", slug: "in-process" });
    expect(received.messages).toEqual([]);
    await publishing;
    await received.waitFor((message) => message.type === "thread");
    expect(received.messages).toEqual([{ type: "thread", slug: "in-process" }]);
  });
});
