// The lock beside an embedded data directory: who holds it, when a lock is
// stale (dead PID, reused PID, a half-written file left long ago), and that a
// process only ever removes its own. Other processes are real children
// (`sleep`), never mocks of the process table.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  claimDirectory,
  DirectoryInUseError,
  findServingApp,
  isOwnerAlive,
  lockFileFor,
  readLiveOwner,
  readLock,
  readProcessStart,
  type OwnerRecord,
  type OwnershipClaim,
} from "@/lib/embedded-database/ownership";

let tempDir: string;
let dataDir: string;
const children: ChildProcess[] = [];
const claims: OwnershipClaim[] = [];

beforeEach(() => {
  tempDir = mkdtempSync(join(tmpdir(), "ownership-"));
  dataDir = join(tempDir, "pglite");
});

afterEach(() => {
  for (const claim of claims.splice(0)) claim.release();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(tempDir, { recursive: true, force: true });
});

/** A live process that is not this one. */
async function startOtherProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn("sleep", ["30"], { stdio: "ignore" });
  children.push(child);
  await new Promise<void>((resolvePromise, reject) => {
    child.once("spawn", resolvePromise);
    child.once("error", reject);
  });
  return child as ChildProcess & { pid: number };
}

/** The PID of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn("true", [], { stdio: "ignore" });
  await new Promise((resolvePromise) => child.once("exit", resolvePromise));
  return child.pid!;
}

/** The PID of a process that has exited but is not reaped: its parent (`sleep 30`, after the shell's exec) never waits for it. */
async function zombiePid(): Promise<number> {
  const parent = spawn("sh", ["-c", "sleep 0.05 & echo $!; exec sleep 30"], { stdio: ["ignore", "pipe", "ignore"] });
  children.push(parent);
  const pid = await new Promise<number>((resolvePromise) => parent.stdout!.once("data", (data: Buffer) => resolvePromise(Number(data.toString().trim()))));
  await vi.waitFor(
    () => {
      if (!/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"))) throw new Error(`process ${pid} is not a zombie yet`);
    },
    { timeout: 2_000, interval: 20 },
  );
  return pid;
}

function ownerRecord(overrides: Partial<OwnerRecord> & { pid: number }): OwnerRecord {
  return { processStart: null, role: "app", command: "next start", since: "2026-01-01T00:00:00.000Z", socketDir: null, ...overrides };
}

function writeLock(record: OwnerRecord | string): string {
  const text = typeof record === "string" ? record : `${JSON.stringify(record)}\n`;
  writeFileSync(lockFileFor(dataDir), text);
  return text;
}

function requireClaim(result: ReturnType<typeof claimDirectory>): OwnershipClaim {
  if (!("claim" in result)) throw new Error(`expected a claim, the directory is held by PID ${result.owner.pid}`);
  claims.push(result.claim);
  return result.claim;
}

describe("readProcessStart", () => {
  it("reads a live process's start time and gives null for a process that is gone", async () => {
    expect(readProcessStart(process.pid)).toEqual(expect.any(Number));
    expect(readProcessStart(await deadPid())).toBeNull();
  });
});

describe("claimDirectory", () => {
  it("claims a fresh directory with a lock beside it naming this process", () => {
    const claim = requireClaim(claimDirectory(dataDir, "app"));

    expect(lockFileFor(dataDir)).toBe(`${resolve(dataDir)}.lock`);
    expect(readLock(dataDir)).toEqual({
      pid: process.pid,
      processStart: readProcessStart(process.pid),
      role: "app",
      command: expect.any(String),
      since: claim.record.since,
      socketDir: null,
    });
    expect(readLiveOwner(dataDir)?.pid).toBe(process.pid);
  });

  it("refuses a second claim by the process that already holds the directory", () => {
    requireClaim(claimDirectory(dataDir, "app"));

    expect(() => claimDirectory(dataDir, "command")).toThrow(/already holds/);
    expect(readLock(dataDir)?.role).toBe("app");
  });

  it("returns a live other process's lock as the owner and leaves it in place", async () => {
    const other = await startOtherProcess();
    const text = writeLock(ownerRecord({ pid: other.pid, processStart: readProcessStart(other.pid), socketDir: "/tmp/owner-sockets" }));

    const result = claimDirectory(dataDir, "command");

    expect(result).toEqual({ owner: expect.objectContaining({ pid: other.pid, role: "app", socketDir: "/tmp/owner-sockets" }) });
    expect(readFileSync(lockFileFor(dataDir), "utf8")).toBe(text);
    expect(readLiveOwner(dataDir)?.pid).toBe(other.pid);
  });

  it("takes over the lock of a process that has exited", async () => {
    writeLock(ownerRecord({ pid: await deadPid(), processStart: 12_345 }));

    const claim = requireClaim(claimDirectory(dataDir, "command"));

    expect(claim.record.pid).toBe(process.pid);
    expect(readLock(dataDir)?.pid).toBe(process.pid);
  });

  it("takes over the lock of a process that has exited but is not reaped yet (a zombie)", async () => {
    const pid = await zombiePid();
    writeLock(ownerRecord({ pid, processStart: readProcessStart(pid) }));

    const claim = requireClaim(claimDirectory(dataDir, "command"));

    expect(claim.record.pid).toBe(process.pid);
  });

  it("takes over a lock whose PID now belongs to a process started at another time (a reused PID)", async () => {
    const other = await startOtherProcess();
    const recorded = ownerRecord({ pid: other.pid, processStart: readProcessStart(other.pid)! + 1 });
    writeLock(recorded);
    expect(isOwnerAlive(recorded)).toBe(false);

    const claim = requireClaim(claimDirectory(dataDir, "command"));

    expect(claim.record.pid).toBe(process.pid);
    expect(other.exitCode).toBeNull();
  });

  it("takes over an unparsable lock left more than 2 s ago", () => {
    writeLock("{ half written");
    const longAgo = new Date(Date.now() - 10_000);
    utimesSync(lockFileFor(dataDir), longAgo, longAgo);

    const claim = requireClaim(claimDirectory(dataDir, "app"));

    expect(readLock(dataDir)?.since).toBe(claim.record.since);
  });

  it("waits for an unparsable lock written just now (its owner may be writing it) before taking it over", () => {
    writeLock("");
    const started = Date.now();

    const claim = requireClaim(claimDirectory(dataDir, "app"));

    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(readLock(dataDir)?.since).toBe(claim.record.since);
  });

  it("never names a process that has exited as the owner, even while another claimant is taking its lock over", async () => {
    const pid = await deadPid();
    writeLock(ownerRecord({ pid, processStart: 12_345 }));
    // The short-lived guard of a takeover in progress (or of one that crashed under 10 s ago).
    writeFileSync(`${lockFileFor(dataDir)}.takeover`, "");

    let result: ReturnType<typeof claimDirectory> | undefined;
    try {
      result = claimDirectory(dataDir, "app");
    } catch {
      // Saying "try again" is fine; naming a dead process as the owner is not.
    }

    expect(result).not.toEqual({ owner: expect.objectContaining({ pid }) });
  });
});

describe("findServingApp", () => {
  it("returns a live app that still serves the directory once the grace is over", async () => {
    const other = await startOtherProcess();
    writeLock(ownerRecord({ pid: other.pid, processStart: readProcessStart(other.pid), socketDir: "/tmp/owner-sockets" }));
    const startedAt = Date.now();

    const owner = await findServingApp(dataDir, 300);

    expect(owner).toEqual(expect.objectContaining({ pid: other.pid, role: "app" }));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
  });

  it("returns null once an app that is going away has exited within the grace", async () => {
    const other = await startOtherProcess();
    writeLock(ownerRecord({ pid: other.pid, processStart: readProcessStart(other.pid) }));
    setTimeout(() => other.kill("SIGKILL"), 100);

    expect(await findServingApp(dataDir, 3_000)).toBeNull();
  });

  it.each([
    { case: "no lock", prepare: async () => undefined },
    { case: "a command's lock", prepare: async () => void writeLock(ownerRecord({ pid: (await startOtherProcess()).pid, role: "command" })) },
    { case: "a dead app's lock", prepare: async () => void writeLock(ownerRecord({ pid: await deadPid() })) },
  ])("returns null at once for $case", async ({ prepare }) => {
    await prepare();
    const startedAt = Date.now();

    expect(await findServingApp(dataDir, 5_000)).toBeNull();
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });
});

describe("an ownership claim", () => {
  it("removes its lock on release, and a second release does nothing", () => {
    const claim = requireClaim(claimDirectory(dataDir, "command"));

    claim.release();
    claim.release();

    expect(existsSync(lockFileFor(dataDir))).toBe(false);
    expect(readLiveOwner(dataDir)).toBeNull();
  });

  it("does not remove a lock that someone else has written since", async () => {
    const claim = requireClaim(claimDirectory(dataDir, "command"));
    const other = await startOtherProcess();
    const text = writeLock(ownerRecord({ pid: other.pid, processStart: readProcessStart(other.pid) }));

    claim.release();

    expect(readFileSync(lockFileFor(dataDir), "utf8")).toBe(text);
  });

  it("records the socket folder when it announces its sockets, and still releases the rewritten lock", () => {
    const claim = requireClaim(claimDirectory(dataDir, "app"));
    const since = claim.record.since;

    claim.announceSockets("/tmp/owner-sockets");

    expect(readLock(dataDir)).toEqual(expect.objectContaining({ pid: process.pid, since, socketDir: "/tmp/owner-sockets" }));
    expect(claim.record.socketDir).toBe("/tmp/owner-sockets");
    expect(readdirSync(tempDir)).toEqual(["pglite.lock"]);
    claim.release();
    expect(existsSync(lockFileFor(dataDir))).toBe(false);
  });
});

describe("DirectoryInUseError", () => {
  it.each([
    { case: "the app, with its command", role: "app" as const, command: "next start", who: "the app", named: ": next start" },
    { case: "a command, with its command line", role: "command" as const, command: "scripts/moderator-add.ts", who: "a command", named: ": scripts/moderator-add.ts" },
    { case: "a command whose command line is unknown", role: "command" as const, command: "", who: "a command", named: "" },
  ])("names the directory, the owner's PID and the advice: $case", ({ role, command, who, named }) => {
    const owner = ownerRecord({ pid: 4242, role, command, since: "2026-05-01T10:00:00.000Z" });

    const error = new DirectoryInUseError("data/pglite", owner, "Stop it first.");

    expect(error.name).toBe("DirectoryInUseError");
    expect(error.owner).toBe(owner);
    expect(error.message).toBe(
      `The embedded database ${resolve("data/pglite")} is in use by ${who} (PID 4242${named}, since 2026-05-01T10:00:00.000Z). Stop it first.`,
    );
  });
});
