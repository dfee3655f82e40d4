// The process-wide collaborators of posting, built once from the environment:
// the database, the captcha secret and the Akismet client (or none).
import { randomBytes } from "node:crypto";
import { getDb, type Db } from "../db";
import { getEnv } from "../env";
import { createAkismetClient, type SpamChecker } from "../integrations/akismet";
import { getLiveBus, type LiveBus } from "../live/live-bus";

/** What submitComment and reportComment work with. */
export interface PostingServices {
  db: Db;
  /** Signs captcha tokens and reporter keys. */
  secret: string;
  spamChecker: SpamChecker | null;
  /** Akismet's `blog` field; the article's site origin when unset. */
  akismetBlog: string | undefined;
  /** Told what changed once a comment, report or decision is stored (lib/live); without one, nobody is. */
  live?: LiveBus | undefined;
}

type ConfiguredServices = Omit<PostingServices, "db" | "live">;

const globalForPosting = globalThis as typeof globalThis & { postingServices?: ConfiguredServices };

/** The services, with the current process-wide database and change bus; configured once from the environment. */
export function getPostingServices(): PostingServices {
  return { ...getConfiguredServices(), db: getDb(), live: getLiveBus() };
}

function getConfiguredServices(): ConfiguredServices {
  if (globalForPosting.postingServices) return globalForPosting.postingServices;
  const env = getEnv();
  let secret = env.AUTH_SECRET;
  if (!secret) {
    // Without a shared secret, tokens only verify in this process: fine for tests, wrong for several instances.
    secret = randomBytes(32).toString("base64url");
    console.warn("AUTH_SECRET is not set: captcha tokens are signed with a per-process secret");
  }
  let spamChecker: SpamChecker | null = null;
  if (env.AKISMET_KEY) {
    spamChecker = createAkismetClient({
      key: env.AKISMET_KEY,
      blog: env.AKISMET_BLOG ?? "http://localhost",
      host: env.AKISMET_HOST,
      protocol: env.AKISMET_PROTOCOL,
      timeoutMs: env.AKISMET_TIMEOUT_MS,
    });
    console.log(`Akismet: checking comments at ${env.AKISMET_PROTOCOL}://${env.AKISMET_HOST} (timeout ${env.AKISMET_TIMEOUT_MS} ms)`);
  } else {
    console.log("Akismet: no AKISMET_KEY set, so the spam check is skipped");
  }
  globalForPosting.postingServices = { secret, spamChecker, akismetBlog: env.AKISMET_BLOG };
  return globalForPosting.postingServices;
}

/** Whether new comments are sent to Akismet: readers are told so beside the form only then. */
export function isSpamCheckOn(): boolean {
  return getConfiguredServices().spamChecker !== null;
}

/** Replaces the configured services (tests that point Akismet at the stand-in); undefined rebuilds them from the environment. */
export function setPostingServices(services: ConfiguredServices | undefined): void {
  globalForPosting.postingServices = services;
}

/** The app's signing secret (AUTH_SECRET), for tokens written outside a request: readers' mail links. */
export function getSigningSecret(): string {
  return getConfiguredServices().secret;
}
