// Benchmarks that drive the production server: `npm start` as a child process
// on a database of the bench's own (an embedded data directory, or a fresh
// database on a PostgreSQL server, dropped afterwards), stopped with all it
// started. Shared by the benches that measure over HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import pg from "pg";

const children = new Set<ChildProcess>();

/** Stops a child and everything it started (npm → sh → tsx → node), by its process group. */
export async function stopChild(child: ChildProcess): Promise<void> {
  children.delete(child);
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Counts a child the bench started itself among those stopped at the end (and on Ctrl-C). */
export function registerChild(child: ChildProcess): ChildProcess {
  children.add(child);
  return child;
}

/** Stops every child still running (the bench's `finally`). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map(stopChild));
}

for (const name of ["SIGINT", "SIGTERM"] as const) {
  process.once(name, () => {
    void stopAllChildren().finally(() => process.exit(130));
  });
}

/** Exits naming `npm run build` when there is no production build to start. */
export function requireProductionBuild(): void {
  if (!existsSync(join(process.cwd(), ".next", "BUILD_ID"))) {
    console.error("No production build here (.next/BUILD_ID is missing): run `npm run build` first, from the project root.");
    process.exit(1);
  }
}

/** The first port from `start` on which nothing listens on loopback. */
export async function findFreePort(start: number): Promise<number> {
  for (let port = start; port < start + 100; port += 1) {
    const isFree = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (isFree) return port;
  }
  throw new Error(`No free port from ${start} to ${start + 99}`);
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the app keeps its data: a PostgreSQL URL, or an embedded data directory. */
export type AppDatabase = { url: string } | { embeddedDir: string };

/** An app server a bench started. */
export interface AppServer {
  base: string;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const SERVER_READY_TIMEOUT_MS = 120_000;

/**
 * Runs `npm start` on loopback against one database and waits until
 * `readyPath` answers 200. `env` adds to (or overrides) the environment, for
 * Akismet's variables or NODE_OPTIONS.
 */
export async function startApp(database: AppDatabase, port: number, options: { readyPath: string; env?: Record<string, string> }): Promise<AppServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    // Set here so that `npm start` does not write one into .env.local, and .env files cannot point it elsewhere.
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    DATABASE_URL: "url" in database ? database.url : "",
    EMBEDDED_DATABASE_DIR: "embeddedDir" in database ? database.embeddedDir : "",
    NEXT_TELEMETRY_DISABLED: "1",
    npm_config_update_notifier: "false",
    ...options.env,
  };
  const child = spawn("npm", ["start", "--", "--host", "127.0.0.1"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const base = `http://127.0.0.1:${port}`;
  const url = `${base}${options.readyPath}`;
  const deadline = Date.now() + SERVER_READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    // Not listening yet is a refused connection (no status); anything else is the answer.
    const status = await fetch(url).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => null,
    );
    if (status === 200) break;
    if (status !== null || Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`The app ${status === null ? `did not answer within ${SERVER_READY_TIMEOUT_MS / 1000} s` : `answered ${status}`} at ${url}:\n${output}`);
    }
    await sleep(250);
  }
  return { base, output: () => output, stop: () => stopChild(child) };
}

/** A database of the bench's own on a PostgreSQL server. */
export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates a fresh database on the server `serverUrl` points at (its own database is only used to create and drop it). */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
