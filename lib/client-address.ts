// Who sent a request. The socket's peer is the only address nobody can forge;
// behind reverse proxies, each one appends the address it saw to
// X-Forwarded-For, so the client is found by walking that chain from the
// right past the proxies we trust — never by reading its left end, which is
// whatever the client chose to write there (SPEC.md, TRUST_PROXY).
import { BlockList, isIP } from "node:net";

/** Which proxies stand in front of the app: none, a number of them, or their addresses. */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; list: BlockList; text: string };

/** Reads TRUST_PROXY: unset/0/false, a hop count (`true` is one), or a comma list of addresses and CIDR ranges; throws naming the variable. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0" || text === "false") return { kind: "none" };
  if (text === "true") return { kind: "hops", hops: 1 };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Number(text) };
  const list = new BlockList();
  for (const entry of text.split(",").map((part) => part.trim())) {
    const [address = "", prefix, ...rest] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? null : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || rest.length > 0 || (bits !== null && (!/^\d+$/.test(prefix ?? "") || bits > maxBits))) {
      throw new Error(`TRUST_PROXY: "${entry}" is not a proxy count, an IP address or a CIDR range (like 10.0.0.0/8)`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === null) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return { kind: "addresses", list, text };
}

/** An address as the proxies' lists compare it: IPv4-mapped IPv6 as plain IPv4. */
export function normalizeAddress(address: string): string {
  return address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, an embedded IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", rest] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const middle = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16));
}

/**
 * The network an address belongs to, as one client is counted: the /24 of an
 * IPv4 address and the /48 of an IPv6 one (what a single subscriber or host
 * can easily hop within). Anything that is not an address is its own network.
 */
export function addressNetwork(address: string): string {
  const normalized = normalizeAddress(address);
  const family = isIP(normalized);
  if (family === 4) return `${normalized.split(".").slice(0, 3).join(".")}.0/24`;
  if (family === 6) {
    const groups = ipv6Groups(normalized);
    // IPv4-mapped, however it is written, is the IPv4 client it maps.
    if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) return `${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.0/24`;
    return `${groups.slice(0, 3).map((group) => group.toString(16)).join(":")}::/48`;
  }
  return normalized;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: with no trusted proxy, the socket's peer; with N
 * hops, the address N places from the right of the chain (X-Forwarded-For
 * then the peer), which is what the nearest trusted proxy saw; with trusted
 * addresses, the right-most address in the chain that is not one of them.
 */
export function resolveClientAddress(request: { trust: TrustProxy; socketAddress: string; forwardedFor: string }): string {
  const peer = normalizeAddress(request.socketAddress);
  if (request.trust.kind === "none") return peer;
  const chain = [
    ...request.forwardedFor
      .split(",")
      .map(normalizeAddress)
      .filter(Boolean),
    peer,
  ];
  if (request.trust.kind === "hops") return chain[Math.max(0, chain.length - 1 - request.trust.hops)] ?? peer;
  const { list } = request.trust;
  for (let index = chain.length - 1; index >= 0; index -= 1) {
    if (!isTrusted(list, chain[index]!)) return chain[index]!;
  }
  return chain[0] ?? peer;
}

/** Set by scripts/server.ts from the socket, overwriting whatever a client sent. */
export const CLIENT_IP_HEADER = "x-comments-client-ip";

/**
 * The client's address from a request's headers: the socket's peer is the
 * header npm start's server stamps; under `next dev`, which stamps none,
 * Next.js appends the peer to X-Forwarded-For, so there it is the last entry.
 */
export function readClientAddress(readHeader: (name: string) => string | null | undefined, trust: TrustProxy): string {
  const forwarded = (readHeader("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  const stamped = readHeader(CLIENT_IP_HEADER);
  const socketAddress = stamped ?? forwarded.pop() ?? "";
  return resolveClientAddress({ trust, socketAddress, forwardedFor: forwarded.join(",") }).slice(0, 64);
}
