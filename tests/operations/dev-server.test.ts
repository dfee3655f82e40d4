// Issue #15: `npm run dev`, the README's first command, serves through the
// same server as `npm start` (scripts/server.ts): the demo is seeded, the
// readers' pages come out of the same page-cache code (rendered afresh in
// development), and the API's errors are the app's.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppProcess, makeTempFolder, operationsPorts, type AppEnvironment } from "./app-process";

const folder = makeTempFolder("ops-dev");
const app: AppEnvironment = { dataDir: join(folder.path, "pglite"), port: operationsPorts.first };
let running: AppProcess | null = null;

beforeAll(async () => {
  // Development compiles each route on its first request: generous time on a busy machine.
  running = await AppProcess.start(app, 240_000, "dev");
}, 260_000);

afterAll(async () => {
  await running?.stop();
  folder.remove();
});

describe("npm run dev", { timeout: 180_000 }, () => {
  it("seeds the demo, prints the moderator, and says it serves in development through scripts/server.ts", () => {
    expect(running!.printed).toMatch(/Demo moderator: email: \S+ {2}password: \S+/);
    expect(running!.printed).toContain("Serving (development) on http://localhost:");
  });

  it("serves an article page through the page cache's code, with the shared-cache headers, and a fresh render each time", async () => {
    const page = () => fetch(`${running!.url}/articles/shade-before-air-conditioning`);
    const first = await page();
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=30");
    expect(await first.text()).toContain("Shade Before Air Conditioning");
    const second = await page();
    expect(second.status).toBe(200);
    await second.body?.cancel();
  });

  it("answers the API's refusals with the app's error shape", async () => {
    const response = await fetch(`${running!.url}/api/v1/articles/no-such-article/comments`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
