// End-to-end tests: Debian's Chromium (never a downloaded browser) against the
// production build (`next build && next start`) on a fresh embedded database.
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { e2eAccounts } from "./tests/e2e/accounts";
import { e2eSiteKey, hostPorts } from "./tests/e2e/embed-hosts";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium`);
}

const port = Number(process.env.E2E_PORT ?? 3100);
const akismetPort = port + 99;
// The mail server the app sends through (a capture the specs read over HTTP), so the suite runs with mail on.
const smtpPort = port + 98;
const smtpReadPort = port + 97;

const dataDir = "./data/e2e";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e-artifacts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: `tsx tests/support/smtp-capture-server.ts ${smtpPort} ${smtpReadPort}`,
      url: `http://127.0.0.1:${smtpReadPort}/messages`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // Akismet's stand-in: the app talks to it through the real akismet-api client.
      command: `tsx tests/support/akismet-stand-in-server.ts ${akismetPort}`,
      url: `http://127.0.0.1:${akismetPort}/__requests`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `tsx tests/support/host-page-server.ts http://127.0.0.1:${port} ${e2eSiteKey} ${hostPorts.allowed} ${hostPorts.refused}`,
      url: `http://127.0.0.1:${hostPorts.allowed}/`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: [
        `rm -rf ${dataDir} ${dataDir}-demo-moderator.txt`,
        "npm run build",
        "tsx scripts/setup.ts",
        "tsx scripts/settings.ts floodIntervalSeconds=1 > /dev/null",
        `tsx scripts/site-add.ts --name "E2E host" --origin http://127.0.0.1:${hostPorts.allowed} --key ${e2eSiteKey} > /dev/null`,
        ...e2eAccounts.map((account) => `tsx scripts/moderator-add.ts --email ${account.email} --password ${account.password} --role ${account.role} > /dev/null`),
        "NODE_ENV=production tsx scripts/server.ts --host 127.0.0.1",
      ].join(" && "),
      url: `http://127.0.0.1:${port}/`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        EMBEDDED_DATABASE_DIR: dataDir,
        PORT: String(port),
        NEXT_TELEMETRY_DISABLED: "1",
        AKISMET_KEY: "stand-in-key",
        AKISMET_HOST: `127.0.0.1:${akismetPort}`,
        AKISMET_PROTOCOL: "http",
        AKISMET_BLOG: `http://127.0.0.1:${port}`,
        SMTP_URL: `smtp://e2e:e2e@127.0.0.1:${smtpPort}`,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
    },
  ],
});
