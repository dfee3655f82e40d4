import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeSocketFolder, startOwnerSockets } from "@/lib/embedded-database/owner-server";

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "socket-folder-"));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

// The refusals come before the database is used: none is needed.
const noDatabase = null as unknown as PGlite;
const options = { onNotification: () => undefined, control: { backup: async () => new Uint8Array(), describe: () => ({}) } };

describe("the owner's socket folder", () => {
  it("is refused when it is a link to somewhere else", async () => {
    const elsewhere = join(root, "elsewhere");
    mkdirSync(elsewhere);
    const socketDir = join(root, "db.sockets");
    symlinkSync(elsewhere, socketDir);

    await expect(startOwnerSockets(noDatabase, socketDir, options)).rejects.toThrow(`${socketDir} is not a folder of this user's`);
    expect(existsSync(elsewhere)).toBe(true);
  });

  it.skipIf(process.getuid?.() !== 0)("is refused when another user made it (a planted folder under a shared /tmp)", async () => {
    const socketDir = join(root, "db.sockets");
    mkdirSync(socketDir, { mode: 0o777 });
    chownSync(socketDir, 65534, 65534);

    await expect(startOwnerSockets(noDatabase, socketDir, options)).rejects.toThrow("is not a folder of this user's");
  });

  it("is never emptied of files that are not the owner's sockets", () => {
    const socketDir = join(root, "db.sockets");
    mkdirSync(socketDir);
    writeFileSync(join(socketDir, "notes.txt"), "mine");

    expect(() => removeSocketFolder(socketDir)).toThrow(/holds other files \(notes\.txt\)/);
    expect(existsSync(join(socketDir, "notes.txt"))).toBe(true);
  });

  it("is removed with the owner's sockets in it", () => {
    const socketDir = join(root, "db.sockets");
    mkdirSync(socketDir);
    writeFileSync(join(socketDir, ".s.PGSQL.5432"), "");
    writeFileSync(join(socketDir, "control.sock"), "");

    removeSocketFolder(socketDir);

    expect(existsSync(socketDir)).toBe(false);
  });
});
