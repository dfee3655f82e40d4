// kill -9 of `npm start` while 20 readers post at once, then a restart: every
// comment the app acknowledged with 201 must be there, on the embedded
// database (a crashed owner's lock must not keep the restart out) and on a
// PostgreSQL server (when TEST_POSTGRES_URL names one, as .ci/run does).
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db";
import { runAdminSql } from "../support/postgres-admin";
import { AppProcess, makeTempFolder, operationsPorts, postConcurrently, setUpDemoDatabase, type AppEnvironment } from "./app-process";

const slug = "shade-before-air-conditioning";
const adminUrl = process.env.TEST_POSTGRES_URL;
const folder = makeTempFolder("ops-crash");
const databaseName = `ops_crash_${process.pid}_${Date.now().toString(36)}`;

function postgresUrl(): string {
  const url = new URL(adminUrl!);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

afterAll(async () => {
  folder.remove();
  if (adminUrl) await runAdminSql(adminUrl!, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
});

/** Which of `ids` the database holds, read through `open` (on the embedded database: through the restarted app that owns it). */
async function countStored(handle: DatabaseHandle, ids: string[]): Promise<number> {
  await handle.ready;
  try {
    return await handle.prisma.comment.count({ where: { id: { in: ids } } });
  } finally {
    await handle.close();
  }
}

const engines = [
  { name: "the embedded database", environment: (): AppEnvironment => ({ dataDir: join(folder.path, "pglite"), port: operationsPorts.first }), enabled: true },
  {
    name: "PostgreSQL",
    environment: (): AppEnvironment => ({ dataDir: join(folder.path, "unused"), databaseUrl: postgresUrl(), port: operationsPorts.first }),
    enabled: Boolean(adminUrl),
  },
];

describe.each(engines)("kill -9 under 20 concurrent posters on $name", ({ environment, enabled }) => {
  it.skipIf(!enabled)("loses none of the comments acknowledged before the crash, and starts again", { timeout: 240_000 }, async () => {
    if (environment().databaseUrl) await runAdminSql(adminUrl!, `CREATE DATABASE "${databaseName}"`);
    const app = environment();
    await setUpDemoDatabase(app, ["floodIntervalSeconds=0"]);

    let running = await AppProcess.start(app);
    let isCrashed = false;
    const load = postConcurrently(running.url, slug, 20, () => isCrashed);
    // Long enough for a few hundred posts on the embedded database; then the crash lands mid-flight.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await running.crash();
    isCrashed = true;
    const report = await load;
    console.log(`${app.databaseUrl ? "PostgreSQL" : "embedded"}: ${report.acknowledged.length} acknowledged before kill -9; other outcomes: ${JSON.stringify([...report.others])}`);
    expect(report.acknowledged.length).toBeGreaterThan(50);

    running = await AppProcess.start(app);
    try {
      expect(running.printed).not.toMatch(/Aborted\(\)/);
      const stored = await countStored(openDatabase({ url: app.databaseUrl, embeddedDir: app.dataDir, poolSize: 2 }), report.acknowledged);
      console.log(`${app.databaseUrl ? "PostgreSQL" : "embedded"}: ${stored} of ${report.acknowledged.length} acknowledged comments there after the restart`);
      expect(stored).toBe(report.acknowledged.length);
      const thread = await fetch(`${running.url}/api/v1/articles/${slug}/comments`);
      expect(thread.status).toBe(200);
    } finally {
      await running.stop();
    }
  });
});
