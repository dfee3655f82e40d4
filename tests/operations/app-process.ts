// The operations layer drives the app as an operator does: `npm start` and
// the project's commands as child processes on a data directory of their
// own, talking to them over HTTP like a site's client. These helpers start
// and stop them and speak the public and moderation APIs.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = process.cwd();

/** The environment of every process of one test: its own database, Akismet off, the test plays the proxy (X-Forwarded-For picks each poster's address). */
export interface AppEnvironment {
  /** The embedded data directory, or (with databaseUrl) unused. */
  dataDir: string;
  databaseUrl?: string;
  port: number;
  /** More variables for `npm start` and the commands (SMTP_URL, PUBLIC_URL…). */
  env?: Record<string, string>;
}

function processEnv(app: AppEnvironment, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Empty values win over a developer's .env.local.
    DATABASE_URL: app.databaseUrl ?? "",
    EMBEDDED_DATABASE_DIR: app.dataDir,
    PORT: String(app.port),
    AUTH_SECRET: "operations-test-secret-that-is-long-enough",
    NEXTAUTH_URL: "",
    AKISMET_KEY: "",
    TRUST_PROXY: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    npm_config_update_notifier: "false",
    ...app.env,
    ...extra,
  };
}

/** A fresh temporary folder for a test's data directories and backups; removed by the returned function. */
export function makeTempFolder(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** What a finished command printed. */
export interface CommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run --silent SCRIPT -- ARGS` as an operator would, on the test's database. */
export function runNpmScript(app: AppEnvironment, script: string, args: string[] = [], timeoutMs = 90_000): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], { cwd: root, env: processEnv(app), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

/** What `npm run dev` does first on a fresh directory (`db:setup`: the demo site, articles and moderator), then any `npm run settings` changes; throws with a command's output when it fails. */
export async function setUpDemoDatabase(app: AppEnvironment, settings: string[] = []): Promise<void> {
  for (const [script, args] of [["db:setup", []], ...(settings.length ? [["settings", settings] as const] : [])] as const) {
    const result = await runNpmScript(app, script, [...args]);
    if (result.exitCode !== 0) throw new Error(`npm run ${script} exited with ${result.exitCode}:\n${result.stdout}${result.stderr}`);
  }
}

/** A running `npm start`. */
export class AppProcess {
  private output = "";
  private exited: Promise<number | null>;
  exitCode: number | null | undefined = undefined;

  private constructor(
    readonly app: AppEnvironment,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.on("exit", (code) => {
        this.exitCode = code;
        resolve(code);
      }),
    );
  }

  /** Starts `npm start` (or `npm run dev`) in a process group of its own (so that a kill reaches npm, tsx and the server alike). */
  static launch(app: AppEnvironment, script: "start" | "dev" = "start"): AppProcess {
    // Development mode as a developer's shell gives it (the test runner's NODE_ENV "test" would confuse Next.js).
    const env = processEnv(app, script === "dev" ? { NODE_ENV: "development" } : {});
    const child = spawn("npm", ["run", script], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    return new AppProcess(app, child);
  }

  /** Starts `npm start` (or `npm run dev`) and waits until it answers; throws with its output when it exits first. */
  static async start(app: AppEnvironment, timeoutMs = 90_000, script: "start" | "dev" = "start"): Promise<AppProcess> {
    const started = AppProcess.launch(app, script);
    await started.waitUntilServing(timeoutMs);
    return started;
  }

  get url(): string {
    return `http://127.0.0.1:${this.app.port}`;
  }

  /** Everything it printed so far. */
  get printed(): string {
    return this.output;
  }

  async waitUntilServing(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== undefined) throw new Error(`npm start exited with ${this.exitCode} before serving:\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/`, { signal: AbortSignal.timeout(5_000) });
        await response.body?.cancel();
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`npm start did not serve within ${timeoutMs / 1000} s:\n${this.output}`);
  }

  /** Waits for it to exit on its own; the exit code. */
  waitForExit(timeoutMs: number): Promise<number | null | "timeout"> {
    return Promise.race([this.exited, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), timeoutMs))]);
  }

  /** Stops it as an operator's Ctrl-C or a service manager would (SIGTERM to the group), and waits. */
  async stop(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.signalGroup("SIGTERM");
    if ((await this.waitForExit(20_000)) === "timeout") {
      this.signalGroup("SIGKILL");
      await this.exited;
    }
  }

  /** kill -9 of every process of it, mid-flight. */
  async crash(): Promise<void> {
    this.signalGroup("SIGKILL");
    await this.exited;
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.child.pid!, signal);
    } catch {
      // already gone
    }
  }
}

/** Answers "? − b = c" as a reader would. */
function solveQuestion(question: string): string {
  const match = /^\?\s*−\s*(\d+)\s*=\s*(\d+)$/.exec(question);
  if (!match) throw new Error(`Unexpected captcha question: ${question}`);
  return String(Number(match[1]) + Number(match[2]));
}

