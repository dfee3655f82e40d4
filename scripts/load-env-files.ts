// Command-line scripts read .env files the way Next.js does for the server:
// `.env.local` first, then `.env`; variables already set in the shell win.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { resetEnvCache } from "../lib/env";

/** Loads `.env.local` and `.env` from the project root into process.env. */
export function loadEnvFiles(directory = process.cwd()): void {
  for (const name of [".env.local", ".env"]) {
    const path = join(directory, name);
    if (existsSync(path)) process.loadEnvFile(path);
  }
  resetEnvCache();
}
