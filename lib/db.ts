// The only place a Prisma client is created. One PostgreSQL dialect, two ways
// to reach it: the embedded PGlite database in-process (DATABASE_URL unset) or
// a PostgreSQL server through node-postgres (DATABASE_URL=postgresql://…).
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { getEnv } from "./env";
import { PrismaClient } from "./generated/prisma/client";

/** The Prisma client type that domain code receives. */
export type Db = PrismaClient;

/** One connection on which raw SQL runs in order (migrations, advisory locks). */
export interface SqlConnection {
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs a script of several statements. */
  exec(script: string): Promise<void>;
}

/** An open database: the Prisma client plus raw access for migrations. */
export interface DatabaseHandle {
  prisma: PrismaClient;
  engine: "embedded" | "postgresql";
  /** Where the data lives, without credentials, for start-up messages. */
  location: string;
  withConnection<T>(work: (connection: SqlConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where to connect: a PostgreSQL URL, or else the embedded database's directory. */
export interface DatabaseOptions {
  url?: string | undefined;
  embeddedDir?: string | undefined;
  poolSize?: number | undefined;
}

function openEmbedded(dataDir: string): DatabaseHandle {
  const pglite = new PGlite(dataDir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  // PGlite is a single connection that queues its callers itself.
  const connection: SqlConnection = {
    query: async (text, params) => (await pglite.query<Record<string, unknown>>(text, params)).rows,
    exec: async (script) => {
      await pglite.exec(script);
    },
  };
  return {
    prisma,
    engine: "embedded",
    location: dataDir,
    withConnection: (work) => work(connection),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server (restart, failover) must not crash the app: the pool replaces it.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const redacted = new URL(url);
  redacted.password = redacted.password ? "***" : "";
  return {
    prisma,
    engine: "postgresql",
    location: redacted.toString(),
    withConnection: async (work) => {
      const client = await pool.connect();
      try {
        return await work({
          query: async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows,
          exec: async (script) => {
            await client.query(script);
          },
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Opens a database explicitly (scripts and tests); the app uses getDatabase(). */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openEmbedded(options.embeddedDir ?? "./data/pglite");
}

// Kept on globalThis so that dev-server reloads and separately bundled routes
// share one handle: two PGlite instances on one directory would corrupt it.
const globalForDb = globalThis as typeof globalThis & { commentsDatabase?: DatabaseHandle };

/** The process-wide database chosen by the environment, opened on first use. */
export function getDatabase(): DatabaseHandle {
  if (!globalForDb.commentsDatabase) {
    const env = getEnv();
    globalForDb.commentsDatabase = openDatabase({ url: env.DATABASE_URL, embeddedDir: env.EMBEDDED_DATABASE_DIR, poolSize: env.DATABASE_POOL_SIZE });
  }
  return globalForDb.commentsDatabase;
}

/** The process-wide Prisma client. */
export function getDb(): Db {
  return getDatabase().prisma;
}

/** Closes the process-wide database (end of a script or test file). */
export async function closeDatabase(): Promise<void> {
  const handle = globalForDb.commentsDatabase;
  globalForDb.commentsDatabase = undefined;
  if (handle) await handle.close();
}
