// What the two-instance test's configuration (playwright.scale.config.ts) and
// its spec agree on: the two app instances, the run's database, and the
// accounts and article the spec uses. The configuration names the run once
// (SCALE_RUN_ID) in the runner's environment, which its workers and the
// instances' start commands inherit, so that every process means the same
// database.
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The URL of database `name` on the server that `adminUrl` reaches. */
function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One app instance of the pair. */
export interface ScaleInstance {
  name: "A" | "B";
  port: number;
  url: string;
}

export const instanceA: ScaleInstance = { name: "A", port: 3110, url: "http://127.0.0.1:3110" };
export const instanceB: ScaleInstance = { name: "B", port: 3111, url: "http://127.0.0.1:3111" };

/** Both instances sign captcha tokens and sessions with it: a token issued by one must verify on the other. */
export const scaleAuthSecret = "scale-out-test-secret-shared-by-both-instances";

/** A demo article (fixtures/demo.json) that the seed step creates. */
export const scaleArticleSlug = "shade-before-air-conditioning";

/** Where both instances send mail (SMTP_URL): the spec listens there with an in-process SMTP server. */
export const scaleSmtpPort = 2626;

/** The flood interval the instances run with: long enough that "immediately" is well inside it. */
export const scaleFloodIntervalSeconds = 15;

/** One run of the test: its database and the moderator created in it. */
export interface ScaleRun {
  adminUrl: string;
  databaseName: string;
  databaseUrl: string;
  /** Touched by instance A once the build is there; instance B waits for it, then both migrate at once. */
  buildBarrierFile: string;
  moderator: { email: string; password: string };
}

/** Names this run in the environment unless the runner already did; call from the configuration only. */
export function nameScaleRun(): void {
  process.env.SCALE_RUN_ID ??= `${process.pid}_${Date.now().toString(36)}`;
}

/** The run named by the environment; throws when TEST_POSTGRES_URL or the run's name is missing. */
export function readScaleRun(): ScaleRun {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) {
    throw new Error(
      "The two-instance test needs a PostgreSQL server: set TEST_POSTGRES_URL to its admin URL, e.g. " +
        "TEST_POSTGRES_URL=$(.ci/postgres.sh start /tmp/pg 55432) npx playwright test -c playwright.scale.config.ts",
    );
  }
  const runId = process.env.SCALE_RUN_ID;
  if (!runId || !/^[a-z0-9_]+$/.test(runId)) throw new Error("SCALE_RUN_ID is unset or malformed: run through playwright.scale.config.ts");
  const databaseName = `scale_${runId}`;
  return {
    adminUrl,
    databaseName,
    databaseUrl: databaseUrl(adminUrl, databaseName),
    buildBarrierFile: join(tmpdir(), `${databaseName}.built`),
    moderator: { email: "scale-moderator@example.org", password: `moderator-${runId}` },
  };
}
