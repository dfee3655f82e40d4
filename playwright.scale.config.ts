// The scale-out test: two app instances (ports 3110 and 3111) on one fresh
// database of the PostgreSQL server that TEST_POSTGRES_URL names, driven with
// Debian's Chromium launched as in playwright.config.ts. scripts/run-tests.mjs
// runs it after the end-to-end layer, whose build it reuses.
//
// Playwright starts its web servers in the order listed, awaiting each one
// that has a URL or an output to wait for before launching the next, and
// stops them in reverse order:
//   1. the database: created, awaited, and dropped last, once nothing is connected;
//   2. instance B: only launched. It waits for A's build (if one is needed), then
//      runs `scripts/setup.ts` at the same moment as A, so that the two take
//      turns on the migrations' advisory lock;
//   3. instance A: builds if .next/BUILD_ID is missing, migrates, seeds the demo
//      articles, adds the moderator, serves; awaited.
// tests/scale/global-setup.ts then waits for B to serve.
import { defineConfig } from "@playwright/test";
import e2eConfig from "./playwright.config";
import { instanceA, instanceB, nameScaleRun, readScaleRun, scaleAuthSecret, scaleFloodIntervalSeconds, scaleSmtpPort, type ScaleInstance } from "./tests/scale/instances";

nameScaleRun();
const run = readScaleRun();

/** The environment of one instance and of its set-up scripts. */
function instanceEnv(instance: ScaleInstance): Record<string, string> {
  return {
    DATABASE_URL: run.databaseUrl,
    PORT: String(instance.port),
    // The test plays the load balancer: each simulated reader has its own X-Forwarded-For address.
    TRUST_PROXY: "1",
    AUTH_SECRET: scaleAuthSecret,
    // Empty values win over a developer's .env.local: sign-in takes its origin from the request, and Akismet stays off.
    NEXTAUTH_URL: "",
    AKISMET_KEY: "",
    // Both instances run an outbox worker: the spec checks that each mail still goes once.
    SMTP_URL: `smtp://127.0.0.1:${scaleSmtpPort}`,
    PUBLIC_URL: "http://comments.scale.example",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

const migrate = "tsx scripts/setup.ts --no-seed";
const serve = "NODE_ENV=production exec tsx scripts/server.ts --host 127.0.0.1";

export default defineConfig({
  testDir: "tests/scale",
  outputDir: "test-results/scale-artifacts",
  globalSetup: "./tests/scale/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    screenshot: "only-on-failure",
    launchOptions: e2eConfig.use?.launchOptions,
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      name: "database",
      command: `exec tsx tests/support/scale-database.ts hold ${run.databaseName}`,
      wait: { stdout: /Database \S+ ready/ },
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      name: instanceB.name,
      command: [
        `while [ ! -f ${JSON.stringify(run.buildBarrierFile)} ]; do sleep 0.05; done`,
        `rm -f ${JSON.stringify(run.buildBarrierFile)}`,
        migrate,
        serve,
      ].join(" && "),
      stdout: "pipe",
      stderr: "pipe",
      env: instanceEnv(instanceB),
    },
    {
      name: instanceA.name,
      command: [
        "{ [ -f .next/BUILD_ID ] || npm run build; }",
        `touch ${JSON.stringify(run.buildBarrierFile)}`,
        migrate,
        "tsx tests/support/scale-database.ts seed",
        `tsx scripts/moderator-add.ts --email ${run.moderator.email} --password ${run.moderator.password} --role moderator`,
        `tsx scripts/settings.ts floodIntervalSeconds=${scaleFloodIntervalSeconds} > /dev/null`,
        serve,
      ].join(" && "),
      url: `${instanceA.url}/`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: instanceEnv(instanceA),
    },
  ],
});
