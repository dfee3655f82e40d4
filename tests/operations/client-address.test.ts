// Issue #13, item 3: behind the README's nginx (TRUST_PROXY=1, nginx appends
// the address it saw to whatever X-Forwarded-For the client sent), a client
// cannot choose its own address by writing one first: not to slip an IP ban,
// not to get a fresh flood allowance for each post. The test plays nginx: it
// connects from 127.0.0.1 and sends the header nginx would forward.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { AppProcess, makeTempFolder, operationsPorts, postComment, setUpDemoDatabase, type AppEnvironment } from "./app-process";

const folder = makeTempFolder("ops-address");
const app: AppEnvironment = { dataDir: join(folder.path, "pglite"), port: operationsPorts.first };
const slug = "shade-before-air-conditioning";
const bannedAddress = "203.0.113.66";
let running: AppProcess | null = null;

beforeAll(async () => {
  await setUpDemoDatabase(app, ["floodIntervalSeconds=60"]);
  running = await AppProcess.start(app);
  // Through the running app, as a command would.
  const database = openDatabase({ embeddedDir: app.dataDir });
  try {
    await database.ready;
    await database.prisma.ban.create({ data: { ip: bannedAddress, reason: "personal attacks" } });
  } finally {
    await database.close();
  }
});

afterAll(async () => {
  await running?.stop();
  folder.remove();
});

describe("the client's address behind one trusted proxy (TRUST_PROXY=1)", { timeout: 60_000 }, () => {
  it("is what the proxy saw: a banned client writing another address first is still refused", async () => {
    const posted = await postComment(running!.url, slug, { body: "Trying to get around a ban.", authorEmail: "evader@example.org" }, `1.2.3.4, ${bannedAddress}`);
    expect(posted.status).toBe(403);
  });

  it("gives one flood allowance per real address, whatever each post claims first", async () => {
    const first = await postComment(running!.url, slug, { body: "A first comment from this address.", authorEmail: "one@example.org" }, "10.1.1.1, 198.51.100.20");
    const second = await postComment(running!.url, slug, { body: "A second one straight after.", authorEmail: "two@example.org" }, "10.2.2.2, 198.51.100.20");
    expect(first.status).toBe(201);
    expect(second.status).toBe(429);
  });
});
