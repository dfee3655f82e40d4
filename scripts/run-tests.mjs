// `npm test`: every layer of the suite, one after the other — unit, integration
// on the embedded database, integration again on PostgreSQL when
// TEST_POSTGRES_URL names a server (.ci/run starts one), end-to-end in
// Debian's Chromium, operations (`npm start` and the commands as an operator
// runs them, reusing the end-to-end layer's build) and, with TEST_POSTGRES_URL
// again, two app instances on one PostgreSQL database — then one closing line
// with the real totals.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const resultsDir = "test-results";
mkdirSync(resultsDir, { recursive: true });
const baseEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
};

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

/** Runs one vitest project and reads its counts from the JSON reporter. */
function runVitest(label, project, outputName, env) {
  const output = `${resultsDir}/${outputName}.json`;
  rmSync(output, { force: true });
  console.log(`\n=== ${label} ===`);
  const run = spawnSync("npx", ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${output}`], {
    stdio: "inherit",
    env,
  });
  const report = readJson(output);
  if (!report) return { label, passed: 0, failed: 1, note: `vitest exited ${run.status} without a report` };
  const failed = report.numFailedTests + (run.status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  return { label, passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests };
}

/** Runs one Playwright configuration against the production build and reads its counts from the JSON reporter. */
function runPlaywright(label, config, outputName, env = baseEnv) {
  console.log(`\n=== ${label} ===`);
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    console.log(`Chromium not found at ${chromium}: apt-get install -y chromium`);
    return { label, passed: 0, failed: 1, note: "Chromium missing: apt-get install -y chromium" };
  }
  const output = `${resultsDir}/${outputName}.json`;
  rmSync(output, { force: true });
  const run = spawnSync("npx", ["playwright", "test", "--config", config, "--reporter=list,json"], {
    stdio: "inherit",
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: output },
  });
  const report = readJson(output);
  if (!report?.stats) return { label, passed: 0, failed: 1, note: `playwright exited ${run.status} without a report` };
  const { expected, unexpected, flaky, skipped } = report.stats;
  const failed = unexpected + (run.status !== 0 && unexpected === 0 ? 1 : 0);
  return { label, passed: expected + flaky, failed, skipped };
}

const postgresUrl = process.env.TEST_POSTGRES_URL;
const embeddedEnv = { ...baseEnv };
delete embeddedEnv.TEST_POSTGRES_URL;
delete embeddedEnv.DATABASE_URL;

const layers = [];
layers.push(runVitest("unit", "unit", "unit", embeddedEnv));
layers.push(runVitest("integration on the embedded database (PGlite)", "integration", "integration-embedded", embeddedEnv));
if (postgresUrl) {
  layers.push(runVitest("integration on PostgreSQL", "integration", "integration-postgresql", { ...baseEnv, TEST_POSTGRES_URL: postgresUrl }));
} else {
  console.log("\n(integration on PostgreSQL skipped: set TEST_POSTGRES_URL to a server's admin URL, as .ci/run does)");
}
layers.push(runPlaywright("end-to-end in Chromium", "playwright.config.ts", "e2e"));
// `npm start` and the commands as child processes, reusing the end-to-end layer's build; its crash test runs on PostgreSQL too when TEST_POSTGRES_URL is set.
const operationsEnv = { ...embeddedEnv, ...(postgresUrl ? { TEST_POSTGRES_URL: postgresUrl } : {}) };
layers.push(runVitest("operations: npm start and the commands on the embedded database", "operations", "operations", operationsEnv));
if (postgresUrl) {
  layers.push(runPlaywright("two app instances on PostgreSQL", "playwright.scale.config.ts", "scale", { ...baseEnv, TEST_POSTGRES_URL: postgresUrl }));
} else {
  console.log("\n(two app instances on PostgreSQL skipped: set TEST_POSTGRES_URL to a server's admin URL, as .ci/run does)");
}

const passed = layers.reduce((sum, layer) => sum + layer.passed, 0);
const failed = layers.reduce((sum, layer) => sum + layer.failed, 0);
writeFileSync(`${resultsDir}/summary.json`, `${JSON.stringify({ passed, failed, layers }, null, 2)}\n`);

console.log("\nTest layers:");
for (const layer of layers) {
  console.log(`  - ${layer.label} => ${layer.passed} passed / ${layer.failed} failed${layer.note ? ` (${layer.note})` : ""}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
