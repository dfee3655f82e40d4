// Password hashing with Node's built-in scrypt: a memory-hard KDF that needs no
// native addon (argon2/bcrypt builds would need binaries this machine cannot fetch).
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;
// OWASP's Password Storage Cheat Sheet minimum for scrypt: N = 2^17, r = 8, p = 1. That needs
// 128 · N · r bytes = 128 MiB (plus a little), so the memory cap sits above it.
const params = { N: 131_072, r: 8, p: 1 };
const maxmem = 256 * 1024 * 1024;
const saltLength = 16;
const keyLength = 64;

interface StoredHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): StoredHash | null {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return null;
  const numbers = [Number(n), Number(r), Number(p)];
  if (!numbers.every((value) => Number.isSafeInteger(value) && value > 0)) return null;
  return { N: numbers[0]!, r: numbers[1]!, p: numbers[2]!, salt: Buffer.from(salt, "base64url"), hash: Buffer.from(hash, "base64url") };
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength);
  const hash = await scryptAsync(password, salt, keyLength, { ...params, maxmem });
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/** Checks a password against a stored hash (made with any parameters up to the memory cap) in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  const actual = await scryptAsync(password, parsed.salt, parsed.hash.length, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem });
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** Whether a stored hash is weaker than what `hashPassword` makes now, so it should be replaced once the password is known. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  return parsed.N < params.N || parsed.r < params.r || parsed.p < params.p || parsed.salt.length < saltLength || parsed.hash.length < keyLength;
}