/** The answer to one POST of a comment. */
export interface PostOutcome {
  status: number;
  id: string | null;
  /** When the reader started posting (ms since the epoch). */
  sentAt: number;
  /** When the answer arrived (ms since the epoch). */
  acknowledgedAt: number;
}

/** Posts a comment as a reader at `address` would: a captcha, then the comment. */
export async function postComment(baseUrl: string, slug: string, fields: { body: string; authorEmail: string; authorName?: string }, address: string): Promise<PostOutcome> {
  const headers = { "x-forwarded-for": address, "user-agent": "operations-test" };
  const sentAt = Date.now();
  const captcha = (await (await fetch(`${baseUrl}/api/v1/captcha`, { headers })).json()) as { token: string; question: string };
  const response = await fetch(`${baseUrl}/api/v1/articles/${slug}/comments`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({
      authorName: fields.authorName ?? "Operations Reader",
      authorEmail: fields.authorEmail,
      body: fields.body,
      captchaToken: captcha.token,
      captchaAnswer: solveQuestion(captcha.question),
    }),
  });
  const body = (await response.json()) as { id?: string };
  return { status: response.status, id: response.status === 201 ? (body.id ?? null) : null, sentAt, acknowledgedAt: Date.now() };
}

/** Signs in through next-auth's credentials flow (SPEC.md), whatever the account's role; the cookies it ends with. */
export async function signInCookies(baseUrl: string, email: string, password: string): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      cookies.set(name!.trim(), value.join("="));
    }
  };
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  remember(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(cookies) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  remember(response);
  return cookies;
}

/** Cookies as a Cookie header. */
export function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** A signed-in dashboard session: its cookies, sent with every call. */
export class ModeratorSession {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookies: Map<string, string>,
  ) {}

  /** Signs in through next-auth's credentials flow (SPEC.md); null when refused. */
  static async signIn(baseUrl: string, email: string, password: string): Promise<ModeratorSession | null> {
    const session = new ModeratorSession(baseUrl, await signInCookies(baseUrl, email, password));
    const probe = await session.request("GET", "/api/v1/moderation/comments?queue=pending");
    return probe.status === 200 ? session : null;
  }

  /** A JSON call to the app with this session's cookies. */
  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        cookie: cookieHeader(this.cookies),
        origin: this.baseUrl,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
}

/** Ports for the layer's apps: apart from the e2e (3100–3199) and scale (3110, 3111) ones; bench/embedded-backup.ts uses 3220. */
export const operationsPorts = { first: 3210, second: 3211, third: 3212 } as const;

/** What a load of posters got back. */
export interface LoadReport {
  outcomes: PostOutcome[];
  /** The ids of the comments answered 201. */
  acknowledged: string[];
  /** Answers other than 201, and requests that failed (a crashed server), by status or error. */
  others: Map<string, number>;
}

let posterSerial = 0;

/** One reader of a load: their own address and e-mail, so flood limits and duplicates never refuse them. */
function nextPoster(): { address: string; email: string; serial: number } {
  posterSerial += 1;
  return { address: `198.51.${Math.floor(posterSerial / 250) % 250}.${(posterSerial % 250) + 1}`, email: `load-${process.pid}-${posterSerial}@example.org`, serial: posterSerial };
}

function countOther(report: LoadReport, key: string): void {
  report.others.set(key, (report.others.get(key) ?? 0) + 1);
}

async function postOne(baseUrl: string, slug: string, report: LoadReport): Promise<void> {
  const poster = nextPoster();
  try {
    const outcome = await postComment(baseUrl, slug, { body: `Load comment ${poster.serial} of run ${process.pid}: trees, shade and the cost of cooling.`, authorEmail: poster.email }, poster.address);
    report.outcomes.push(outcome);
    if (outcome.status === 201 && outcome.id) report.acknowledged.push(outcome.id);
    else countOther(report, String(outcome.status));
  } catch (error) {
    countOther(report, error instanceof Error ? error.message : String(error));
  }
}

/** `concurrency` readers posting one comment after another until `isDone()`. */
export async function postConcurrently(baseUrl: string, slug: string, concurrency: number, isDone: () => boolean): Promise<LoadReport> {
  const report: LoadReport = { outcomes: [], acknowledged: [], others: new Map() };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!isDone()) await postOne(baseUrl, slug, report);
    }),
  );
  return report;
}

/** New comments at a steady rate (each reader posts once), for `durationMs`; `report` fills in as answers arrive, for a caller watching the load. */
export async function postAtRate(baseUrl: string, slug: string, perSecond: number, durationMs: number, report: LoadReport = { outcomes: [], acknowledged: [], others: new Map() }): Promise<LoadReport> {
  const inFlight: Promise<void>[] = [];
  const started = Date.now();
  for (let sent = 0; Date.now() - started < durationMs; sent += 1) {
    const due = started + (sent * 1000) / perSecond;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    inFlight.push(postOne(baseUrl, slug, report));
  }
  await Promise.all(inFlight);
  return report;
}
