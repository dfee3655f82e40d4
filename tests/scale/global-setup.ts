// Runs once the web servers are launched (playwright.scale.config.ts). Playwright
// waits for instance A itself, but instance B is launched without a URL to wait
// for, so that both can start migrating at once: here we wait for B.
import { instanceB } from "./instances";

const START_TIMEOUT_MS = 90_000;

async function isAnswering(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Waits for instance B's home page to answer 200. */
export default async function globalSetup(): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await isAnswering(`${instanceB.url}/`))) {
    if (Date.now() > deadline) throw new Error(`Instance B did not answer on ${instanceB.url}/ within ${START_TIMEOUT_MS / 1000} s of A: see its [B] output above`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
