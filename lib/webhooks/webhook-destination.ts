// Where a webhook may point. Administrators choose the URL, so receivers on
// this machine or the local network are allowed (a self-hosted bridge is the
// common case), but two destinations are refused:
// - the app itself (its public URL, the dashboard's own host, or a loopback
//   address on the app's port): a hook must not post into the app it comes from;
// - addresses no receiver lives at but that a server-side request could abuse:
//   link-local (cloud metadata services at 169.254.169.254, fd00:ec2::254),
//   unspecified, multicast and broadcast.
// The URL is checked when saved, and the address it resolves to is checked
// again when each delivery connects (a name can change what it points at).
import { BlockList, isIP } from "node:net";
import { AppError } from "../errors";
import { DEFAULT_LOCALE } from "../i18n/locales";
import { translate, type MessageParams } from "../i18n/translate";
import { checkWebhookUrlShape } from "../validation/webhook-input";

/** What a destination is checked against: the origins the app answers on and the port it listens on. */
export interface WebhookDestinationPolicy {
  appOrigins: readonly string[];
  appPort: number;
}

const forbiddenAddresses = new BlockList();
forbiddenAddresses.addSubnet("0.0.0.0", 8, "ipv4");
forbiddenAddresses.addSubnet("169.254.0.0", 16, "ipv4");
forbiddenAddresses.addSubnet("224.0.0.0", 4, "ipv4");
forbiddenAddresses.addAddress("255.255.255.255", "ipv4");
forbiddenAddresses.addAddress("100.100.100.200", "ipv4");
forbiddenAddresses.addAddress("::", "ipv6");
forbiddenAddresses.addSubnet("fe80::", 10, "ipv6");
forbiddenAddresses.addSubnet("ff00::", 8, "ipv6");
forbiddenAddresses.addAddress("fd00:ec2::254", "ipv6");

const loopbackAddresses = new BlockList();
loopbackAddresses.addSubnet("127.0.0.0", 8, "ipv4");
loopbackAddresses.addAddress("::1", "ipv6");

/** An IP literal without the brackets URLs put around IPv6. */
function bareAddress(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

function ipFamily(address: string): "ipv4" | "ipv6" | null {
  const version = isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : null;
}

/** Why a URL may not receive webhooks: a catalog key (or the shape check's text) and its values, so the API can say it in the request's language. */
interface UrlProblem {
  message: string;
  params?: MessageParams;
}

function findForbiddenAddressProblem(address: string): UrlProblem | null {
  const family = ipFamily(address);
  if (!family) return null;
  // BlockList matches IPv4-mapped IPv6 (::ffff:169.254.169.254) against the IPv4 rules too.
  return forbiddenAddresses.check(address, family) ? { message: "api.webhooks.forbiddenAddress", params: { address } } : null;
}

function inEnglish(problem: UrlProblem | null): string | null {
  return problem && translate(DEFAULT_LOCALE, problem.message, problem.params);
}

/** Why no delivery may go to this IP address (link-local, metadata, unspecified, multicast), or null. */
export function describeForbiddenAddress(address: string): string | null {
  return inEnglish(findForbiddenAddressProblem(address));
}

/** Whether an IP address is this machine's loopback. */
export function isLoopbackAddress(address: string): boolean {
  const family = ipFamily(address);
  return family !== null && loopbackAddresses.check(address, family);
}

function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost") || isLoopbackAddress(bareAddress(name));
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

function findUrlProblem(text: string, policy: WebhookDestinationPolicy): UrlProblem | null {
  const shape = checkWebhookUrlShape(text);
  if ("problem" in shape) return { message: shape.problem };
  const url = new URL(shape.url);
  const isTheApp = policy.appOrigins.some((origin) => origin === url.origin) || (isLoopbackName(url.hostname) && portOf(url) === policy.appPort);
  if (isTheApp) return { message: "api.webhooks.pointsAtApp" };
  return findForbiddenAddressProblem(bareAddress(url.hostname));
}

/** Why a URL may not receive webhooks under this policy (in English), or null when it may. Shape problems (scheme, credentials) come first. */
export function findWebhookUrlProblem(text: string, policy: WebhookDestinationPolicy): string | null {
  return inEnglish(findUrlProblem(text, policy));
}

/** Throws `validation` on `url` when the URL may not receive webhooks. */
export function requireWebhookUrl(text: string, policy: WebhookDestinationPolicy): string {
  const problem = findUrlProblem(text, policy);
  if (problem) throw new AppError("validation", "api.webhooks.badUrl", { fields: { url: problem.message }, params: { ...problem.params, problem: problem.message } });
  return new URL(text.trim()).href;
}

/**
 * Whether a connection to `address:port` (after the name was resolved) would
 * reach the app itself or a forbidden address: the check made as each
 * delivery connects.
 */
export function findConnectProblem(address: string, port: number, policy: WebhookDestinationPolicy): string | null {
  if (isLoopbackAddress(address) && port === policy.appPort) return `${address}:${port} is this app itself`;
  return describeForbiddenAddress(address);
}

/** The app's origins: its configured public URLs and, for the dashboard, the origin the request came to. */
export function appOriginsOf(urls: ReadonlyArray<string | null | undefined>): string[] {
  const origins = new Set<string>();
  for (const value of urls) {
    if (!value) continue;
    try {
      const url = new URL(value);
      if (url.protocol === "http:" || url.protocol === "https:") origins.add(url.origin);
    } catch {
      // Not a URL: nothing to compare against.
    }
  }
  return [...origins];
}
